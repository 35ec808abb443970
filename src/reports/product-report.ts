/**
 * Product feedback for R&D (反馈产品的相关信息): the faults of a period from the record, by product
 * category and by model × symptom × part replaced, with the repeat-fault rate (the same serial again
 * within 90 days), the dead-on-arrival rate, warranty against paid, and the trend by month.
 *
 * A fault is a case about a product (its `product` slot) that is not a preventive visit. It counts in
 * the period it was reported (created). SQL aggregates over the `cases` columns and the maintenance
 * record, on the read replica when there is one.
 */
import { type RawBuilder, sql } from 'kysely';
import type { RecordDb } from '../db/connect.js';
import { type GroupFilter, inGroup } from './groups.js';

/** The same serial reported again within this many days is a repeat fault. */
export const REPEAT_WITHIN_DAYS = 90;
/** Rows of the model × symptom × part table (the most frequent first). */
const BREAKDOWN_ROWS = 200;
/** A symptom is grouped by its first characters, trimmed and lower-cased: free text varies. */
const SYMPTOM_CHARS = 40;

export interface ProductReportQuery {
  from: Date;
  to: Date;
  category?: string;
  group?: GroupFilter;
  /** Months are counted in this timezone (the business's). */
  timezone: string;
}

/** How the fault was paid for: 三包 (replace or free repair), paid, a service contract, or undecided. */
export type Coverage = 'warranty' | 'paid' | 'contract' | 'undecided';

export interface FaultFigures {
  faults: number;
  /** Faults whose unit had been reported within REPEAT_WITHIN_DAYS before. */
  repeats: number;
  /** Of the faults with a serial number: a repeat needs one. */
  withSerial: number;
  repeatPercent: number | null;
  deadOnArrival: number;
  deadOnArrivalPercent: number | null;
  coverage: Record<Coverage, number>;
}

export interface ProductReport {
  from: string;
  to: string;
  category: string | null;
  repeatWithinDays: number;
  overall: FaultFigures;
  byCategory: Array<{ category: string } & FaultFigures>;
  /** Model × symptom × part replaced; a fault with two parts counts once under each. */
  breakdown: Array<{ category: string; model: string; symptom: string; part: string; faults: number }>;
  /** Faults per month (YYYY-MM) and category, in month order. */
  byMonth: Array<{ month: string; category: string; faults: number }>;
}

/** The period's faults with what each needs, as a common table expression. */
function faultsCte(query: ProductReportQuery): RawBuilder<unknown> {
  const category = query.category ?? null;
  return sql`faults as (
    select c.ref, c.customer_id, c.product as category, c.serial, c.decision, c.created_at,
      coalesce(nullif(trim(c.data -> 'slots' ->> 'model'), ''), '') as model,
      lower(left(trim(coalesce(c.data -> 'slots' ->> 'symptom', '')), ${SYMPTOM_CHARS})) as symptom,
      (c.data -> 'slots' ->> 'doa' = 'true' or c.data -> 'warranty' ->> 'rule' = 'doa') as doa,
      m.data as record,
      exists (
        select 1 from cases p
        where c.serial is not null and p.serial = c.serial and p.ref <> c.ref and p.product is not null
          and p.data -> 'visit' is null
          and p.created_at < c.created_at
          and p.created_at >= c.created_at - make_interval(days => ${REPEAT_WITHIN_DAYS})
      ) as repeat
    from cases c
    left join maintenance_records m on m.ref = c.ref
    where c.created_at >= ${query.from} and c.created_at < ${query.to}
      and c.product is not null
      and c.data -> 'visit' is null
      and coalesce(m.kind, 'repair') <> 'inspection'
      and (${category}::text is null or c.product = ${category})
      and ${inGroup('c.customer_id', query.group)}
  )`;
}

const figuresColumns = sql`count(*)::int as faults,
  count(*) filter (where repeat)::int as repeats,
  count(*) filter (where serial is not null)::int as with_serial,
  count(*) filter (where doa)::int as doa,
  count(*) filter (where decision in ('replace', 'free_repair'))::int as warranty,
  count(*) filter (where decision = 'paid_repair')::int as paid,
  count(*) filter (where decision = 'contract_repair')::int as contract`;

interface FiguresRow {
  faults: number;
  repeats: number;
  with_serial: number;
  doa: number;
  warranty: number;
  paid: number;
  contract: number;
}

const percent = (part: number, whole: number) =>
  whole === 0 ? null : Math.round((1000 * part) / whole) / 10;

function figures(row: FiguresRow | undefined): FaultFigures {
  const r = row ?? { faults: 0, repeats: 0, with_serial: 0, doa: 0, warranty: 0, paid: 0, contract: 0 };
  return {
    faults: r.faults,
    repeats: r.repeats,
    withSerial: r.with_serial,
    repeatPercent: percent(r.repeats, r.with_serial),
    deadOnArrival: r.doa,
    deadOnArrivalPercent: percent(r.doa, r.faults),
    coverage: {
      warranty: r.warranty,
      paid: r.paid,
      contract: r.contract,
      undecided: r.faults - r.warranty - r.paid - r.contract,
    },
  };
}

async function byCategory(db: RecordDb, cte: RawBuilder<unknown>) {
  const rows = await sql<FiguresRow & { category: string }>`with ${cte}
    select category, ${figuresColumns} from faults group by category order by faults desc, category`.execute(
    db,
  );
  return rows.rows.map((row) => ({ category: row.category, ...figures(row) }));
}

async function overall(db: RecordDb, cte: RawBuilder<unknown>) {
  const rows = await sql<FiguresRow>`with ${cte} select ${figuresColumns} from faults`.execute(db);
  return figures(rows.rows[0]);
}

async function breakdown(db: RecordDb, cte: RawBuilder<unknown>) {
  const rows = await sql<ProductReport['breakdown'][number]>`with ${cte}
    select f.category, f.model, f.symptom, coalesce(part.name, '') as part, count(*)::int as faults
    from faults f
    left join lateral (
      select distinct trim(p ->> 'part') as name
      from jsonb_array_elements(coalesce(f.record -> 'partsReplaced', '[]'::jsonb)) p
      where coalesce(trim(p ->> 'part'), '') <> ''
    ) part on true
    group by 1, 2, 3, 4
    order by faults desc, 1, 2, 3, 4
    limit ${BREAKDOWN_ROWS}`.execute(db);
  return rows.rows;
}

async function byMonth(db: RecordDb, cte: RawBuilder<unknown>, timezone: string) {
  const rows = await sql<ProductReport['byMonth'][number]>`with ${cte}
    select to_char(created_at at time zone ${timezone}, 'YYYY-MM') as month, category, count(*)::int as faults
    from faults group by 1, 2 order by 1, 2`.execute(db);
  return rows.rows;
}

export async function loadProductReport(db: RecordDb, query: ProductReportQuery): Promise<ProductReport> {
  const cte = faultsCte(query);
  const [all, categories, table, months] = await Promise.all([
    overall(db, cte),
    byCategory(db, cte),
    breakdown(db, cte),
    byMonth(db, cte, query.timezone),
  ]);
  return {
    from: query.from.toISOString(),
    to: query.to.toISOString(),
    category: query.category ?? null,
    repeatWithinDays: REPEAT_WITHIN_DAYS,
    overall: all,
    byCategory: categories,
    breakdown: table,
    byMonth: months,
  };
}
