/**
 * Privacy in the record: erasing a customer and purging a case past the retention period do to the
 * record what src/desk/privacy-commands.ts does to Redis — personal fields and transcript text go, the
 * anonymised facts stay (dates, status, team, priority, promises, warranty decision, costs), so the
 * KPIs still count every case. Used by the recorder when it records such a command, and directly for
 * cases and customers only the record still holds (a closed case that left Redis after HOT_DAYS).
 */
import { type Kysely, sql } from 'kysely';
import type { Case } from '../cases/types.js';
import type { RecordDatabase } from '../db/schema.js';
import { anonymisedCase } from '../desk/privacy-commands.js';
import { caseRow, maintenanceRow } from './rows.js';

type Db = Kysely<RecordDatabase>;

/** Rewrites cases as their anonymised trace (unless already anonymised). */
async function anonymiseCases(db: Db, refs: string[] | { customerId: string }, at: Date): Promise<number> {
  let query = db
    .selectFrom('cases')
    .select(['ref', 'data', 'version', 'hot'])
    .where('anonymised', '=', false);
  query = Array.isArray(refs)
    ? query.where('ref', 'in', refs.length ? refs : [''])
    : query.where('customer_id', '=', refs.customerId);
  const rows = await query.execute();
  for (const row of rows) {
    const trace = anonymisedCase(row.data as Case, at.toISOString());
    const { ref: _ref, version: _version, hot: _hot, ...columns } = caseRow(trace, row.version);
    await db.updateTable('cases').set(columns).where('ref', '=', row.ref).execute();
    const record = maintenanceRow(trace, row.version);
    if (record) {
      const { ref: _r, version: _v, ...fields } = record;
      await db.updateTable('maintenance_records').set(fields).where('ref', '=', row.ref).execute();
    }
  }
  return rows.length;
}

const ERASED_LINE = { text: '', meta: null, author: null, search: null, erased: true } as const;

/** Erases a customer from the record; returns how many of their cases became anonymised traces. */
export async function eraseCustomerInRecord(db: Db, customerId: string, at: Date): Promise<number> {
  const cases = await anonymiseCases(db, { customerId }, at);
  await db.updateTable('transcript_entries').set(ERASED_LINE).where('customer_id', '=', customerId).execute();
  await db.deleteFrom('identities').where('customer_id', '=', customerId).execute();
  await db.deleteFrom('products').where('customer_id', '=', customerId).execute();
  await sql`update customers set name = null, erased_at = ${at},
      profile = jsonb_build_object('id', id, 'identities', '[]'::jsonb, 'lang', lang, 'products', '[]'::jsonb,
        'cases', coalesce(profile -> 'cases', '[]'::jsonb), 'optedOut', '[]'::jsonb,
        'createdAt', profile -> 'createdAt', 'updatedAt', ${at.toISOString()}::text)
    where id = ${customerId}`.execute(db);
  // Where a record was emailed is the customer's address.
  await sql`update audit_entries set detail = null
    where action = 'record_emailed' and ref in (select ref from cases where customer_id = ${customerId})`.execute(
    db,
  );
  return cases;
}

/** Purges one closed case: its transcript lines lose their text, the case keeps its trace. */
export async function purgeCaseInRecord(db: Db, ref: string, at: Date): Promise<void> {
  await anonymiseCases(db, [ref], at);
  await db.updateTable('transcript_entries').set(ERASED_LINE).where('case_ref', '=', ref).execute();
  await db
    .updateTable('audit_entries')
    .set({ detail: null })
    .where('ref', '=', ref)
    .where('action', '=', 'record_emailed')
    .execute();
}
