/**
 * The record from the terminal:
 *
 *   npm run record -- backfill [--restart]   copy a Redis-only installation into the record
 *   npm run record -- status                 how far behind the record is, and what it holds
 *
 * Reads REDIS_URL, REDIS_KEY_PREFIX and DATABASE_URL like the server (no DATABASE_URL: the embedded
 * PostgreSQL under ./data/pg, shared with the running app). The backfill is idempotent and resumable:
 * stopped half-way, the next run continues where it stood; run twice, it adds nothing.
 * Exit codes: 0 done, 1 failed, 2 usage error.
 */
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { loadConfig, loadDotEnv } from '../config.js';
import { keySpace } from '../conversation/keys.js';
import { silentLogger } from '../logger.js';
import { backfill } from '../record/backfill.js';
import type { BackfillProgress } from '../record/backfill-progress.js';
import { connectRecord } from '../record/open.js';
import { backlogSeconds } from '../record/stream.js';
import { connectRedis, redisTarget } from '../redis/connect.js';

function usage(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(2);
}

const format = (counts: Record<string, number>) =>
  Object.entries(counts)
    .map(([what, n]) => `${what} ${n.toLocaleString('en')}`)
    .join(' · ');

function reporter(totalCases: number): (progress: BackfillProgress) => void {
  let last = 0;
  return (progress) => {
    if (progress.phase !== 'done' && Date.now() - last < 1000) return;
    last = Date.now();
    const share =
      progress.phase === 'customers' && totalCases > 0
        ? ` (${Math.min(100, Math.round(((progress.counts.cases ?? 0) / totalCases) * 100))} % of ${totalCases.toLocaleString('en')} cases)`
        : '';
    process.stderr.write(`backfill: ${progress.phase}${share} — ${format(progress.counts)}\n`);
  };
}

async function main(): Promise<void> {
  const [command, ...rest] = process.argv.slice(2);
  const { values } = parseArgs({ args: rest, options: { restart: { type: 'boolean', default: false } } });
  if (command !== 'backfill' && command !== 'status') usage('usage: record backfill [--restart] | status');
  loadDotEnv();
  const config = loadConfig();
  const redis = connectRedis(redisTarget(config));
  const { choice, record, stop } = await connectRecord(config, { logger: silentLogger, poolSize: 4 });
  const keys = keySpace(config.REDIS_KEY_PREFIX);
  process.stderr.write(`${choice.description}\n`);
  try {
    await record.ready;
    if (command === 'status') {
      const lag = await backlogSeconds(redis, keys);
      const counts = await sql<{ cases: string; lines: string; customers: string }>`
        select (select count(*) from cases) as cases, (select count(*) from transcript_entries) as lines,
          (select count(*) from customers) as customers`.execute(record.db);
      process.stdout.write(`${JSON.stringify({ lagSeconds: lag, ...counts.rows[0] })}\n`);
      return;
    }
    const started = Date.now();
    const result = await backfill({
      redis,
      keys,
      db: record.db,
      restart: values.restart ?? false,
      onProgress: reporter(await redis.zcard(keys.allCases())),
    });
    process.stderr.write(
      `backfill done in ${((Date.now() - started) / 1000).toFixed(1)} s: ${format(result.counts)}; the recorder keeps the record from here on\n`,
    );
  } finally {
    redis.disconnect();
    await stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`record: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
