/**
 * The filters of a case list, and who is looking, as SQL conditions on `cases c`. What an agent may
 * see is what src/staff/access.ts `canSee` allows, written for the database: their teams' cases, and
 * those they own, handled or are booked on as the engineer.
 */
import { type RawBuilder, sql } from 'kysely';

export interface CaseFilters {
  status?: readonly string[];
  team?: string;
  /** `staff:<name>`, `queue` or `bot`. */
  owner?: string;
  channel?: string;
  priority?: string;
  /** The product category (`printer`, `laptop`, …). */
  product?: string;
  /** The warranty decision (`free_repair`, `paid_repair`, …). */
  decision?: string;
  /** Created at or after / at or before. */
  from?: Date;
  to?: Date;
  /** Open cases whose reply deadline is within the hour or passed (`at_risk`), or was broken (`breached`). */
  risk?: 'at_risk' | 'breached';
  /** Only open cases (not resolved or closed). */
  open?: boolean;
  /** Only cases of these teams (a person's teams). */
  teams?: readonly string[];
}

/** Who is looking. Supervisors see every case. */
export interface Viewer {
  name: string;
  role: string;
  teams: readonly string[];
}

const AT_RISK_WITHIN = '1 hour';

function visibleTo(viewer: Viewer): RawBuilder<boolean> {
  if (viewer.role === 'supervisor') return sql<boolean>`true`;
  return sql<boolean>`(c.team = any(${[...viewer.teams]}::text[])
    or c.owner = ${`staff:${viewer.name}`}
    or c.data->'handledBy' ? ${viewer.name}
    or c.data->'appointment'->>'engineer' = ${viewer.name})`;
}

function riskOf(risk: 'at_risk' | 'breached', now: Date): RawBuilder<boolean> {
  const breached = sql<boolean>`exists (select 1 from jsonb_array_elements(c.data->'promises') p
      where p->>'state' = 'breached'
        or (p->>'state' = 'pending' and (p->>'due')::timestamptz < ${now}))`;
  if (risk === 'breached') return breached;
  return sql<boolean>`(${breached} or exists (select 1 from jsonb_array_elements(c.data->'promises') p
      where p->>'state' = 'pending'
        and (p->>'due')::timestamptz <= ${now}::timestamptz + ${AT_RISK_WITHIN}::interval))`;
}

export function filterConditions(filters: CaseFilters, viewer: Viewer, now: Date): RawBuilder<boolean> {
  const conditions: RawBuilder<boolean>[] = [visibleTo(viewer)];
  if (filters.status?.length) conditions.push(sql<boolean>`c.status = any(${[...filters.status]}::text[])`);
  if (filters.open) conditions.push(sql<boolean>`c.status not in ('resolved', 'closed')`);
  if (filters.team) conditions.push(sql<boolean>`c.team = ${filters.team}`);
  if (filters.teams) conditions.push(sql<boolean>`c.team = any(${[...filters.teams]}::text[])`);
  if (filters.owner) conditions.push(sql<boolean>`c.owner = ${filters.owner}`);
  if (filters.channel) conditions.push(sql<boolean>`c.channel = ${filters.channel}`);
  if (filters.priority) conditions.push(sql<boolean>`c.priority = ${filters.priority}`);
  if (filters.product) conditions.push(sql<boolean>`c.product = ${filters.product}`);
  if (filters.decision) conditions.push(sql<boolean>`c.decision = ${filters.decision}`);
  if (filters.from) conditions.push(sql<boolean>`c.created_at >= ${filters.from}`);
  if (filters.to) conditions.push(sql<boolean>`c.created_at <= ${filters.to}`);
  if (filters.risk) {
    conditions.push(sql<boolean>`c.status not in ('resolved', 'closed')`, riskOf(filters.risk, now));
  }
  return sql.join(conditions, sql` and `) as RawBuilder<boolean>;
}
