/**
 * The Redis side of the record: the recorder's consumer group on the two global streams (marks and
 * changes, src/conversation/keys.ts), and two scripts on a customer's slot — read the record stream with
 * the state of the items the marks name, and trim what has been recorded.
 *
 * Why marks: a commit can only append to a stream in its own slot (one Lua script, one slot on a Redis
 * Cluster), so each customer has a record stream of their own, and something global must say which to
 * read. The inbox marks every item as it admits it — before the item can be committed — and the mark
 * stays in the group until the recorder has seen that item's result in the customer's slot *and*
 * recorded their stream up to that point. A commit is therefore never without a pending mark, whichever
 * process dies and whenever.
 */
import type { ClientContext, Redis, Result } from 'ioredis';
import type { SlotWrite } from '../conversation/inbox.js';
import { type KeySpace, slotKeys } from '../conversation/keys.js';
import { type RecordEvent, versionOf } from './events.js';

export const GROUP = 'recorder';
/** Entries read from one customer's stream per batch. */
export const READ_COUNT = 500;

/**
 * KEYS: the record stream. ARGV: the customer's key prefix, how many entries, then item ids.
 * Returns {entries, states}: the stream from its start, and per item `done` (committed), `pending`
 * (admitted, not yet committed) or `absent` (not admitted here, or long gone).
 */
const READ = `
local entries = redis.call('XRANGE', KEYS[1], '-', '+', 'COUNT', ARGV[2])
local states = {}
for i = 3, #ARGV do
  local result = redis.call('GET', ARGV[1] .. 'res:' .. ARGV[i])
  if not result then states[#states + 1] = 'absent'
  elseif result == '' then states[#states + 1] = 'pending'
  else states[#states + 1] = 'done' end
end
return { entries, states }
`;

/** KEYS: the record stream. ARGV: the first id to keep. Trims what was recorded; an empty stream goes. */
const TRIM = `
redis.call('XTRIM', KEYS[1], 'MINID', ARGV[1])
if redis.call('XLEN', KEYS[1]) == 0 then redis.call('DEL', KEYS[1]) end
return 1
`;

type StreamEntry = [id: string, fields: string[]];

declare module 'ioredis' {
  interface RedisCommander<Context extends ClientContext = { type: 'default' }> {
    sbRecordRead(...args: (string | number)[]): Result<[StreamEntry[], string[]], Context>;
    sbRecordTrim(stream: string, minId: string): Result<number, Context>;
  }
}

export function defineRecordScripts(redis: Redis): void {
  if (typeof (redis as Partial<Redis>).sbRecordRead === 'function') return;
  redis.defineCommand('sbRecordRead', { numberOfKeys: 1, lua: READ });
  redis.defineCommand('sbRecordTrim', { numberOfKeys: 1, lua: TRIM });
}

export interface Mark {
  /** The mark's entry id on the marks stream. */
  id: string;
  customerId: string;
  itemId: string;
  /** When it was made (its entry id's time, ms). */
  at: number;
}

export const timeOf = (entryId: string): number => Number(entryId.split('-')[0]);

function field(fields: string[], name: string): string | undefined {
  for (let n = 0; n < fields.length; n += 2) if (fields[n] === name) return fields[n + 1];
  return undefined;
}

export function markOf([id, fields]: StreamEntry): Mark {
  return { id, customerId: field(fields, 'c') ?? '', itemId: field(fields, 'i') ?? '', at: timeOf(id) };
}

/** The id right after `id`: trimming with MINID keeps entries from here on. */
export function nextId(id: string): string {
  const [ms, seq] = id.split('-');
  return `${ms}-${BigInt(seq ?? '0') + 1n}`;
}

export interface CustomerRead {
  customerId: string;
  events: RecordEvent[];
  /** The item states, in the order asked. */
  states: string[];
  /** Whether the whole stream was read (fewer entries than asked for). */
  complete: boolean;
  lastId: string | null;
}

/** Reads a customer's record stream and the state of the given items, in one step in their slot. */
export async function readCustomer(
  redis: Redis,
  keys: KeySpace,
  customerId: string,
  itemIds: string[],
): Promise<CustomerRead> {
  const base = keys.customer(customerId);
  const [entries, states] = await redis.sbRecordRead(
    `${base}${slotKeys.recordStream}`,
    base,
    READ_COUNT,
    ...itemIds,
  );
  const events = entries.map(([streamId, fields]): RecordEvent => {
    const itemId = field(fields, 'i') ?? streamId;
    return {
      id: `${customerId}/${itemId}`,
      customerId,
      streamId,
      version: versionOf(streamId),
      at: new Date(timeOf(streamId)),
      kind: field(fields, 'k') ?? '',
      writes: JSON.parse(field(fields, 'w') ?? '[]') as SlotWrite[],
    };
  });
  return {
    customerId,
    events,
    states,
    complete: entries.length < READ_COUNT,
    lastId: entries.at(-1)?.[0] ?? null,
  };
}

/** Removes what was recorded from a customer's stream (entries up to and including `lastId`). */
export async function trimCustomer(
  redis: Redis,
  keys: KeySpace,
  customerId: string,
  lastId: string,
): Promise<void> {
  await redis.sbRecordTrim(`${keys.customer(customerId)}${slotKeys.recordStream}`, nextId(lastId));
}

/** Creates the recorder's group on both global streams (from their start: nothing made before is skipped). */
export async function ensureGroups(redis: Redis, keys: KeySpace): Promise<void> {
  for (const stream of [keys.recordMarks(), keys.recordChanges()]) {
    try {
      await redis.call('XGROUP', 'CREATE', stream, GROUP, '0', 'MKSTREAM');
    } catch (error) {
      if (!String((error as Error).message).includes('BUSYGROUP')) throw error;
    }
  }
}

/** Acknowledges entries of a global stream and deletes them (the stream holds only what is unrecorded). */
export async function acknowledge(redis: Redis, stream: string, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  const replies = await redis
    .multi()
    .xack(stream, GROUP, ...ids)
    .xdel(stream, ...ids)
    .exec();
  const failed = replies?.find(([error]) => error);
  if (failed) throw failed[0];
}

/** How long the oldest unrecorded change has waited, in seconds (0 when there is none). */
export async function backlogSeconds(redis: Redis, keys: KeySpace, now = Date.now()): Promise<number> {
  const firsts = await Promise.all(
    [keys.recordMarks(), keys.recordChanges()].map((stream) => redis.xrange(stream, '-', '+', 'COUNT', 1)),
  );
  const oldest = Math.min(...firsts.flatMap((entries) => entries.map(([id]) => timeOf(id))));
  return Number.isFinite(oldest) ? Math.max(0, (now - oldest) / 1000) : 0;
}
