/**
 * Cases at risk for supervisors: still open, and their pending reply deadline is within the hour or
 * already passed, or a promise to them was breached. Read from the cases created in the last 30 days
 * (the KPI loader's read), soonest deadline first.
 */
import { pendingPromise } from '../cases/operations.js';
import type { Case } from '../cases/types.js';
import type { Runtime } from '../runtime.js';

const LOOK_BACK_MS = 30 * 24 * 3600_000;
export const AT_RISK_WITHIN_MS = 3600_000;

export interface RiskyCase {
  case: Case;
  due: string;
  breached: boolean;
}

export async function casesAtRisk(runtime: Runtime): Promise<RiskyCase[]> {
  const now = runtime.clock.now();
  const cases = await runtime.cases.createdBetween(new Date(now.getTime() - LOOK_BACK_MS), now);
  const risky = cases.flatMap((kase): RiskyCase[] => {
    if (kase.status === 'resolved' || kase.status === 'closed') return [];
    const pending = pendingPromise(kase);
    const broken = kase.promises.findLast((promise) => promise.state === 'breached');
    if (pending && Date.parse(pending.due) - now.getTime() <= AT_RISK_WITHIN_MS)
      return [
        { case: kase, due: pending.due, breached: Date.parse(pending.due) < now.getTime() || !!broken },
      ];
    if (broken) return [{ case: kase, due: pending?.due ?? broken.due, breached: true }];
    return [];
  });
  return risky.sort((a, b) => Date.parse(a.due) - Date.parse(b.due));
}
