/** Compact views of a turn's outcome: what the terminal chat prints and channels render. */
import { pendingPromise } from '../cases/operations.js';
import type { Case } from '../cases/types.js';
import type { Session } from '../engine/session.js';
import type { CaseView, SessionView } from '../port/messages.js';

export type { CaseView, InboundResult, SessionView } from '../port/messages.js';

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
