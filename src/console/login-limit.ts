/**
 * Sign-in limits count FAILURES, per client address and per account name, in Redis so every process
 * counts together: guessing a password is slow from one address, and spreading guesses over many
 * addresses still stops at the name's limit. A successful sign-in is never counted (an office behind
 * one address signing in at the start of a shift is not a guesser) and clears the name's count.
 *
 * A browser that signed in to an account before carries a device cookie for it. Its owner's right
 * password is never refused for failures somebody else made: a known device counts its own failures
 * only, so anyone can slow down guesses at an account, but nobody can lock its owner out.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';

export interface LoginLimits {
  /** Failures one address may make in the window. */
  perIp: number;
  /** Failures an account name may collect in the window (from unknown browsers). */
  perName: number;
  windowSeconds: number;
  /** Failures one known device may make in the window. */
  perDevice?: number;
  /** How long a browser stays known after a sign-in. */
  deviceDays?: number;
}

export const DEFAULT_LOGIN_LIMITS: LoginLimits = {
  perIp: 20,
  perName: 5,
  windowSeconds: 15 * 60,
  perDevice: 10,
  deviceDays: 90,
};

/** Who is trying: the address, the name typed and the browser's device cookie (if it has one). */
export interface Attempt {
  ip: string;
  name: string;
  device?: string | undefined;
}

export interface LoginLimiter {
  /** Whether this attempt may be checked at all; counts nothing. */
  allowed(attempt: Attempt): Promise<boolean>;
  /** A wrong name or password: counted for the address, the name, and the device when known. */
  failed(attempt: Attempt): Promise<void>;
  /** A sign-in: the name's failures are cleared; returns the device cookie to give the browser. */
  succeeded(attempt: Attempt): Promise<{ device: string; maxAgeSeconds: number }>;
}

const digest = (value: string) => createHash('sha256').update(value).digest('hex');

export function createLoginLimiter(redis: Redis, prefix: string, limits: LoginLimits): LoginLimiter {
  const perDevice = limits.perDevice ?? DEFAULT_LOGIN_LIMITS.perDevice!;
  const deviceSeconds = (limits.deviceDays ?? DEFAULT_LOGIN_LIMITS.deviceDays!) * 86_400;
  const base = `${prefix}:console:login`;
  const ipKey = (ip: string) => `${base}:ip:${ip}`;
  const nameKey = (name: string) => `${base}:name:${name.slice(0, 64).toLowerCase()}`;
  // Only the token's hash is stored, so reading Redis does not give anyone a known device.
  const deviceKey = (token: string) => `${base}:device:${digest(token)}`;
  const deviceFailKey = (token: string) => `${base}:device-fail:${digest(token)}`;
  const countOf = async (key: string) => Number((await redis.get(key)) ?? 0);
  const count = async (key: string) => {
    const [[, n] = []] = (await redis.multi().incr(key).expire(key, limits.windowSeconds, 'NX').exec()) ?? [];
    return Number(n);
  };

  /** The device cookie, when it belongs to a browser that signed in as this name. */
  const knownDevice = async ({ name, device }: Attempt) => {
    if (!device || device.length > 100) return null;
    const owner = await redis.get(deviceKey(device));
    return owner !== null && owner === name.slice(0, 64).toLowerCase() ? device : null;
  };

  return {
    async allowed(attempt) {
      const device = await knownDevice(attempt);
      if (device) return (await countOf(deviceFailKey(device))) < perDevice;
      const [byIp, byName] = await Promise.all([countOf(ipKey(attempt.ip)), countOf(nameKey(attempt.name))]);
      return byIp < limits.perIp && byName < limits.perName;
    },
    async failed(attempt) {
      const device = await knownDevice(attempt);
      if (device) {
        await count(deviceFailKey(device));
        return;
      }
      await count(ipKey(attempt.ip));
      await count(nameKey(attempt.name));
    },
    async succeeded(attempt) {
      await redis.del(nameKey(attempt.name));
      const known = await knownDevice(attempt);
      if (known) await redis.del(deviceFailKey(known));
      const device = known ?? randomBytes(24).toString('base64url');
      await redis.set(deviceKey(device), attempt.name.slice(0, 64).toLowerCase(), 'EX', deviceSeconds);
      return { device, maxAgeSeconds: deviceSeconds };
    },
  };
}
