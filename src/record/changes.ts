/**
 * Records the changes made outside customers' slots (src/cases/record-changes.ts): delivery states,
 * audit entries, contracts, visit plans and knowledge-base entries. Each is idempotent — an upsert that
 * keeps the newer value, or an insert keyed by its stream entry — so reading one twice changes nothing.
 */
import { createHash } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { RecordChange } from '../cases/record-changes.js';
import type { RecordDatabase } from '../db/schema.js';

export interface ChangeEntry {
  /** Its id on the changes stream. */
  id: string;
  change: RecordChange;
}

type Trx = Transaction<RecordDatabase>;

/** Identifies an audit entry by what it says, so the backfill recognises entries already recorded. */
export function auditHash(ref: string, raw: string): string {
  return createHash('sha256').update(`${ref}\n${raw}`).digest('hex').slice(0, 32);
}

async function applyDeliveries(trx: Trx, entries: ChangeEntry[]): Promise<void> {
  // One row per message (the latest state of this batch): an upsert cannot touch a row twice.
  const latest = new Map<string, Extract<RecordChange, { type: 'delivery' }>>();
  for (const { change } of entries) {
    if (change.type !== 'delivery') continue;
    const known = latest.get(change.messageId);
    if (!known || known.state.at <= change.state.at) latest.set(change.messageId, change);
  }
  const rows = [...latest.values()].map(({ messageId, state }) => ({
    message_id: messageId,
    state: state.state,
    at: state.at,
    provider_id: state.providerId ?? null,
    error: state.error ?? null,
  }));
  if (rows.length === 0) return;
  await trx
    .insertInto('deliveries')
    .values(rows)
    .onConflict((oc) =>
      oc
        .column('message_id')
        .doUpdateSet((eb) => ({
          state: eb.ref('excluded.state'),
          at: eb.ref('excluded.at'),
          provider_id: eb.fn.coalesce(eb.ref('excluded.provider_id'), eb.ref('deliveries.provider_id')),
          error: eb.ref('excluded.error'),
        }))
        .where('deliveries.at', '<=', (eb) => eb.ref('excluded.at')),
    )
    .execute();
}

async function applyAudit(trx: Trx, entries: ChangeEntry[]): Promise<void> {
  const rows = entries.flatMap(({ id, change }) =>
    change.type === 'audit'
      ? [
          {
            source_id: id,
            line_hash: auditHash(change.ref, JSON.stringify(change.entry)),
            ref: change.ref,
            at: change.entry.at,
            staff: change.entry.staff,
            action: change.entry.action,
            detail: change.entry.detail ?? null,
          },
        ]
      : [],
  );
  if (rows.length === 0) return;
  await trx
    .insertInto('audit_entries')
    .values(rows)
    .onConflict((oc) => oc.column('source_id').doNothing())
    .execute();
}

/** Contracts, visit plans and knowledge-base entries: few, one statement each. */
async function applyOne(trx: Trx, { change }: ChangeEntry): Promise<void> {
  switch (change.type) {
    case 'delivery':
    case 'audit':
      return;
    case 'contract': {
      const { contract } = change;
      const row = {
        number: contract.number.toUpperCase(),
        holders: contract.holders,
        serials: contract.serials.map((serial) => serial.toUpperCase()),
        data: JSON.stringify(contract),
        updated_at: new Date(),
      };
      await trx
        .insertInto('contracts')
        .values(row)
        .onConflict((oc) => oc.column('number').doUpdateSet(row))
        .execute();
      return;
    }
    case 'visit_plan': {
      const { plan } = change;
      const row = {
        number: plan.number,
        customer_id: plan.customerId,
        data: JSON.stringify(plan),
        created_at: plan.createdAt,
      };
      await trx
        .insertInto('visit_plans')
        .values(row)
        .onConflict((oc) => oc.column('number').doUpdateSet(row))
        .execute();
      return;
    }
    case 'kb': {
      const { record } = change;
      const row = {
        id: record.id,
        status: record.status,
        data: JSON.stringify(record),
        updated_at: record.updatedAt,
      };
      await trx
        .insertInto('kb_entries')
        .values(row)
        .onConflict((oc) =>
          oc
            .column('id')
            .doUpdateSet(row)
            .where('kb_entries.updated_at', '<=', (eb) => eb.ref('excluded.updated_at')),
        )
        .execute();
      return;
    }
  }
}

export async function applyChanges(trx: Trx, changes: readonly ChangeEntry[]): Promise<void> {
  if (changes.length === 0) return;
  await applyDeliveries(trx, [...changes]);
  await applyAudit(trx, [...changes]);
  // In stream order: a later version of the same contract, plan or entry wins.
  for (const entry of changes) await applyOne(trx, entry);
}
