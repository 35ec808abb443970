/** A connection to the private test Redis, and a unique key prefix per test so files can run in parallel. */
import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { inject } from 'vitest';
import { connectRedis, redisTarget } from '../../src/redis/connect.js';

export function testRedisUrl(): string {
  return inject('redisUrl');
}

/** A connection to the test Redis: one server, or a Redis Cluster in the cluster suite. */
export function testRedis(): Redis {
  return connectRedis(redisTarget({ REDIS_URL: testRedisUrl() }));
}

export function uniquePrefix(label = 't'): string {
  return `${label}-${randomUUID().slice(0, 8)}`;
}
