/**
 * Who is on duty: staff count as on duty for their teams for 30 minutes after any API call. Promises
 * use it to spread the queue ahead over the people working it (src/policy/sla.ts).
 */
import type { Redis } from 'ioredis';
import { type RedisWrite, writeAll } from '../redis/slots.js';

export const ON_DUTY_WINDOW_MS = 30 * 60_000;

function key(prefix: string, team: string): string {
  return `${prefix}:onduty:${team}`;
}

export async function markOnDuty(
  redis: Redis,
  prefix: string,
  name: string,
  teams: readonly string[],
  now: Date,
): Promise<void> {
  // One key per team: on a cluster they sit in different slots, so not one pipeline there.
  const writes = teams.flatMap((team): RedisWrite[] => [
    ['zadd', key(prefix, team), now.getTime(), name],
    ['zremrangebyscore', key(prefix, team), 0, now.getTime() - 24 * 3600_000],
  ]);
  await writeAll(redis, writes);
}

/** Staff of a team seen in the last 30 minutes, or null when nobody is known to be on duty. */
export async function staffOnDuty(
  redis: Redis,
  prefix: string,
  team: string,
  now: Date,
): Promise<number | null> {
  const count = await redis.zcount(key(prefix, team), now.getTime() - ON_DUTY_WINDOW_MS, '+inf');
  return count > 0 ? count : null;
}
