/**
 * The audit trail of a case: who opened it in the console, claimed it, replied, noted, handed it back,
 * reassigned, dispatched, reported lateness or absence, resolved, emailed the record (and where). Kept apart from the transcript
 * (which is the customer's story) in one Redis list per case, newest last, capped. Every write is one
 * key, so it runs unchanged on Redis Cluster.
 *
 * Actions are recorded once per work item id (a retried request or a resent form adds nothing), and a
 * person's views of one case at most once per `VIEW_DEBOUNCE_MS` (a reload storm is one entry).
 */
import type { Redis } from 'ioredis';
import { recordChangeWrite } from '../cases/record-changes.js';
import type { RecordReader } from '../cases/record-reader.js';
import type { Runtime } from '../runtime.js';

export const auditActions = [
  'viewed',
  'claimed',
  'replied',
  'noted',
  'handed_back',
  'reassigned',
  'dispatched',
  'late',
  'absent',
  'resolved',
  'record_emailed',
  'quoted',
  'taken_over',
  'on_site',
  'photo_attached',
  'confirmed_on_site',
] as const;
export type AuditAction = (typeof auditActions)[number];

export interface AuditEntry {
  at: string;
  staff: string;
  action: AuditAction;
  /** A short, staff-made detail (the engineer booked, where it was reassigned); never customer text. */
  detail?: string;
}

export const VIEW_DEBOUNCE_MS = 10 * 60_000;
/** Enough for a long-running case; the oldest go first. */
const MAX_ENTRIES = 1000;
/** How long a work item id is remembered against repeats (the API's idempotency window is shorter). */
const ONCE_SECONDS = 7 * 24 * 3600;

/**
 * The last recorded view's time by the app's clock (so replays and tests with their own clock agree),
 * checked and set in one step so concurrent reloads record one view. The TTL only cleans up.
 */
const VIEW_ONCE = `local last = redis.call('GET', KEYS[1])
if last and tonumber(ARGV[1]) - tonumber(last) < tonumber(ARGV[2]) then return 0 end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
return 1`;

export interface CaseAudit {
  /** Records an action; with an `id`, only the first call for that id counts. */
  record(ref: string, entry: AuditEntry, id?: string): Promise<void>;
  /** Records a view unless this person viewed this case within the debounce window. */
  viewed(ref: string, staff: string, at: Date): Promise<boolean>;
  /** Oldest first. */
  list(ref: string): Promise<AuditEntry[]>;
}

export function createCaseAudit(redis: Redis, prefix: string, record?: RecordReader): CaseAudit {
  const listKey = (ref: string) => `${prefix}:audit:${ref}`;
  const append = async (ref: string, entry: AuditEntry) => {
    // The record's copy first (src/record/): it outlives the list, which leaves Redis with the case.
    const [, key, ...args] = recordChangeWrite(prefix, { type: 'audit', ref, entry });
    await redis.call('xadd', key, ...args);
    await redis.rpush(listKey(ref), JSON.stringify(entry));
    await redis.ltrim(listKey(ref), -MAX_ENTRIES, -1);
  };
  return {
    async record(ref, entry, id) {
      if (id && (await redis.set(`${prefix}:audit:once:${id}`, '1', 'EX', ONCE_SECONDS, 'NX')) === null)
        return;
      await append(ref, entry);
    },
    async viewed(ref, staff, at) {
      const key = `${prefix}:audit:viewed:${ref}:${staff}`;
      const fresh = await redis.eval(VIEW_ONCE, 1, key, String(at.getTime()), String(VIEW_DEBOUNCE_MS));
      if (fresh !== 1) return false;
      await append(ref, { at: at.toISOString(), staff, action: 'viewed' });
      return true;
    },
    async list(ref) {
      const hot = (await redis.lrange(listKey(ref), 0, -1)).map((raw) => JSON.parse(raw) as AuditEntry);
      // The list leaves Redis with its case (HOT_DAYS); the record keeps every entry.
      if (hot.length > 0 || !record) return hot;
      return (await record.audit(ref)) as AuditEntry[];
    },
  };
}

export const caseAudit = (runtime: Runtime): CaseAudit =>
  createCaseAudit(runtime.redis, runtime.config.REDIS_KEY_PREFIX, runtime.record?.reader);

/** The desk command a staff action runs, and what the trail calls it. */
const ACTION_OF_COMMAND: Record<string, AuditAction> = {
  'staff.reply': 'replied',
  'staff.note': 'noted',
  'staff.release': 'handed_back',
  'staff.reassign': 'reassigned',
  'staff.dispatch': 'dispatched',
  'staff.late': 'late',
  'staff.absent': 'absent',
  'staff.resolve': 'resolved',
  'staff.email_record': 'record_emailed',
  'staff.quote': 'quoted',
  'staff.take_over': 'taken_over',
  'staff.onsite': 'on_site',
  'staff.attach': 'photo_attached',
};

/** The audit entry for a desk command that succeeded, or null for commands the trail does not name. */
export function auditEntryOf(kind: string, payload: Record<string, unknown>, at: Date): AuditEntry | null {
  const action = ACTION_OF_COMMAND[kind];
  const staff = (payload.staff as { name?: unknown } | undefined)?.name;
  if (!action || typeof staff !== 'string') return null;
  const detail = detailOf(action, payload);
  return { at: at.toISOString(), staff, action, ...(detail ? { detail } : {}) };
}

function detailOf(action: AuditAction, payload: Record<string, unknown>): string | undefined {
  if (action === 'dispatched' && typeof payload.engineer === 'string') return payload.engineer;
  if (action === 'on_site' && typeof payload.step === 'string') return payload.step;
  // Where the record went: the trail must say which address received the customer's record.
  if (action === 'record_emailed' && typeof payload.to === 'string') return payload.to;
  if (action === 'reassigned') {
    const to = payload.to as { staff?: string; team?: string } | undefined;
    return to?.staff ? `staff:${to.staff}` : to?.team ? `team:${to.team}` : undefined;
  }
  return undefined;
}
