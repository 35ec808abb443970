/** Start-up warnings for a Redis that could lose data, read from the real server's settings. */
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redisWarnings } from '../src/redis/checks.js';
import { testRedisUrl } from './support/redis.js';

let redis: Redis;
let policy = 'noeviction';
beforeAll(async () => {
  redis = new Redis(testRedisUrl());
  policy = ((await redis.config('GET', 'maxmemory-policy')) as [string, string])[1];
});
afterAll(async () => {
  await redis.config('SET', 'maxmemory-policy', policy);
  redis.disconnect();
});

describe('Redis settings at start-up', () => {
  it('warn about eviction and about no persistence (the test server keeps nothing on disk)', async () => {
    await redis.config('SET', 'maxmemory-policy', 'allkeys-lru');
    const warnings = await redisWarnings(redis);
    expect(warnings).toEqual([
      expect.stringContaining('maxmemory-policy is allkeys-lru'),
      expect.stringContaining('persistence is off'),
    ]);
    await redis.config('SET', 'maxmemory-policy', 'noeviction');
    expect(await redisWarnings(redis)).toEqual([expect.stringContaining('persistence is off')]);
  });
});
