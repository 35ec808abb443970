/**
 * The cases of a period for the KPIs, read from the record as only what the KPI computation reads
 * (src/staff/kpis.ts, kpi-service-plan.ts, kpi-series.ts): status, team, times, promises, the
 * appointment, the maintenance record, the follow-up, the visit — the case's JSON less its text, slots
 * and channel context, over one index scan (`cases_created`). The figures are computed from it exactly as from whole cases; a test compares.
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
  | 'promises'
  | 'quote'
  | 'quoteHistory'
>;

/** What a case carries that no KPI reads: left in PostgreSQL (the text, the channel context, the slots). */
const UNREAD = [
  'slots',
  'warranty',
  'origin',
  'route',
  'summary',
  'conversations',
  'flags',
  'consent',
  'owner',
  'priority',
  'lang',
  'flow',
  'updatedAt',
  'closedAt',
  'escalationReason',
  'rebook',
  'contract',
];

export async function kpiCasesBetween(db: RecordDb, from: Date, to: Date): Promise<KpiCase[]> {
  // A row per case, the case's JSON less what no KPI reads: one read of each row's JSON (a
  // jsonb_build_object of fields would read it once per field), and a third of its size on the wire.
  // Oldest first, ties by reference: the order of the Redis case index (a sorted set by time).
  const found = await sql<{ kase: KpiCase }>`
    select c.data - ${UNREAD}::text[] as kase from cases c
    where c.created_at >= ${from} and c.created_at <= ${to}
    order by c.created_at, c.ref`.execute(db);
  return found.rows.map((row) => row.kase);
}
