/**
 * Redis is the system of record: at start-up, outside development, warn when it could lose data — an
 * eviction policy other than `noeviction` (Redis would drop sessions, cases or queue jobs under memory
 * pressure) or no persistence at all (a restart loses everything). Managed services that refuse CONFIG
 * are not guessed at.
 */
import type { Redis } from 'ioredis';
import type { Logger } from '../logger.js';

export async function redisWarnings(redis: Redis): Promise<string[]> {
  const warnings: string[] = [];
  try {
    const [, policy] = (await redis.config('GET', 'maxmemory-policy')) as [string, string];
    if (policy && policy !== 'noeviction')
      warnings.push(
        `Redis maxmemory-policy is ${policy}: set it to noeviction, or Redis may drop cases and queued replies`,
      );
  } catch {
    // CONFIG is disabled (a managed service): its own settings apply.
  }
  const persistence = await redis.info('persistence');
  const aof = /aof_enabled:1/.test(persistence);
  const rdb = !/rdb_last_save_time:0\b/.test(persistence) && /rdb_saves:[1-9]/.test(persistence);
  let saves = '';
  try {
    saves = ((await redis.config('GET', 'save')) as [string, string])[1] ?? '';
  } catch {
    saves = 'unknown';
  }
  if (!aof && !rdb && saves === '')
    warnings.push(
      'Redis persistence is off (no AOF, no snapshots): turn on appendonly yes, or a restart loses every case',
    );
  return warnings;
}

export async function warnAboutRedis(redis: Redis, logger: Logger, env: string): Promise<void> {
  if (env === 'development') return;
  for (const warning of await redisWarnings(redis).catch(() => [])) logger.warn(warning);
}
