/** Loads the cases created in a period and hands them to the pure KPI computation. */
import type { CaseStore } from '../cases/store.js';
import { computeKpis, type KpiOptions, type KpiReport } from './kpis.js';

export async function loadKpis(cases: CaseStore, options: KpiOptions): Promise<KpiReport> {
  return computeKpis(await cases.createdBetween(options.from, options.to), options);
}
