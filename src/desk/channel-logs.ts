/**
 * A channel's numbered logs (src/port/channel.ts `ChannelLogs`) in Redis: a list of JSON entries and a
 * hash with the counter, the log's record and the last value of each tag, under one hash tag so a Lua
 * script changes them together. An append allocates the number and writes the entry in one script: a
 * process killed at any point leaves the entry written with its number, or neither — never a number
 * used twice. An entry appended `once` under a name is found again by a retry instead of being added.
 *
 * A log opened for a customer's address is listed under that identity (`P:owned:<identity>`), so
 * erasing the customer erases it (`forgetOwned`).
 */
import type { Redis } from 'ioredis';
import { identityOf } from '../conversation/keys.js';
import type { ChannelLogs, LogAppendResult } from '../port/channel.js';
import type { ChannelKind } from '../port/messages.js';

/**
 * KEYS: list, meta. ARGV: entry JSON (an object, without its number), keep, TTL seconds (at least), the `once`
 * marker (`"once":"<name>",` or ''), tag ('' none), the tag's value.
 * Returns {seq, 0} appended | {seq, 1} duplicate | {0, 2} skipped | {0, 3} missing.
 */
const APPEND = `
if redis.call('EXISTS', KEYS[2]) == 0 then return {0, 3} end
local marker = ARGV[4]
if marker ~= '' then
  local items = redis.call('LRANGE', KEYS[1], 0, -1)
  for i = #items, 1, -1 do
    local _, stop, seq = string.find(items[i], '^{"seq":(%d+),')
    if stop and string.sub(items[i], stop + 1, stop + #marker) == marker then
      return {tonumber(seq), 1}
    end
  end
end
if ARGV[5] ~= '' then
  local field = 'tag:' .. ARGV[5]
  if redis.call('HGET', KEYS[2], field) == ARGV[6] then return {0, 2} end
  redis.call('HSET', KEYS[2], field, ARGV[6])
end
local seq = redis.call('HINCRBY', KEYS[2], 'n', 1)
redis.call('RPUSH', KEYS[1], '{"seq":' .. seq .. ',' .. marker .. string.sub(ARGV[1], 2))
redis.call('LTRIM', KEYS[1], -tonumber(ARGV[2]), -1)
-- An append keeps the log at least this long; it never shortens what an earlier one gave.
local ttl = tonumber(ARGV[3])
for _, key in ipairs(KEYS) do
  if redis.call('TTL', key) < ttl then redis.call('EXPIRE', key, ttl) end
end
return {seq, 0}
`;

/** KEYS: list, meta. ARGV: TTL seconds, record JSON, first number, seeded entries… Returns 1 opened, 0 existed. */
const OPEN = `
if redis.call('EXISTS', KEYS[2]) == 1 then return 0 end
redis.call('HSET', KEYS[2], 'n', ARGV[3], 'record', ARGV[2])
if #ARGV > 3 then redis.call('RPUSH', KEYS[1], unpack(ARGV, 4)) end
redis.call('EXPIRE', KEYS[2], ARGV[1])
if #ARGV > 3 then redis.call('EXPIRE', KEYS[1], ARGV[1]) end
return 1
`;

type LogRedis = Redis & {
  sbLogAppend(...args: Array<string | number>): Promise<[number, number]>;
  sbLogOpen(...args: Array<string | number>): Promise<number>;
};

const STATUS = ['appended', 'duplicate', 'skipped', 'missing'] as const;

/** Where an identity's owned keys are listed. */
export const ownedKey = (prefix: string, identity: string) => `${prefix}:owned:${identity}`;

export function channelLogs(redis: Redis, prefix: string, channel: string, kind: ChannelKind): ChannelLogs {
  if (!('sbLogAppend' in redis)) {
    redis.defineCommand('sbLogAppend', { numberOfKeys: 2, lua: APPEND });
    redis.defineCommand('sbLogOpen', { numberOfKeys: 2, lua: OPEN });
  }
  const r = redis as LogRedis;
  const keysOf = (name: string) => {
    const base = `${prefix}:ch:${channel}:log:{${name}}`;
    return [base, `${base}:meta`] as const;
  };
  return {
    async open(name, record, { ttlSeconds, owner, ownerTtlSeconds, seed }) {
      const [list, meta] = keysOf(name);
      const entries = (seed?.entries ?? []).map((entry) => JSON.stringify(entry));
      const opened = await r.sbLogOpen(
        list,
        meta,
        ttlSeconds,
        JSON.stringify(record),
        seed?.seq ?? 0,
        ...entries,
      );
      if (owner) {
        // Kept as long as the log may live (appends may extend it); erasing the owner deletes what is listed.
        const owned = ownedKey(prefix, identityOf(kind, owner));
        await redis
          .multi()
          .sadd(owned, list, meta)
          .expire(owned, ownerTtlSeconds ?? ttlSeconds)
          .exec();
      }
      return opened === 1;
    },
    async record<T>(name: string) {
      const raw = await redis.hget(keysOf(name)[1], 'record');
      return raw === null ? null : (JSON.parse(raw) as T);
    },
    async append(name, entry, options): Promise<LogAppendResult> {
      const json = JSON.stringify(entry);
      if (!json.startsWith('{') || json === '{}') throw new Error('a log entry is a non-empty object');
      const [list, meta] = keysOf(name);
      const marker = options.once === undefined ? '' : `"once":${JSON.stringify(options.once)},`;
      const [seq, code] = await r.sbLogAppend(
        list,
        meta,
        json,
        options.keep,
        options.ttlSeconds,
        marker,
        options.unlessSame?.tag ?? '',
        options.unlessSame?.value ?? '',
      );
      const status = STATUS[code] ?? 'missing';
      return status === 'appended' || status === 'duplicate' ? { status, seq } : { status, seq: null };
    },
    async after<T>(name: string, seq: number) {
      const raw = await redis.lrange(keysOf(name)[0], 0, -1);
      const entries = raw.map((line) => JSON.parse(line) as T & { seq: number; once?: string });
      return entries
        .filter((entry) => entry.seq > seq)
        .map(({ once: _once, ...entry }) => entry as unknown as T & { seq: number });
    },
    async remove(name) {
      await redis.del(...keysOf(name));
    },
  };
}

/** Deletes every key listed under the identities (their channel logs and files' records). */
export async function forgetOwned(
  redis: Redis,
  prefix: string,
  identities: readonly string[],
): Promise<number> {
  let removed = 0;
  for (const identity of new Set(identities)) {
    const owned = ownedKey(prefix, identity);
    const keys = await redis.smembers(owned);
    // One key at a time: on a Redis Cluster they sit in different slots.
    for (const key of keys) removed += await redis.del(key);
    await redis.del(owned);
  }
  return removed;
}
