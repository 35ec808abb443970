/**
 * Customer groups (根据客户群体分门别类): a segment — enterprise, individual, government… — with a region
 * and an industry. Set by staff, or taken from a contract the customer holds; lists, reports and KPIs
 * filter by them. Kept in the record (`customer_groups`): only staff reads need them.
 */
import { type Expression, type SqlBool, sql } from 'kysely';
import { z } from 'zod';
import type { RecordDb } from '../db/connect.js';

export const segments = [
  'enterprise',
  'individual',
  'government',
  'education',
  'healthcare',
  'other',
] as const;
export type Segment = (typeof segments)[number];

const label = z.string().trim().min(1, 'must not be empty').max(60);

export const groupInputSchema = z.strictObject({
  segment: z.enum(segments),
  region: label.nullable().optional(),
  industry: label.nullable().optional(),
});
export type GroupInput = z.infer<typeof groupInputSchema>;

/** A filter over customers by group: any field given must match (region and industry exactly). */
export const groupFilterSchema = z.object({
  segment: z
    .enum(segments)
    .optional()
    .or(z.literal('').transform(() => undefined)),
  region: label.optional().or(z.literal('').transform(() => undefined)),
  industry: label.optional().or(z.literal('').transform(() => undefined)),
});
export type GroupFilter = z.infer<typeof groupFilterSchema>;

export interface CustomerGroup {
  customerId: string;
  segment: Segment;
  region: string | null;
  industry: string | null;
  source: 'staff' | 'contract';
  contractNumber: string | null;
  updatedBy: string | null;
  updatedAt: string;
}

export function hasGroupFilter(filter: GroupFilter | undefined): filter is GroupFilter {
  return Boolean(filter && (filter.segment || filter.region || filter.industry));
}

/**
 * An SQL condition that the customer in `customerColumn` is in the group: `true` without a filter.
 * Written as `exists` so it adds no rows to the query it narrows.
 */
export function inGroup(customerColumn: string, filter: GroupFilter | undefined): Expression<SqlBool> {
  if (!hasGroupFilter(filter)) return sql<SqlBool>`true`;
  const conditions = [sql`member.customer_id = ${sql.ref(customerColumn)}`];
  if (filter.segment) conditions.push(sql`member.segment = ${filter.segment}`);
  if (filter.region) conditions.push(sql`member.region = ${filter.region}`);
  if (filter.industry) conditions.push(sql`member.industry = ${filter.industry}`);
  return sql<SqlBool>`exists (select 1 from customer_groups member where ${sql.join(conditions, sql` and `)})`;
}

type GroupRow = {
  customer_id: string;
  segment: string;
  region: string | null;
  industry: string | null;
  source: string;
  contract_number: string | null;
  updated_by: string | null;
  updated_at: Date;
};

export function groupOf(row: GroupRow): CustomerGroup {
  return {
    customerId: row.customer_id,
    segment: row.segment as Segment,
    region: row.region,
    industry: row.industry,
    source: row.source === 'contract' ? 'contract' : 'staff',
    contractNumber: row.contract_number,
    updatedBy: row.updated_by,
    updatedAt: row.updated_at.toISOString(),
  };
}

export async function readGroup(db: RecordDb, customerId: string): Promise<CustomerGroup | null> {
  const row = await db
    .selectFrom('customer_groups')
    .selectAll()
    .where('customer_id', '=', customerId)
    .executeTakeFirst();
  return row ? groupOf(row) : null;
}

/** Groups of many customers at once (a list page), by customer id. */
export async function readGroups(
  db: RecordDb,
  customerIds: readonly string[],
): Promise<Map<string, CustomerGroup>> {
  if (customerIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('customer_groups')
    .selectAll()
    .where('customer_id', 'in', [...new Set(customerIds)])
    .execute();
  return new Map(rows.map((row) => [row.customer_id, groupOf(row)]));
}

export interface GroupWrite {
  customerId: string;
  segment: Segment;
  region: string | null;
  industry: string | null;
  source: 'staff' | 'contract';
  contractNumber: string | null;
  by: string;
  at: Date;
}

export async function writeGroup(db: RecordDb, group: GroupWrite): Promise<CustomerGroup> {
  const values = {
    customer_id: group.customerId,
    segment: group.segment,
    region: group.region,
    industry: group.industry,
    source: group.source,
    contract_number: group.contractNumber,
    updated_by: group.by,
    updated_at: group.at,
  };
  const row = await db
    .insertInto('customer_groups')
    .values(values)
    .onConflict((oc) => oc.column('customer_id').doUpdateSet(values))
    .returningAll()
    .executeTakeFirstOrThrow();
  return groupOf(row);
}

export interface GroupMember {
  customerId: string;
  name: string | null;
  group: CustomerGroup;
  cases: number;
}

/** The customers of a group (every grouped customer without a filter), with their number of cases. */
export async function groupMembers(db: RecordDb, filter: GroupFilter, limit = 500): Promise<GroupMember[]> {
  const rows = await sql<GroupRow & { name: string | null; cases: number }>`
    select g.*, c.name, (select count(*)::int from cases k where k.customer_id = g.customer_id) as cases
    from customer_groups g left join customers c on c.id = g.customer_id
    where ${inGroup('g.customer_id', filter)}
    order by g.segment, g.region nulls last, g.industry nulls last, g.customer_id
    limit ${limit}`.execute(db);
  return rows.rows.map((row) => ({
    customerId: row.customer_id,
    name: row.name,
    group: groupOf(row),
    cases: row.cases,
  }));
}

/** The ids of the customers in a group (a KPI filter over cases read from both stores). */
export async function groupCustomerIds(db: RecordDb, filter: GroupFilter): Promise<Set<string>> {
  const rows = await sql<{ customer_id: string }>`select customer_id from customer_groups g
    where ${inGroup('g.customer_id', filter)}`.execute(db);
  return new Set(rows.rows.map((row) => row.customer_id));
}

/** Every region and industry in use, for the filters' choices. */
export async function groupChoices(db: RecordDb): Promise<{ regions: string[]; industries: string[] }> {
  const [regions, industries] = await Promise.all([
    db.selectFrom('customer_groups').select('region').distinct().where('region', 'is not', null).execute(),
    db
      .selectFrom('customer_groups')
      .select('industry')
      .distinct()
      .where('industry', 'is not', null)
      .execute(),
  ]);
  return {
    regions: regions.map((r) => r.region!).sort(),
    industries: industries.map((r) => r.industry!).sort(),
  };
}
