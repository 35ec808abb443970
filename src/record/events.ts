/**
 * What one commit on a customer's record stream means for the record. A commit carries the same
 * writes the inbox applied to Redis (src/conversation/scripts.ts COMMIT): set a case, set the profile,
 * append transcript lines, delete a case… This reads them as record changes, in stream order.
 */
import type { Case, CustomerProfile, TranscriptEntry } from '../cases/types.js';
import type { SlotWrite } from '../conversation/inbox.js';
import { slotKeys } from '../conversation/keys.js';
import type { TranscriptLine } from './rows.js';

export interface RecordEvent {
  /** `<customer id>/<work item id>`: a commit read twice is recorded once. */
  id: string;
  customerId: string;
  /** Its entry id on the customer's stream (`<ms>-<seq>`). */
  streamId: string;
  /** The stream position as one number (ms × 10⁶ + seq), stored as `version` with each snapshot. */
  version: string;
  /** When it was committed (the stream id's time). */
  at: Date;
  kind: string;
  writes: SlotWrite[];
}

/** Work items whose writes the record treats specially (src/desk/privacy-commands.ts, evict-commands.ts). */
export const ERASE_KIND = 'privacy.erase';
export const PURGE_KIND = 'privacy.purge_case';

export function versionOf(streamId: string): string {
  const [ms, seq] = streamId.split('-');
  return (BigInt(ms ?? '0') * 1_000_000n + BigInt(seq ?? '0')).toString();
}

export interface PlannedChanges {
  /** The newest profile per customer. */
  profiles: Map<string, { profile: CustomerProfile; version: string; raw?: string }>;
  /** Every case snapshot, in stream order (status changes are read from the sequence), with its JSON. */
  cases: Array<{ case: Case; version: string; eventId: string; raw?: string }>;
  lines: TranscriptLine[];
  /** Cases that left Redis (HOT_DAYS). */
  evicted: Set<string>;
  /** Customers erased on request, and closed cases purged past the retention period. */
  erased: Array<{ customerId: string; at: Date }>;
  purged: Array<{ ref: string; at: Date }>;
}

const CASE_PREFIX = slotKeys.case('');

function linesOf(event: RecordEvent, values: string[], from: number): TranscriptLine[] {
  return values.map((raw, n) => ({
    customerId: event.customerId,
    raw,
    entry: JSON.parse(raw) as TranscriptEntry,
    position: event.version,
    n: from + n,
  }));
}

/** Reads a batch of new events (already in stream order per customer) as record changes. */
export function planChanges(events: readonly RecordEvent[]): PlannedChanges {
  const planned: PlannedChanges = {
    profiles: new Map(),
    cases: [],
    lines: [],
    evicted: new Set(),
    erased: [],
    purged: [],
  };
  for (const event of events) {
    // A commit that rewrites the transcript (erase, purge, a case leaving Redis) re-pushes lines the
    // record already has: they are not new lines.
    const rewrite = event.writes.some(([op, key]) => op === 'del' && key === slotKeys.log);
    let lineCount = 0;
    for (const [op, key, ...values] of event.writes) {
      if (op === 'set' && key === slotKeys.profile) {
        const raw = String(values[0]);
        planned.profiles.set(event.customerId, {
          profile: JSON.parse(raw) as CustomerProfile,
          version: event.version,
          raw,
        });
      } else if (op === 'set' && key.startsWith(CASE_PREFIX)) {
        const raw = String(values[0]);
        const kase = JSON.parse(raw) as Case;
        planned.cases.push({ case: kase, version: event.version, eventId: event.id, raw });
        planned.evicted.delete(kase.ref);
        if (event.kind === PURGE_KIND) planned.purged.push({ ref: kase.ref, at: event.at });
      } else if (op === 'del' && key.startsWith(CASE_PREFIX)) {
        planned.evicted.add(key.slice(CASE_PREFIX.length));
      } else if (op === 'rpush' && key === slotKeys.log && !rewrite) {
        const lines = linesOf(event, values.map(String), lineCount);
        lineCount += lines.length;
        planned.lines.push(...lines);
      }
    }
    if (event.kind === ERASE_KIND) planned.erased.push({ customerId: event.customerId, at: event.at });
  }
  return planned;
}

/** Status changes of the cases in this batch, given each case's status in the record before it. */
export function statusChanges(
  snapshots: PlannedChanges['cases'],
  before: Map<string, { status: string; version: string }>,
) {
  const current = new Map(before);
  const changes: Array<{
    ref: string;
    at: string;
    event_id: string;
    status: string;
    previous_status: string | null;
    owner: string;
    team: string | null;
  }> = [];
  for (const { case: kase, version, eventId } of snapshots) {
    const known = current.get(kase.ref);
    if (known && BigInt(known.version) >= BigInt(version)) continue;
    if (!known || known.status !== kase.status) {
      changes.push({
        ref: kase.ref,
        at: kase.updatedAt,
        event_id: eventId,
        status: kase.status,
        previous_status: known?.status ?? null,
        owner: kase.owner,
        team: kase.team,
      });
    }
    current.set(kase.ref, { status: kase.status, version });
  }
  return changes;
}
