/**
 * Writes a batch of commits and changes into the record, in one transaction:
 *
 * 1. a transaction-scoped advisory lock per customer, taken in one sorted order, so two recorders
 *    never work on one customer at once (and cannot deadlock on each other);
 * 2. each commit's id into `recorded_events` — a commit already there is skipped whole (idempotent by
 *    event id: a batch retried after a crash, or read by two recorders, counts once);
 * 3. the snapshots (customers, cases, maintenance records), each replacing the stored one only if it is
 *    newer by stream position; status changes; transcript lines with their search words;
 * 4. what left Redis, and privacy (erase, purge) after everything else of the batch.
 */
import { type Kysely, sql, type Transaction } from 'kysely';
import type { RecordDatabase } from '../db/schema.js';
import { indexWords } from '../db/words.js';
import { applyChanges, type ChangeEntry } from './changes.js';
import { type PlannedChanges, planChanges, type RecordEvent, statusChanges } from './events.js';
import { eraseCustomerInRecord, purgeCaseInRecord } from './privacy.js';
import { caseRow, customerRow, identityRow, maintenanceRow, productRows, transcriptRow } from './rows.js';

type Trx = Transaction<RecordDatabase>;

/** Rows per INSERT: well inside PostgreSQL's 65,535 parameters. */
const CHUNK = 1000;

function chunks<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let n = 0; n < items.length; n += CHUNK) out.push(items.slice(n, n + CHUNK));
  return out;
}

export async function lockCustomers(trx: Trx, customers: string[]): Promise<void> {
  if (customers.length === 0) return;
  await sql`select pg_advisory_xact_lock(hashtextextended(c, 7417)) from unnest(${customers}::text[]) as c`.execute(
    trx,
  );
}

async function applyCustomers(trx: Trx, planned: PlannedChanges): Promise<void> {
  const rows = [...planned.profiles.values()].map(({ profile, version, raw }) =>
    customerRow(profile, version, raw),
  );
  if (rows.length === 0) return;
  const updated = await trx
    .insertInto('customers')
    .values(rows)
    .onConflict((oc) =>
      oc
        .column('id')
        .doUpdateSet((eb) => ({
          name: eb.ref('excluded.name'),
          lang: eb.ref('excluded.lang'),
          updated_at: eb.ref('excluded.updated_at'),
          profile: eb.ref('excluded.profile'),
          version: eb.ref('excluded.version'),
        }))
        .where('customers.version', '<', (eb) => eb.ref('excluded.version')),
    )
    .returning('id')
    .execute();
  // Identities and products follow the profiles that were newer than the record's.
  const fresh = updated.map((row) => planned.profiles.get(row.id)!.profile);
  if (fresh.length === 0) return;
  const identities = fresh.flatMap((profile) => profile.identities.map((id) => identityRow(profile.id, id)));
  await trx
    .deleteFrom('identities')
    .where(
      'customer_id',
      'in',
      fresh.map((profile) => profile.id),
    )
    .where('identity', 'not in', identities.length ? identities.map((row) => row.identity) : [''])
    .execute();
  for (const part of chunks(identities)) {
    await trx
      .insertInto('identities')
      .values(part)
      .onConflict((oc) =>
        oc
          .column('identity')
          .doUpdateSet((eb) => ({ customer_id: eb.ref('excluded.customer_id') }))
          // Most commits re-state identities the record already has: no new row version for those.
          .where('identities.customer_id', '<>', (eb) => eb.ref('excluded.customer_id')),
      )
      .execute();
  }
  for (const part of chunks(fresh.flatMap(productRows))) {
    await trx
      .insertInto('products')
      .values(part)
      .onConflict((oc) => oc.doNothing())
      .execute();
  }
}

