/**
 * Resolving a case with its maintenance record (维护记录单): the cost review, the desk's
 * `staff.resolve`, then one fault case per finding marked `openCase`. Shared by the staff API and the
 * console so there is one way to resolve a case.
 */
import { budgetCheck } from '../cases/costs.js';
import { paidPartsFollowQuote } from '../cases/quote.js';
import type { Case, MaintenanceRecord } from '../cases/types.js';
import type { CaseView } from '../desk/views.js';
import { SupportError } from '../errors.js';
import type { Runtime } from '../runtime.js';
import { actorOf } from './access.js';
import type { StaffAccount } from './accounts.js';
import { runStaffCommand } from './commands.js';
import type { resolveBody } from './schemas.js';

export type RecordInput = (typeof resolveBody)['_output']['record'];

export async function resolveCase(
  runtime: Runtime,
  staff: StaffAccount,
  kase: Case,
  input: RecordInput,
  id: string,
): Promise<{ case: CaseView; faultCases?: string[] }> {
  const { findings, ...rest } = input;
  // The plan's cost review: materials over the advance must say where they went and why.
  const budget = budgetCheck(rest, runtime.content.policy.costs.parts_budget);
  if (budget.over > 0 && !rest.overBudgetReason) {
    throw new SupportError(
      'SUPPORT_ERR_VALIDATION',
      `record.overBudgetReason: parts and consumables cost ${budget.cost}, ${budget.over} over the budget of ${budget.budget}; say where they were used and why`,
    );
  }
  const record: MaintenanceRecord = {
    ...rest,
    // What the customer pays is what they accepted (plan: 经您确认后才开始有偿维修).
    partsReplaced: paidPartsFollowQuote(rest.partsReplaced, kase.quote, runtime.clock.now()),
    budget: budget.budget,
    findings: findings.map(({ text, risk }) => ({ text, risk })),
  };
  const view = await runStaffCommand<CaseView>(
    runtime,
    kase,
    'staff.resolve',
    { staff: actorOf(staff), record },
    id,
  );
  // A finding that needs a repair opens its fault case at once (one per finding, idempotent).
  const faultCases: string[] = [];
  for (const [index, finding] of findings.entries()) {
    if (!finding.openCase) continue;
    const opened = await runStaffCommand<{ ref: string }>(
      runtime,
      kase,
      'visit.finding',
      { staff: actorOf(staff), text: finding.text, index },
      `${id}-finding-${index}`,
    );
    faultCases.push(opened.ref);
  }
  return { case: view, ...(faultCases.length ? { faultCases } : {}) };
}
