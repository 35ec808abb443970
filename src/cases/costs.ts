/**
 * The cost of a job (绩效考核 3: 车辆、耗材的使用…在耗材超出预支时，说明使用的地方并注明原因), pure: parts and
 * consumables cost against the advance (预支) for the job.
 */
import type { MaintenanceRecord } from './types.js';

const cents = (value: number) => Math.round(value * 100) / 100;

/** Parts and consumables cost of one maintenance record (what they cost us, not what was charged). */
export function materialsCost(record: Pick<MaintenanceRecord, 'partsReplaced' | 'consumables'>): number {
  const parts = record.partsReplaced.reduce((sum, part) => sum + (part.cost ?? 0), 0);
  const consumables = (record.consumables ?? []).reduce((sum, item) => sum + item.cost, 0);
  return cents(parts + consumables);
}

export interface BudgetCheck {
  cost: number;
  budget: number;
  /** How much over the budget (0 when within it). */
  over: number;
}

export function budgetCheck(
  record: Pick<MaintenanceRecord, 'partsReplaced' | 'consumables' | 'budget'>,
  defaultBudget: number,
): BudgetCheck {
  const cost = materialsCost(record);
  const budget = record.budget ?? defaultBudget;
  return { cost, budget, over: cents(Math.max(0, cost - budget)) };
}
