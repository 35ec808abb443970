/**
 * The monthly product report by email (`REPORT_EMAIL_TO`): early in each month, one worker process
 * sends the previous month's report through the outbox like every other mail (retries, delivery
 * states, sent once). A Redis key per month (SET NX) makes one process send it, once, however many
 * run; a process that was down on the 1st sends it when it comes back within the month.
 */
import type { Redis } from 'ioredis';
import { DateTime } from 'luxon';
import type { Effect } from '../cases/effects.js';
import type { Clock } from '../clock.js';
import type { RecordDb } from '../db/connect.js';
import type { Logger } from '../logger.js';
import type { Category } from './categories.js';
import { productReportMail } from './monthly-mail.js';
import { loadProductReport } from './product-report.js';

/** The mail goes out from this hour of the 1st (business timezone). */
const SEND_FROM_HOUR = 8;
const CHECK_EVERY_MS = 3600_000;
/** What owns the outbox messages of the report (no customer does); a failed one is logged only. */
export const REPORTS_SENDER = 'system-reports';

export interface MonthlyReportDeps {
  redis: Redis;
  keyPrefix: string;
  queues: { apply(effect: Effect): Promise<void> };
  clock: Clock;
  logger: Logger;
  readDb: RecordDb;
  timezone: string;
  categories: readonly Category[];
  to: readonly string[];
  publicBaseUrl?: string | undefined;
}

/** The month a report is due for at `now`: the previous one, once the 1st's sending hour has come. */
export function monthDue(now: Date, zone: string): { month: string; from: Date; to: Date } | null {
  const local = DateTime.fromJSDate(now, { zone });
  if (local.day === 1 && local.hour < SEND_FROM_HOUR) return null;
  const start = local.startOf('month').minus({ months: 1 });
  return {
    month: start.toFormat('yyyy-MM'),
    from: start.toJSDate(),
    to: start.plus({ months: 1 }).toJSDate(),
  };
}

/** Sends the month's report if nobody has; returns the month sent, or null. */
export async function sendMonthlyReport(deps: MonthlyReportDeps): Promise<string | null> {
  if (deps.to.length === 0) return null;
  const due = monthDue(deps.clock.now(), deps.timezone);
  if (!due) return null;
  const key = `${deps.keyPrefix}:reports:monthly:${due.month}`;
  const mine = await deps.redis.set(key, deps.clock.now().toISOString(), 'EX', 62 * 24 * 3600, 'NX');
  if (mine !== 'OK') return null;
  try {
    const report = await loadProductReport(deps.readDb, {
      from: due.from,
      to: due.to,
      timezone: deps.timezone,
    });
    const fromDay = DateTime.fromJSDate(due.from, { zone: deps.timezone }).toISODate();
    const toDay = DateTime.fromJSDate(due.to, { zone: deps.timezone }).minus({ days: 1 }).toISODate();
    const link = deps.publicBaseUrl
      ? `${deps.publicBaseUrl.replace(/\/$/, '')}/console/reports/products?from=${fromDay}&to=${toDay}`
      : null;
    const mail = productReportMail(report, due.month, deps.categories, link);
    for (const [n, address] of deps.to.entries()) {
      await deps.queues.apply({
        type: 'send',
        message: {
          id: `report-products-${due.month}-${n}`,
          channel: 'email',
          to: address,
          lang: 'zh',
          text: mail.text,
          customerId: REPORTS_SENDER,
          replyContext: { title: mail.subject },
          author: 'system',
          createdAt: deps.clock.now().toISOString(),
        },
      });
    }
    deps.logger.info({ month: due.month, to: deps.to.length }, 'reports: monthly product report sent');
    return due.month;
  } catch (error) {
    // Not sent: let the next check (or another process) try again.
    await deps.redis.del(key);
    throw error;
  }
}

export function startMonthlyReports(deps: MonthlyReportDeps): () => void {
  const check = () =>
    sendMonthlyReport(deps).catch((error: unknown) =>
      deps.logger.warn(
        { err: error },
        'reports: monthly product report not sent; tried again within the hour',
      ),
    );
  void check();
  const timer = setInterval(() => void check(), CHECK_EVERY_MS);
  timer.unref();
  return () => clearInterval(timer);
}
