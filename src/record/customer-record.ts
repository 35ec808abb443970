/**
 * What only the record knows of a customer, for their page: who linked each identity and when (the
 * `identity_linked` events of their transcript), the contracts covering them or their serial numbers,
 * their visit plans, and the maintenance records of their units (the repair history 三包 counts).
 */
import { sql } from 'kysely';
import type { RecordDb } from '../db/connect.js';

export interface IdentityLink {
  identity: string;
  by: string | null;
  at: string;
}

export interface RecordedContract {
  number: string;
  serials: string[];
  data: Record<string, unknown>;
}

export interface RecordedRepair {
  ref: string;
  serial: string | null;
  kind: string;
  finishedAt: string | null;
}

export interface CustomerRecordExtras {
  links: IdentityLink[];
  contracts: RecordedContract[];
  visitPlans: Array<Record<string, unknown>>;
  repairs: RecordedRepair[];
}

export async function customerRecordExtras(
  db: RecordDb,
  customerId: string,
  options: { serials: readonly string[]; contracts: readonly string[] },
): Promise<CustomerRecordExtras> {
  const [links, contracts, plans, repairs] = await Promise.all([
    sql<{ identity: string; author: string | null; at: Date }>`
      select meta->>'identity' as identity, author, at from transcript_entries
      where customer_id = ${customerId} and kind = 'event' and meta->>'event' = 'identity_linked'
      order by at`.execute(db),
    sql<RecordedContract>`select number, serials, data from contracts
      where number = any(${[...options.contracts]}::text[])
        or ${customerId} = any(holders)
        or serials && ${[...options.serials]}::text[]
      order by number`.execute(db),
    sql<{ data: Record<string, unknown> }>`select data from visit_plans where customer_id = ${customerId}
      order by created_at`.execute(db),
    sql<{ ref: string; serial: string | null; kind: string; finished_at: Date | null }>`
      select ref, serial, kind, finished_at from maintenance_records
      where customer_id = ${customerId} or serial = any(${[...options.serials]}::text[])
      order by finished_at nulls last`.execute(db),
  ]);
  return {
    links: links.rows.map((row) => ({ identity: row.identity, by: row.author, at: row.at.toISOString() })),
    contracts: contracts.rows,
    visitPlans: plans.rows.map((row) => row.data),
    repairs: repairs.rows.map((row) => ({
      ref: row.ref,
      serial: row.serial,
      kind: row.kind,
      finishedAt: row.finished_at?.toISOString() ?? null,
    })),
  };
}
