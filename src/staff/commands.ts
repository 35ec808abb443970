/**
 * Submitting staff actions to the customer's inbox. A refused action (not the owner, illegal
 * transition…) comes back from the desk as a SupportError, which the HTTP layer maps to its status. An
 * `Idempotency-Key` makes a retried request a no-op that returns the first answer (the inbox
 * deduplicates on the work item id).
 */
import { createHash, randomUUID } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type { Case } from '../cases/types.js';
import type { CaseView } from '../desk/views.js';
import { SupportError } from '../errors.js';
import type { Runtime } from '../runtime.js';
import { actorOf } from './access.js';
import type { StaffAccount } from './accounts.js';
import { auditEntryOf, caseAudit } from './audit.js';

/** A work item id for an action: derived from the Idempotency-Key if the client sent one. */
export function actionId(request: FastifyRequest, kind: string, staff: StaffAccount, kase: Case): string {
  const header = request.headers['idempotency-key'];
  const key = Array.isArray(header) ? header[0] : header;
  if (key === undefined || key === '') return `${kind}-${randomUUID()}`;
  if (key.length > 200)
    throw new SupportError('SUPPORT_ERR_VALIDATION', 'Idempotency-Key: at most 200 characters');
  const digest = createHash('sha256').update(`${staff.name}\n${kase.ref}\n${kind}\n${key}`).digest('hex');
  return `${kind}-${digest.slice(0, 32)}`;
}

export async function runStaffCommand<R>(
  runtime: Runtime,
  kase: Case,
  kind: string,
  payload: Record<string, unknown>,
  id: string,
): Promise<R> {
  // A refusal (not the owner, an illegal transition) comes back from the desk as a thrown SupportError.
  const result = await runtime.desk.command<R>(kase.customerId, kind, payload, { caseRef: kase.ref, id });
  // Only what the desk accepted enters the audit trail, once per work item (a retry adds nothing).
  const entry = auditEntryOf(kind, payload, runtime.clock.now());
  if (entry) await caseAudit(runtime).record(kase.ref, entry, id);
  return result;
}

/** "Take next case" for the API and the console alike: the atomic claim, then the audit entry. */
export async function claimNextCase(
  runtime: Runtime,
  staff: StaffAccount,
  team: string,
): Promise<CaseView | null> {
  const claimed = await runtime.claimer.next(team, actorOf(staff));
  if (claimed)
    await caseAudit(runtime).record(claimed.ref, {
      at: runtime.clock.now().toISOString(),
      staff: staff.name,
      action: 'claimed',
      detail: `team:${team}`,
    });
  return claimed;
}
