/** Loading a case for staff: 404 when unknown, and the full view (customer, transcript, deadline). */
import { pendingPromise } from '../cases/operations.js';
import { type QuoteView, quoteView } from '../cases/quote.js';
import type { Case, CustomerProfile, DeadlinePromise, TranscriptEntry } from '../cases/types.js';
import { SupportError } from '../errors.js';
import type { Runtime } from '../runtime.js';
import { type AuditEntry, caseAudit } from './audit.js';

export interface CaseDetail {
  case: Case;
  customer: CustomerProfile | null;
  /** Every message in and out (with delivery state), event and note, across channels, oldest first. */
  transcript: TranscriptEntry[];
  /** The reply deadline the customer was promised and is still waiting on. */
  deadline: DeadlinePromise | null;
  warranty: Case['warranty'];
  /** The paid repair's quote as it stands now (`expired` once its last day passed unanswered). */
  quote?: QuoteView | null;
  /** Who viewed the case in the console and what staff did to it, oldest first. */
  audit: AuditEntry[];
}

export async function loadCase(runtime: Runtime, ref: string): Promise<Case> {
  const kase = await runtime.cases.get(ref);
  if (!kase) throw new SupportError('SUPPORT_ERR_CASE_NOT_FOUND', `no case ${ref}`);
  return kase;
}

export async function caseDetail(runtime: Runtime, kase: Case): Promise<CaseDetail> {
  const [customer, transcript, audit] = await Promise.all([
    runtime.cases.customer(kase.customerId),
    runtime.cases.transcript(kase),
    caseAudit(runtime).list(kase.ref),
  ]);
  return {
    case: kase,
    customer,
    transcript,
    deadline: pendingPromise(kase) ?? null,
    warranty: kase.warranty,
    quote: quoteView(kase.quote, runtime.clock.now()),
    audit,
  };
}
