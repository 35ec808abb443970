/**
 * The cases of a period for the KPIs, and the KPIs over them. With the record, from PostgreSQL (the
 * replica when DATABASE_READ_URL is set) as only the fields the computation reads
 * (src/record/kpi-cases.ts); without it, or with PostgreSQL away, from Redis and the record merged as
 * before — slower over a long period, the same figures.
 */
import type { Case } from '../cases/types.js';
import { isUnreachable } from '../db/connect.js';
import { kpiCasesBetween } from '../record/kpi-cases.js';
import type { Runtime } from '../runtime.js';
import { computeKpis, type KpiOptions, type KpiReport } from './kpis.js';

export async function kpiCases(runtime: Runtime, from: Date, to: Date): Promise<Case[]> {
  if (runtime.record) {
    try {
      // The KPI computation reads only the fields the projection carries (a test compares figures).
      return (await kpiCasesBetween(runtime.record.readDb, from, to)) as unknown as Case[];
    } catch (error) {
      if (!isUnreachable(error) && !isUnreachable((error as { cause?: unknown }).cause)) throw error;
      runtime.logger.warn({ err: error }, 'KPIs: the record is unreachable; reading Redis and what it can');
    }
  }
  return runtime.cases.createdBetween(from, to);
}

export async function loadKpis(runtime: Runtime, options: KpiOptions): Promise<KpiReport> {
  return computeKpis(await kpiCases(runtime, options.from, options.to), options);
}
