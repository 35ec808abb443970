/**
 * The record's background work in a worker process: the recorder, the HOT_DAYS sweep (every ten
 * minutes) and the RETENTION_DAYS purge (daily) — each once the schema is migrated.
 */

import { sql } from 'kysely';
import type { Clock } from '../clock.js';
import type { Desk } from '../desk/desk.js';
import type { Logger } from '../logger.js';
import type { Metrics } from '../metrics.js';
import { evictClosedCases } from './hot-days.js';
import type { RecordConnection } from './open.js';
import { Recorder } from './recorder.js';
import { purgeClosedCasesEverywhere } from './retention.js';

const SWEEP_EVERY_MS = 10 * 60_000;
const PURGE_EVERY_MS = 24 * 3600_000;

export interface RecordServiceOptions {
  /** What the runtime gives: the desk (and through it Redis and the key layout), and the clock. */
  runtime: { desk: Desk; clock: Clock };
  record: RecordConnection;
  logger: Logger;
  metrics?: Metrics;
  hotDays: number;
  retentionDays: number;
  /** Run the recorder (and so HOT_DAYS, which waits for it). @defaultValue true */
  recorder?: boolean;
  onUnreachable?: () => Promise<void>;
}

function every(ms: number, work: () => Promise<void>): () => void {
  void work();
  const timer = setInterval(() => void work(), ms);
  timer.unref();
  return () => clearInterval(timer);
}

export function startRecordService(options: RecordServiceOptions): { stop(): Promise<void> } {
  const { runtime, record, logger } = options;
  const recorder = new Recorder({
    redis: runtime.desk.deps.redis,
    keys: runtime.desk.inbox.keys,
    db: record.db,
    logger,
    ...(options.metrics ? { metrics: options.metrics } : {}),
    ...(options.onUnreachable ? { onUnreachable: options.onUnreachable } : {}),
  });
  const timers: Array<() => void> = [];
  let stopped = false;
  const started = record.ready.then(() => {
    if (stopped || options.recorder === false) return;
    recorder.start();
    timers.push(
      every(SWEEP_EVERY_MS, async () => {
        try {
          const done = await evictClosedCases(runtime.desk, record.db, options.hotDays, runtime.clock.now());
          if (done.evicted > 0)
            logger.info(done, `record: closed cases left Redis after HOT_DAYS (${options.hotDays})`);
        } catch (error) {
          logger.warn({ err: error }, 'record: HOT_DAYS sweep failed; it runs again later');
        }
      }),
    );
    // Event ids only need to outlive any chance of reading the same commit again (a stream kept while
    // PostgreSQL was away, a Redis restored from an older file): a month, then they go.
    timers.push(
      every(PURGE_EVERY_MS, async () => {
        await sql`delete from recorded_events where recorded_at < now() - interval '30 days'`
          .execute(record.db)
          .catch((error: unknown) => logger.warn({ err: error }, 'record: old event ids not pruned'));
      }),
    );
    if (options.retentionDays > 0) {
      timers.push(
        every(PURGE_EVERY_MS, async () => {
          try {
            const now = runtime.clock.now();
            const purged = await purgeClosedCasesEverywhere(
              runtime.desk,
              record.db,
              options.retentionDays,
              now,
            );
            if (purged > 0) logger.info({ purged }, 'purged closed cases past the retention period');
          } catch (error) {
            logger.error({ err: error }, 'retention purge failed');
          }
        }),
      );
    }
  });
  started.catch(() => undefined);
  return {
    async stop() {
      stopped = true;
      for (const stop of timers) stop();
      await recorder.stop();
    },
  };
}
