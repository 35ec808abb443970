/**
 * The cases of a period for the KPIs, read from the record as only what the KPI computation reads
 * (src/staff/kpis.ts, kpi-service-plan.ts, kpi-series.ts): status, team, times, promises reduced to
 * their team and state, the appointment, the maintenance record, the follow-up score, the visit. A
 * year of 100,000 cases is ~30 MB this way instead of the ~400 MB of whole cases, and one index scan
 * (`cases_created`). The figures are computed from it exactly as from whole cases; a test compares.
 */
import { sql } from 'kysely';
import type { Case } from '../cases/types.js';
import type { RecordDb } from '../db/connect.js';

/** The fields of a case the KPIs read. */
export type KpiCase = Pick<
  Case,
  | 'ref'
  | 'status'
  | 'team'
  | 'createdAt'
  | 'escalations'
  | 'handledBy'
  | 'sla'
  | 'appointment'
  | 'record'
  | 'followUp'
  | 'visit'
  | 'missedVisits'
> & { promises: Array<Pick<Case['promises'][number], 'team' | 'state'>> };

export async function kpiCasesBetween(db: RecordDb, from: Date, to: Date): Promise<KpiCase[]> {
  // One JSON document for the whole period: node-postgres parses one value instead of 100,000 rows.
  // Oldest first, ties by reference: the order of the Redis case index (a sorted set by time).
  const found = await sql<{ cases: KpiCase[] | null }>`
    select jsonb_agg(jsonb_build_object(
        'ref', c.ref,
        'status', c.status,
        'team', c.team,
        'createdAt', c.data->'createdAt',
        'escalations', c.escalations,
        'handledBy', coalesce(c.data->'handledBy', '[]'::jsonb),
        'sla', coalesce(c.data->'sla', '{}'::jsonb),
        'promises', coalesce((select jsonb_agg(jsonb_build_object('team', p->'team', 'state', p->'state'))
          from jsonb_array_elements(c.data->'promises') p), '[]'::jsonb),
        'appointment', c.data->'appointment',
        'record', c.data->'record',
        'followUp', c.data->'followUp',
        'visit', c.data->'visit',
        'missedVisits', c.data->'missedVisits'
      ) order by c.created_at, c.ref) as cases
    from cases c
    where c.created_at >= ${from} and c.created_at <= ${to}`.execute(db);
  return (found.rows[0]?.cases ?? []).map(withoutNulls);
}

/** `jsonb_build_object` writes absent fields as null; a case read from Redis simply lacks them. */
function withoutNulls(kase: KpiCase): KpiCase {
  const copy = { ...kase } as Record<string, unknown>;
  for (const optional of ['visit', 'missedVisits']) if (copy[optional] === null) delete copy[optional];
  return copy as KpiCase;
}
