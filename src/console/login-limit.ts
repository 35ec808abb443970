/**
 * Sign-in attempts are limited per client address and per account name, in Redis so every process
 * counts together: guessing a password is slow from one address, and spreading guesses over many
 * addresses still stops at the name's limit. A successful sign-in clears the name's count.
 */
import type { Redis } from 'ioredis';

export interface LoginLimits {
  perIp: number;
  perName: number;
  windowSeconds: number;
}

export const DEFAULT_LOGIN_LIMITS: LoginLimits = { perIp: 20, perName: 5, windowSeconds: 15 * 60 };

export interface LoginLimiter {
  /** Counts an attempt; false when this address or name has used up its attempts for the window. */
  attempt(ip: string, name: string): Promise<boolean>;
  succeeded(name: string): Promise<void>;
}

export function createLoginLimiter(redis: Redis, prefix: string, limits: LoginLimits): LoginLimiter {
  const ipKey = (ip: string) => `${prefix}:console:login:ip:${ip}`;
  const nameKey = (name: string) => `${prefix}:console:login:name:${name}`;
  const count = async (key: string) => {
    const n = await redis.incr(key);
    if (n === 1) await redis.expire(key, limits.windowSeconds);
    return n;
  };
  return {
    async attempt(ip, name) {
      const byIp = await count(ipKey(ip));
      const byName = await count(nameKey(name.slice(0, 64)));
      return byIp <= limits.perIp && byName <= limits.perName;
    },
    async succeeded(name) {
      await redis.del(nameKey(name.slice(0, 64)));
    },
  };
}
