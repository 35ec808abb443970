/**
 * The one owner of a customer's slot in Redis (`P:{c:ID}:…`, see src/conversation/keys.ts): the names
 * of the keys inside it and the writes that change it — save a case, the session, the profile, append to
 * the transcript — plus the small case changes every work item shares (flag, notify whoever owns the
 * case). Work items return these writes; the inbox applies them atomically.
 */
import type { Effect, NotifyKind } from '../cases/effects.js';
import type { Case, CustomerProfile, TranscriptEntry } from '../cases/types.js';
import type { SlotWrite } from '../conversation/inbox.js';
import { slotKeys } from '../conversation/keys.js';
import type { Session } from '../engine/session.js';

/** Transcript entries kept per customer; older ones are trimmed (cases keep their own summary). */
export const TRANSCRIPT_LIMIT = 5000;

export { slotKeys };

export const slotWrites = {
  case: (kase: Case): SlotWrite => ['set', slotKeys.case(kase.ref), JSON.stringify(kase)],
  session: (conversation: string, session: Session): SlotWrite => [
    'set',
    slotKeys.session(conversation),
    JSON.stringify(session),
  ],
  profile: (profile: CustomerProfile): SlotWrite => ['set', slotKeys.profile, JSON.stringify(profile)],
  /** Appends to the transcript, trimmed to the last TRANSCRIPT_LIMIT entries. */
  transcript(entries: readonly TranscriptEntry[]): SlotWrite[] {
    if (entries.length === 0) return [];
    return [
      ['rpush', slotKeys.log, ...entries.map((entry) => JSON.stringify(entry))],
      ['ltrim', slotKeys.log, -TRANSCRIPT_LIMIT, -1],
    ];
  },
};

/** Who hears about a case: its staff member, or its team's queue watchers. */
export function ownerOf(kase: Case): string {
  return kase.owner.startsWith('staff:') ? kase.owner.slice(6) : `team:${kase.team ?? 'support'}`;
}

export function notifyOwner(kase: Case, text: string, kind?: NotifyKind): Effect {
  return { type: 'notify_staff', ref: kase.ref, to: ownerOf(kase), text, ...(kind ? { kind } : {}) };
}

export function withFlag(kase: Case, flag: string, on = true): Case {
  const flags = new Set(kase.flags);
  if (on) flags.add(flag);
  else flags.delete(flag);
  return { ...kase, flags: [...flags] };
}

/** The profile with an identity on (or off) its opt-out list. */
export function withOptOut(profile: CustomerProfile, identity: string, on: boolean): CustomerProfile {
  const list = new Set(profile.optedOut ?? []);
  if (on) list.add(identity);
  else list.delete(identity);
  return { ...profile, optedOut: [...list] };
}