async function applyCases(trx: Trx, planned: PlannedChanges): Promise<void> {
  if (planned.cases.length === 0) return;
  const refs = [...new Set(planned.cases.map((snapshot) => snapshot.case.ref))];
  const before = await trx
    .selectFrom('cases')
    .select(['ref', 'status', 'version'])
    .where('ref', 'in', refs)
    .execute();
  const changes = statusChanges(planned.cases, new Map(before.map((row) => [row.ref, row])));
  for (const part of chunks(changes)) await trx.insertInto('case_changes').values(part).execute();
  const latest = new Map(planned.cases.map((snapshot) => [snapshot.case.ref, snapshot]));
  const rows = [...latest.values()].map(({ case: kase, version, raw }) => caseRow(kase, version, raw));
  for (const part of chunks(rows)) {
    await trx
      .insertInto('cases')
      .values(part)
      .onConflict((oc) =>
        oc
          .column('ref')
          .doUpdateSet((eb) => {
            const columns = Object.keys(part[0]!).filter((column) => column !== 'ref') as Array<
              keyof (typeof part)[0]
            >;
            return Object.fromEntries(columns.map((column) => [column, eb.ref(`excluded.${column}`)]));
          })
          .where('cases.version', '<', (eb) => eb.ref('excluded.version')),
      )
      .execute();
  }
  const records = [...latest.values()].flatMap(
    ({ case: kase, version }) => maintenanceRow(kase, version) ?? [],
  );
  for (const part of chunks(records)) {
    await trx
      .insertInto('maintenance_records')
      .values(part)
      .onConflict((oc) =>
        oc
          .column('ref')
          .doUpdateSet((eb) => {
            const columns = Object.keys(part[0]!).filter((column) => column !== 'ref') as Array<
              keyof (typeof part)[0]
            >;
            return Object.fromEntries(columns.map((column) => [column, eb.ref(`excluded.${column}`)]));
          })
          .where('maintenance_records.version', '<', (eb) => eb.ref('excluded.version')),
      )
      .execute();
  }
}

async function insertLines(trx: Trx, planned: PlannedChanges): Promise<void> {
  for (const part of chunks(planned.lines)) {
    const rows = part.map((line) => {
      const { searched, ...row } = transcriptRow(line);
      const search = searched
        ? sql<string>`setweight(to_tsvector('simple', ${indexWords(row.text)}), 'A') || setweight(to_tsvector('english', ${row.text}), 'B')`
        : null;
      return { ...row, search };
    });
    await trx.insertInto('transcript_entries').values(rows).execute();
  }
}

async function applyPrivacy(trx: Trx, planned: PlannedChanges): Promise<void> {
  if (planned.evicted.size > 0) {
    await trx
      .updateTable('cases')
      .set({ hot: false })
      .where('ref', 'in', [...planned.evicted])
      .execute();
  }
  for (const { customerId, at } of planned.erased) await eraseCustomerInRecord(trx, customerId, at);
  for (const { ref, at } of planned.purged) await purgeCaseInRecord(trx, ref, at);
}

/**
 * Records commits (in stream order per customer) and global changes inside a transaction the caller
 * holds; returns how many commits were new to the record.
 */
export async function recordInTransaction(
  trx: Trx,
  events: readonly RecordEvent[],
  changes: readonly ChangeEntry[] = [],
): Promise<number> {
  const unique = [...new Map(events.map((event) => [event.id, event])).values()];
  await lockCustomers(trx, [...new Set(unique.map((event) => event.customerId))].sort());
  let fresh: RecordEvent[] = [];
  if (unique.length > 0) {
    const inserted = await trx
      .insertInto('recorded_events')
      .values(unique.map((event) => ({ event_id: event.id })))
      .onConflict((oc) => oc.column('event_id').doNothing())
      .returning('event_id')
      .execute();
    const ids = new Set(inserted.map((row) => row.event_id));
    fresh = unique.filter((event) => ids.has(event.id));
  }
  if (fresh.length > 0) await applyPlanned(trx, planChanges(fresh));
  await applyChanges(trx, changes);
  return fresh.length;
}

/** Writes planned changes (from commits, or from the backfill's snapshots) under the caller's locks. */
export async function applyPlanned(trx: Trx, planned: PlannedChanges): Promise<void> {
  await applyCustomers(trx, planned);
  await applyCases(trx, planned);
  await insertLines(trx, planned);
  await applyPrivacy(trx, planned);
}

/** Records commits and global changes in one transaction of its own. */
export async function recordBatch(
  db: Kysely<RecordDatabase>,
  events: readonly RecordEvent[],
  changes: readonly ChangeEntry[] = [],
): Promise<number> {
  return db.transaction().execute((trx) => recordInTransaction(trx, events, changes));
}
