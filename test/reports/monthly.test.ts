/**
 * The monthly product report by email: on the 1st (from 08:00, business time) the previous month's
 * report goes to REPORT_EMAIL_TO through the outbox, once however often or wherever it is checked.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { productCategories } from '../../src/reports/categories.js';
import { type MonthlyReportDeps, monthDue, sendMonthlyReport } from '../../src/reports/monthly.js';
import { waitFor } from '../staff/harness.js';
import { type ReportHarness, reportHarness } from './harness.js';
import { seedProductHistory } from './seed.js';

let h: ReportHarness;
let deps: MonthlyReportDeps;
const ZONE = 'Asia/Shanghai';

beforeAll(async () => {
  h = await reportHarness({ now: '2026-12-01T07:30:00+08:00' });
  await seedProductHistory(h.record.db);
  h.startOutbox();
  const { runtime } = h;
  deps = {
    redis: runtime.redis,
    keyPrefix: runtime.config.REDIS_KEY_PREFIX,
    queues: runtime.queues,
    clock: runtime.clock,
    logger: runtime.logger,
    readDb: h.record.readDb,
    timezone: ZONE,
    categories: productCategories(runtime.content.bundle),
    to: ['rd@example.com', 'quality@example.com'],
    publicBaseUrl: 'https://support.example.com/',
  };
});
afterAll(async () => h.close());

describe('the monthly product report', () => {
  it('is due for the previous month from 08:00 on the 1st', () => {
    expect(monthDue(new Date('2026-12-01T07:59:00+08:00'), ZONE)).toBeNull();
    expect(monthDue(new Date('2026-12-01T08:00:00+08:00'), ZONE)?.month).toBe('2026-11');
    expect(monthDue(new Date('2026-12-17T15:00:00+08:00'), ZONE)?.month).toBe('2026-11');
    expect(monthDue(new Date('2027-01-02T00:00:00+08:00'), ZONE)?.month).toBe('2026-12');
  });

  it('mails November’s laptop and printer faults to every address, once', async () => {
    expect(await sendMonthlyReport(deps)).toBeNull();
    h.runtime.clock.set('2026-12-01T09:00:00+08:00');
    expect(await sendMonthlyReport(deps)).toBe('2026-11');
    expect(await sendMonthlyReport(deps)).toBeNull();
    await waitFor(() => h.sent.length >= 2);
    expect(h.sent.map((m) => [m.channel, m.to]).sort()).toEqual([
      ['email', 'quality@example.com'],
      ['email', 'rd@example.com'],
    ]);
    const mail = h.sent[0]!;
    expect(mail.replyContext).toEqual({ title: '产品故障月报 / Product fault report 2026-11' });
    expect(mail.text).toContain('合计：故障 4，重复故障率 0%（0/3），开箱故障率 25%');
    expect(mail.text).toContain('- 笔记本电脑 / Laptop');
    expect(mail.text).toContain('3 faults, repeat-fault rate 0% (0/2), dead on arrival 33.3%');
    expect(mail.text).toContain('笔记本电脑 / Laptop · ThinkPad X1 · 开不了机 · 主板: 1');
    expect(mail.text).toContain(
      'https://support.example.com/console/reports/products?from=2026-11-01&to=2026-11-30',
    );
  });

  it('takes REPORT_EMAIL_TO as comma-separated addresses, and refuses what is not one', () => {
    const base = { NODE_ENV: 'test', REDIS_URL: 'redis://127.0.0.1:6390' };
    expect(
      loadConfig({ ...base, REPORT_EMAIL_TO: 'rd@example.com, qa@example.com' }).REPORT_EMAIL_TO,
    ).toEqual(['rd@example.com', 'qa@example.com']);
    expect(loadConfig(base).REPORT_EMAIL_TO).toBeUndefined();
    expect(() => loadConfig({ ...base, REPORT_EMAIL_TO: 'rd@example.com, R&D' })).toThrow(/REPORT_EMAIL_TO/);
  });
});
