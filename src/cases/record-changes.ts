/**
 * Changes to the record made outside a customer's slot — a delivery report, an audit entry, a contract,
 * a visit plan, a knowledge-base entry — go onto one global stream beside the Redis write that makes
 * them, and the recorder (src/record/) copies them into PostgreSQL. On one server the stream entry and
 * the write are one MULTI; on a cluster they are two commands sent together, the stream entry first, so
 * a crash between them leaves the record with the change rather than without it.
 */
import type { RedisWrite } from '../redis/slots.js';

/**
 * What the recorder needs of each kind; the stores put their whole value in (a contract, a visit
 * plan, a knowledge-base record), and the record keeps it as it is.
 */
export type RecordChange =
  | {
      type: 'delivery';
      messageId: string;
      state: { state: string; at: string; providerId?: string; error?: string };
    }
  | { type: 'audit'; ref: string; entry: { at: string; staff: string; action: string; detail?: string } }
  | { type: 'contract'; contract: { number: string; holders: string[]; serials: string[] } }
  | { type: 'visit_plan'; plan: { number: string; customerId: string; createdAt: string } }
  | { type: 'kb'; record: { id: string; status: string; updatedAt: string } };

/** The stream every such change goes onto (see src/conversation/keys.ts, `recordChanges`). */
export const recordChangesKey = (prefix: string): string => `{${prefix}:record}:changes`;

/** The write that puts a change on the stream: put it first in the batch that makes the change. */
export function recordChangeWrite(prefix: string, change: RecordChange): RedisWrite {
  return ['xadd', recordChangesKey(prefix), '*', 'c', JSON.stringify(change)];
}
