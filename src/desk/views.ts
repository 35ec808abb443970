/** Compact views of a turn's outcome: what the terminal chat prints and channels render. */
import { pendingPromise } from '../cases/operations.js';
import type { Case, TranscriptEntry } from '../cases/types.js';
import type { Session } from '../engine/session.js';
import type { TurnSignals } from '../engine/turn.js';
import type { Reply } from '../engine/types.js';

export interface SessionView {
  flow: string | null;
  step: string | null;
  lang: 'zh' | 'en';
  slots: Record<string, unknown>;
}

export interface CaseView {
  ref: string;
  status: string;
  priority: string;
  team: string | null;
  owner: string;
  deadline: string | null;
  warranty: Case['warranty'];
}

export interface InboundResult {
  customerId: string;
  replies: Reply[];
  session: SessionView;
  case: CaseView | null;
  signals: TurnSignals;
}

export function sessionView(session: Session): SessionView {
  return { flow: session.flow, step: session.step, lang: session.lang, slots: session.slots };
}

export function caseView(kase: Case | null): CaseView | null {
  if (!kase) return null;
  return {
    ref: kase.ref,
    status: kase.status,
    priority: kase.priority,
    team: kase.team,
    owner: kase.owner,
    deadline: pendingPromise(kase)?.due ?? null,
    warranty: kase.warranty,
  };
}

/** Transcript entries that belong to a case: tagged with it, or from a conversation it took over. */
export function caseTranscript(kase: Case, log: TranscriptEntry[]): TranscriptEntry[] {
  const conversations = new Set(kase.conversations);
  return log.filter(
    (entry) => entry.case === kase.ref || (!entry.case && entry.conv && conversations.has(entry.conv)),
  );
}
