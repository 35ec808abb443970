/**
 * Live events: a small notice on one Redis pub/sub channel whenever a case changes (escalated into a
 * queue, claimed, reassigned, handed back, resolved, a deadline warning or breach, a new transcript
 * line) or a staff account or session changes. The console's streams on every app process wake on it
 * and re-read; the notice carries no case data, so a lost one only delays a page until its fallback
 * re-read. Published once, by the desk, for every work item (see Desk.handle).
 */
import type { Redis } from 'ioredis';
import type { Case, TranscriptEntry } from '../cases/types.js';
import type { HandlerOutcome } from '../conversation/inbox.js';
import { slotKeys } from './customer-slot.js';

export interface LiveEvent {
  /** The work item kind (`inbound`, `staff.claim`, `deadline.warn`…) or `staff` for an account change. */
  kind: string;
  /** The case that changed. */
  ref?: string;
  /** Its team now and, when it moved, the team it left: both queues change. */
  teams?: string[];
  /** The case's place in the queues changed (status, owner, team, priority, deadlines). */
  queue?: boolean;
  /** The staff member whose account or sessions changed (their open streams re-check at once). */
  staff?: string;
}

export function liveChannel(prefix: string): string {
  return `${prefix}:live`;
}

/** Sends one event; callers do not wait on it (the fallback re-read covers a lost one). */
export function publishLive(redis: Redis, prefix: string, event: LiveEvent): Promise<unknown> {
  return redis.publish(liveChannel(prefix), JSON.stringify(event));
}

const CASE_KEY = slotKeys.case('');

/** What a queue page shows of a case: a change here re-reads queue and at-risk pages. */
function queueFace(kase: Case | null): string {
  if (!kase) return '';
  const { status, owner, team, priority, promises } = kase;
  return JSON.stringify([status, owner, team, priority, promises]);
}

/**
 * The events a work item's outcome makes: one per case it writes or adds transcript lines to. Pure, so
 * the rules are tested without Redis. `before` is the case the item loaded (its team before a move).
 */
export function liveEventsOf(kind: string, before: Case | null, outcome: HandlerOutcome): LiveEvent[] {
  const written = new Map<string, Case>();
  const logged = new Set<string>();
  for (const write of outcome.writes) {
    if (write[0] === 'set' && write[1].startsWith(CASE_KEY)) {
      const kase = JSON.parse(write[2]) as Case;
      written.set(kase.ref, kase);
    } else if (write[0] === 'rpush' && write[1] === slotKeys.log) {
      for (const raw of write.slice(2) as string[]) {
        const ref = (JSON.parse(raw) as TranscriptEntry).case;
        if (ref) logged.add(ref);
      }
    }
  }
  const refs = new Set([...written.keys(), ...logged]);
  return [...refs].map((ref) => {
    const now = written.get(ref) ?? null;
    const was = before?.ref === ref ? before : null;
    const teams = new Set([now?.team, was?.team].filter((team): team is string => !!team));
    // Deadline timers change what the at-risk page shows even when the case itself is unchanged.
    const queue = (now !== null && queueFace(now) !== queueFace(was)) || kind.startsWith('deadline.');
    return { kind, ref, teams: [...teams], ...(queue ? { queue } : {}) };
  });
}
