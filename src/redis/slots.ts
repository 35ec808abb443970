/**
 * The few Redis steps that touch keys of different slots. On one server they stay what they were (one
 * MGET, one MULTI, one SCAN). On a Redis Cluster a multi-key command must stay inside one slot and a
 * SCAN sees one node only, so there each key gets its own command — auto-pipelining still sends those
 * together, one batch per node — and a scan walks every master.
 */
import type { Cluster, Redis } from 'ioredis';
import { isCluster } from './connect.js';

/** GET of many keys, in order; null for a missing key. */
export async function getMany(redis: Redis, keys: readonly string[]): Promise<Array<string | null>> {
  if (keys.length === 0) return [];
  if (!isCluster(redis)) return redis.mget(...keys);
  return Promise.all(keys.map((key) => redis.get(key)));
}

/** One write: a Redis command and its arguments, the key first. */
export type RedisWrite = [command: string, key: string, ...args: Array<string | number>];

/**
 * Writes to keys of different slots. One MULTI on one server (all or nothing); on a cluster, where a
 * MULTI cannot span slots, each write is its own command, so callers keep them idempotent and retry.
 */
export async function writeAll(redis: Redis, writes: readonly RedisWrite[]): Promise<void> {
  if (writes.length === 0) return;
  if (isCluster(redis)) {
    await Promise.all(writes.map(([command, ...args]) => redis.call(command, ...args)));
    return;
  }
  const multi = redis.multi();
  for (const [command, ...args] of writes) multi.call(command, ...args);
  const replies = await multi.exec();
  const failed = replies?.find(([error]) => error);
  if (failed) throw failed[0];
}

/** Every key matching a pattern, on every master of a cluster; `COUNT` bounds each step's work. */
export async function* scanKeys(redis: Redis, pattern: string, count = 500): AsyncGenerator<string[]> {
  const nodes = isCluster(redis) ? (redis as unknown as Cluster).nodes('master') : [redis];
  for (const node of nodes) {
    let cursor = '0';
    do {
      const [next, keys] = await node.scan(cursor, 'MATCH', pattern, 'COUNT', count);
      cursor = next;
      if (keys.length > 0) yield keys;
    } while (cursor !== '0');
  }
}

/** Deletes keys that may sit in different slots (UNLINK: freed in the background). */
export async function unlinkAll(redis: Redis, keys: readonly string[]): Promise<number> {
  if (keys.length === 0) return 0;
  if (!isCluster(redis)) return redis.unlink(...keys);
  const counts = await Promise.all(keys.map((key) => redis.unlink(key)));
  return counts.reduce((sum, n) => sum + n, 0);
}
