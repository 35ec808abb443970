/**
 * The record's part of /readyz: degraded, never down. With PostgreSQL away the bot still answers and
 * changes wait in Redis, so a load balancer keeps sending traffic; the check says how far behind the
 * record is (the age of the oldest change not yet in it).
 */
import type { Redis } from 'ioredis';
import type { KeySpace } from '../conversation/keys.js';
import type { ReadinessCheck } from '../server/health.js';
import type { RecordConnection } from './open.js';
import { backlogSeconds } from './stream.js';

/** Behind by more than this, the record is reported degraded even with PostgreSQL up. */
const BEHIND_SECONDS = 60;

export function recordReadiness(redis: Redis, keys: KeySpace, record: RecordConnection): ReadinessCheck {
  return {
    name: 'record',
    degradesOnly: true,
    async check() {
      const lagSeconds = Math.round((await backlogSeconds(redis, keys)) * 10) / 10;
      try {
        await record.ping();
      } catch (error) {
        throw new Error(
          `PostgreSQL unreachable (${error instanceof Error ? error.message : String(error)}); the oldest change has waited ${lagSeconds} s in Redis`,
        );
      }
      if (lagSeconds > BEHIND_SECONDS) throw new Error(`the record is ${lagSeconds} s behind`);
      return { lagSeconds };
    },
  };
}
