/** Every key of one runtime's prefix with what it holds, as text: to show what Redis still keeps. */
import type { Redis } from 'ioredis';
import { prefixPatterns } from '../../src/cli/flow-tests/cleanup.js';
import { scanKeys } from '../../src/redis/slots.js';

export async function dumpPrefix(redis: Redis, prefix: string): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  for (const pattern of prefixPatterns(prefix)) {
    for await (const keys of scanKeys(redis, pattern)) {
      for (const key of keys) {
        const type = await redis.type(key);
        const value =
          type === 'string'
            ? await redis.get(key)
            : type === 'list'
              ? await redis.lrange(key, 0, -1)
              : type === 'set'
                ? await redis.smembers(key)
                : type === 'zset'
                  ? await redis.zrange(key, '0', '-1')
                  : type === 'hash'
                    ? await redis.hgetall(key)
                    : type === 'stream'
                      ? await redis.xrange(key, '-', '+')
                      : type;
        found.set(key, typeof value === 'string' ? value : JSON.stringify(value));
      }
    }
  }
  return found;
}
