/**
 * The serial's repair record for the warranty decision: a fault inside 三包 on a unit repaired twice
 * under it is an exchange (or refund), decided from our maintenance records — in the record and on the
 * customer's cases not yet written behind — and naming the repairs it counted.
 */
import { repairHistory } from '../cases/repair-history.js';
import type { Turn } from '../engine/turn.js';
import { localDate } from '../policy/dates.js';
import { applyRepeatFailure, type RepeatFailureDecision } from '../policy/repeat-failure.js';
import type { Policy } from '../policy/schema.js';
import type { WarrantyDecision } from '../policy/warranty.js';

export async function withRepairRecord(
  turn: Turn,
  policy: Policy,
  decision: WarrantyDecision,
  serial: string | null,
): Promise<WarrantyDecision | RepeatFailureDecision> {
  // Only a free repair can become an exchange: nothing else needs the history read.
  if (!serial || decision.decision !== 'free_repair') return decision;
  const own = turn.profile.cases.filter((ref) => ref !== turn.case?.ref);
  const [cases, recorded] = await Promise.all([
    turn.services.readCases(turn.customerId, own),
    turn.services.recordedRepairs?.(serial) ?? Promise.resolve([]),
  ]);
  const timezone = policy.hours.timezone;
  const history = repairHistory({ serial, cases, recorded, current: turn.case?.ref ?? null, timezone });
  return applyRepeatFailure(decision, history, policy.warranty.repeat_failure, localDate(turn.now, timezone));
}
