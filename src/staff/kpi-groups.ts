/**
 * KPIs for one customer group: the period's cases (from Redis and the record, as for every KPI) of the
 * customers the record puts in the group.
 */
import { type GroupFilter, groupCustomerIds } from '../reports/groups.js';
import { onRecord } from '../reports/record-access.js';
import type { Runtime } from '../runtime.js';
import { computeKpis, type KpiOptions, type KpiReport } from './kpis.js';

export async function groupKpis(
  runtime: Runtime,
  group: GroupFilter,
  options: KpiOptions,
): Promise<KpiReport> {
  const members = await onRecord(runtime, 'read', (db) => groupCustomerIds(db, group));
  const cases = await runtime.cases.createdBetween(options.from, options.to);
  return computeKpis(
    cases.filter((kase) => members.has(kase.customerId)),
    options,
  );
}
