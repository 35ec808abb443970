/** The case lists' names for a list, a status and a warranty decision, shared by the lists and their filters. */
import type { Words } from '../i18n.js';

export type CaseListView = 'mine' | 'teams' | 'open' | 'search';

const STATUS_WORDS = {
  open: 'statusOpen',
  waiting_customer: 'statusWaitingCustomer',
  escalated: 'statusEscalated',
  assigned: 'statusAssigned',
  resolved: 'statusResolved',
  closed: 'statusClosed',
} as const satisfies Record<string, keyof Words>;

const DECISION_WORDS = {
  replace: 'decisionReplace',
  free_repair: 'decisionFreeRepair',
  paid_repair: 'decisionPaidRepair',
  needs_review: 'decisionNeedsReview',
  contract_repair: 'decisionContractRepair',
} as const satisfies Record<string, keyof Words>;

export function statusWord(w: Words, status: string): string {
  const key = STATUS_WORDS[status as keyof typeof STATUS_WORDS];
  return key ? w[key] : status;
}

export function decisionWord(w: Words, decision: string | null): string {
  if (!decision) return w.none;
  const key = DECISION_WORDS[decision as keyof typeof DECISION_WORDS];
  return key ? w[key] : decision;
}
