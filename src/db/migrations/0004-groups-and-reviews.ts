/**
 * Customer groups (enterprise, individual, government…, with region and industry) that lists, reports
 * and KPIs filter by, and the weekly service-quality reviews supervisors score.
 *
 * Both live in the record alone: the bot never needs them in a turn, only staff lists and reports do.
 * A customer has at most one group row; a review is one per (case, staff member reviewed).
 */
import type { Kysely } from 'kysely';
import { runStatements } from './statements.js';

const STATEMENTS = [
  `create table customer_groups (
    customer_id text primary key,
    segment text not null,
    region text,
    industry text,
    source text not null,
    contract_number text,
    updated_by text,
    updated_at timestamptz not null
  )`,
  'create index customer_groups_segment on customer_groups (segment)',
  `create table quality_reviews (
    id bigserial primary key,
    week text not null,
    staff text not null,
    case_ref text not null,
    reviewer text not null,
    greeting smallint not null check (greeting between 1 and 5),
    promise smallint not null check (promise between 1 and 5),
    solution smallint not null check (solution between 1 and 5),
    record smallint not null check (record between 1 and 5),
    note text,
    flags jsonb not null default '[]',
    reviewed_at timestamptz not null,
    unique (case_ref, staff)
  )`,
  'create index quality_reviews_staff on quality_reviews (staff, reviewed_at)',
  'create index quality_reviews_week on quality_reviews (week)',
];

export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, STATEMENTS);
}
