/**
 * Submitting staff actions to the customer's inbox. The desk answers a refused action with
 * `{error: {code, message}}` (not the owner, illegal transition…); here it becomes a SupportError again
 * so the HTTP layer maps it to its status. An `Idempotency-Key` makes a retried request a no-op that
 * returns the first answer (the inbox deduplicates on the work item id).
 */
import { createHash, randomUUID } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type { Case } from '../cases/types.js';
import { type ErrorCode, errorCatalogue, SupportError } from '../errors.js';
import type { Runtime } from '../runtime.js';
import type { StaffAccount } from './accounts.js';

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

function refusal(result: unknown): SupportError | null {
  if (!result || typeof result !== 'object' || !('error' in result)) return null;
  const error = (result as { error: unknown }).error;
  if (!error || typeof error !== 'object') return null;
  const { code, message } = error as { code?: unknown; message?: unknown };
  if (typeof code !== 'string' || !(code in errorCatalogue)) return null;
  return new SupportError(code as ErrorCode, typeof message === 'string' ? message : undefined);
}

export async function runStaffCommand<R>(
  runtime: Runtime,
  kase: Case,
  kind: string,
  payload: Record<string, unknown>,
  id: string,
): Promise<R> {
  const result = await runtime.desk.command<R>(kase.customerId, kind, payload, { caseRef: kase.ref, id });
  const refused = refusal(result);
  if (refused) throw refused;
  return result;
}
