/** Runs DDL statements one by one (the extended query protocol takes one statement at a time). */
import { type Kysely, sql } from 'kysely';

export async function runStatements(db: Kysely<unknown>, statements: readonly string[]): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
