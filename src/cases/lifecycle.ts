/**
 * The case lifecycle as a table. Anything that changes a case's status goes through `transition`, so an
 * illegal move is an error with a stable code instead of a silent no-op.
 *
 *   open → waiting_customer → escalated → assigned → resolved → closed
 *   (re-open: a new message within N days, a disputed record, or a low follow-up score)
 */
import { SupportError } from '../errors.js';
import type { Case, CaseStatus } from './types.js';

export const transitions: Readonly<Record<CaseStatus, readonly CaseStatus[]>> = {
  // The bot is triaging: it may wait on the customer, hand over, fix it, or the customer walks away;
  // a supervisor may take the conversation over from the bot.
  open: ['waiting_customer', 'escalated', 'assigned', 'resolved', 'closed'],
  waiting_customer: ['open', 'escalated', 'assigned', 'resolved', 'closed'],
  // Escalated again = moved to another team or priority (breach, upset customer, release).
  escalated: ['escalated', 'assigned', 'resolved', 'closed'],
  assigned: ['assigned', 'escalated', 'waiting_customer', 'resolved', 'closed'],
  // Resolved waits for the customer's confirmation and the follow-up; both may re-open it.
  resolved: ['closed', 'open', 'escalated'],
  closed: ['open', 'escalated'],
};

export function canTransition(from: CaseStatus, to: CaseStatus): boolean {
  return transitions[from].includes(to);
}

/** Returns the case with its new status, or throws SUPPORT_ERR_CASE_TRANSITION. */
export function transition(kase: Case, to: CaseStatus, at: string): Case {
  if (!canTransition(kase.status, to)) {
    throw new SupportError(
      'SUPPORT_ERR_CASE_TRANSITION',
      `case ${kase.ref} cannot move from ${kase.status} to ${to}`,
      { ref: kase.ref, from: kase.status, to },
    );
  }
  const next: Case = { ...kase, status: to, updatedAt: at };
  if (to === 'resolved') next.sla = { ...kase.sla, resolvedAt: at };
  if (to === 'closed') next.closedAt = at;
  if (to === 'open' || to === 'escalated') delete next.closedAt;
  return next;
}

/** Statuses in which a case is still being worked on (a customer message belongs to it). */
export function isActive(status: CaseStatus): boolean {
  return status !== 'resolved' && status !== 'closed';
}
