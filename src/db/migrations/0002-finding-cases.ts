/**
 * Finding cases: the indexes the case lists and the search ask for, each one a query plan that needed
 * it over 100,000 cases (bench/record-search.ts).
 *
 * - A person's cases ("My cases": owner `staff:<name>`) and a team's open cases, newest first.
 * - A customer by name: an exact name or its beginning, case-folded (`lower(…)`, pattern ops so a
 *   `like '张%'` uses it) — the customer's own name, and the contact name a case recorded (the bot asks
 *   for it when it books a visit).
 * - Cases by their reference typed in any case (`upper(ref)`): staff type `sr-2611-0042`.
 */
import type { Kysely } from 'kysely';
import { runStatements } from './statements.js';

const STATEMENTS = [
  'create index cases_owner on cases (owner, updated_at desc)',
  'create index cases_team on cases (team, status, updated_at desc)',
  'create index cases_ref_upper on cases (upper(ref))',
  'create index customers_name on customers (lower(name) text_pattern_ops) where name is not null',
  `create index cases_contact_name on cases (lower(data->'slots'->>'contact_name') text_pattern_ops)`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, STATEMENTS);
}
