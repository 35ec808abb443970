/**
 * The record's part of the HTTP bench: the recorder's lag at the bot's saturation (from the app's own
 * `support_record_lag_seconds` histogram, the phase's share of it), how long the record takes to catch
 * up afterwards, and what Redis keeps of a closed case once it has left after HOT_DAYS.
 */
import type { Redis } from 'ioredis';
import { loadConfig } from '../../src/config.js';
import { silentLogger } from '../../src/logger.js';
import { evictClosedCases } from '../../src/record/hot-days.js';
import { openRecord } from '../../src/record/open.js';
import { scanKeys, unlinkAll } from '../../src/redis/slots.js';
import { createRuntime } from '../../src/runtime.js';
import { until } from '../support.js';

/** Cumulative bucket counts of the lag histogram, by upper bound (seconds). */
export type Buckets = Map<number, number>;

export async function lagBuckets(base: string): Promise<Buckets> {
  const text = await (await fetch(`${base}/metrics`)).text();
  const buckets: Buckets = new Map();
  for (const match of text.matchAll(/^support_record_lag_seconds_bucket\{le="([^"]+)"\} (\d+)/gm)) {
    buckets.set(match[1] === '+Inf' ? Number.POSITIVE_INFINITY : Number(match[1]), Number(match[2]));
  }
  return buckets;
}

/** A percentile of the events between two readings, interpolated within its bucket (in ms). */
export function lagPercentile(before: Buckets, after: Buckets, p: number): number | null {
  const bounds = [...after.keys()].sort((a, b) => a - b);
  const counts = bounds.map((bound) => (after.get(bound) ?? 0) - (before.get(bound) ?? 0));
  const total = counts.at(-1) ?? 0;
  if (total === 0) return null;
  const rank = (p / 100) * total;
  for (let n = 0; n < bounds.length; n++) {
    if (counts[n]! < rank) continue;
    const low = n === 0 ? 0 : bounds[n - 1]!;
    const high = Number.isFinite(bounds[n]!) ? bounds[n]! : low;
    const below = n === 0 ? 0 : counts[n - 1]!;
    const inside = counts[n]! - below;
    const share = inside === 0 ? 1 : (rank - below) / inside;
    return Math.round((low + (high - low) * share) * 1000);
  }
  return null;
}

/** Waits until nothing waits for the recorder; returns how long that took (s), or null past the limit. */
export async function recordCaughtUp(
  redis: Redis,
  prefix: string,
  limitMs = 120_000,
): Promise<number | null> {
  const started = Date.now();
  const done = await until(async () => {
    const [marks, changes] = await Promise.all([
      redis.xlen(`{${prefix}:record}:marks`),
      redis.xlen(`{${prefix}:record}:changes`),
    ]);
    return marks + changes === 0;
  }, limitMs);
  return done ? Math.round((Date.now() - started) / 100) / 10 : null;
}

/** HOT_DAYS reached for every closed case: evicts them as the app's sweep does. */
export async function passHotDays(redisUrl: string, databaseUrl: string, prefix: string): Promise<number> {
  const config = loadConfig({
    REDIS_URL: redisUrl,
    REDIS_KEY_PREFIX: prefix,
    DATABASE_URL: databaseUrl,
    LOG_LEVEL: 'silent',
  });
  const record = openRecord({ url: databaseUrl, description: 'bench' }, { logger: silentLogger });
  const runtime = createRuntime(config, { record });
  try {
    await record.ready;
    return (await evictClosedCases(runtime.desk, record.db, 0, new Date())).evicted;
  } finally {
    await runtime.close();
    await record.close();
  }
}

/** The results of work items lapse (kept a week: by HOT_DAYS' default, a closed case's are gone). */
export async function lapseResults(redis: Redis, prefix: string): Promise<void> {
  for await (const keys of scanKeys(redis, `${prefix}:{c:*}:res:*`)) await unlinkAll(redis, keys);
}
