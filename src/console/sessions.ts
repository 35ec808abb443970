/**
 * Console sessions in Redis, so any app process serves any request. The cookie holds a random id; Redis
 * keeps only its SHA-256 (a leaked dump cannot be replayed as a cookie). Each session carries its own
 * CSRF token. A per-person set lists their sessions for "sign out everywhere". Writes are single-key
 * (no MULTI across keys) so this runs unchanged on Redis Cluster.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Redis } from 'ioredis';
import { publishLive } from '../desk/live-events.js';

/** A working day and a half: long enough for a shift, short enough that a forgotten tab expires. */
export const SESSION_TTL_SECONDS = 12 * 3600;

export interface ConsoleSession {
  digest: string;
  name: string;
  csrf: string;
  createdAt: string;
}

export interface ConsoleSessions {
  create(name: string, now: Date): Promise<{ id: string; session: ConsoleSession }>;
  get(id: string): Promise<ConsoleSession | null>;
  end(id: string): Promise<void>;
  /** Ends every session of a person; returns how many there were. */
  endAll(name: string): Promise<number>;
}

const digestOf = (id: string) => createHash('sha256').update(id).digest('hex');

export function sameSecret(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && left.length > 0 && timingSafeEqual(left, right);
}

export function createConsoleSessions(redis: Redis, prefix: string): ConsoleSessions {
  const sessionKey = (digest: string) => `${prefix}:console:session:${digest}`;
  const listKey = (name: string) => `${prefix}:console:sessions:${name}`;

  return {
    async create(name, now) {
      const id = randomBytes(32).toString('base64url');
      const session: ConsoleSession = {
        digest: digestOf(id),
        name,
        csrf: randomBytes(24).toString('base64url'),
        createdAt: now.toISOString(),
      };
      await redis.set(sessionKey(session.digest), JSON.stringify(session), 'EX', SESSION_TTL_SECONDS);
      await redis.sadd(listKey(name), session.digest);
      await redis.expire(listKey(name), SESSION_TTL_SECONDS);
      return { id, session };
    },

    async get(id) {
      if (!id || id.length > 100) return null;
      const raw = await redis.get(sessionKey(digestOf(id)));
      return raw ? (JSON.parse(raw) as ConsoleSession) : null;
    },

    async end(id) {
      const digest = digestOf(id);
      const raw = await redis.get(sessionKey(digest));
      await redis.del(sessionKey(digest));
      if (!raw) return;
      const { name } = JSON.parse(raw) as ConsoleSession;
      await redis.srem(listKey(name), digest);
      // This session's open streams end now; the person's other sessions re-check and carry on.
      publishLive(redis, prefix, { kind: 'staff', staff: name }).catch(() => undefined);
    },

    async endAll(name) {
      const digests = await redis.smembers(listKey(name));
      for (const digest of digests) await redis.del(sessionKey(digest));
      await redis.del(listKey(name));
      // Open streams of this person end now rather than at their next fallback re-read.
      publishLive(redis, prefix, { kind: 'staff', staff: name }).catch(() => undefined);
      return digests.length;
    },
  };
}
