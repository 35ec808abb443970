/**
 * Removes everything one flow-test run wrote: the app's keys under `<prefix>:` and the BullMQ queue
 * keys under `{<prefix>:q}:` (see src/conversation/keys.ts and src/queues/queues.ts). SCAN + UNLINK, so
 * a shared Redis is never blocked and nothing outside the prefix is touched.
 */
import type { Redis } from 'ioredis';
import { scanKeys, unlinkAll } from '../../redis/slots.js';

const SCAN_COUNT = 500;

/** Escapes Redis glob characters so a prefix only ever matches itself. */
function escapeGlob(text: string): string {
  return text.replace(/[*?[\]\\]/g, (char) => `\\${char}`);
}

/** The key patterns a runtime with this REDIS_KEY_PREFIX writes to. */
export function prefixPatterns(prefix: string): string[] {
  const safe = escapeGlob(prefix);
  // `{P:q}:` on one server, `{P:q:<queue>}:` on a Redis Cluster (src/queues/queues.ts); the
  // recorder's streams under `{P:record}:` (src/conversation/keys.ts).
  return [`${safe}:*`, `{${safe}:q}:*`, `{${safe}:q:*}:*`, `{${safe}:record}:*`];
}

/** Deletes every key of the prefix; returns how many were deleted. */
export async function deletePrefixKeys(redis: Redis, prefix: string): Promise<number> {
  let deleted = 0;
  for (const pattern of prefixPatterns(prefix)) {
    for await (const keys of scanKeys(redis, pattern, SCAN_COUNT)) deleted += await unlinkAll(redis, keys);
  }
  return deleted;
}
