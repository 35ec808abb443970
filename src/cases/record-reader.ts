/**
 * Reading cases, customers and transcripts from the record (PostgreSQL): what staff and the bot see of
 * a case that is no longer in Redis — a closed case past HOT_DAYS, or everything after Redis was lost.
 * Values come back exactly as Redis held them (the `data` and `profile` columns keep the JSON).
 */
import { sql } from 'kysely';
import type { RecordDb } from '../db/connect.js';
import type { Case, CustomerProfile, TranscriptEntry } from './types.js';

export interface RecordReader {
  customerOf(ref: string): Promise<string | null>;
  caseByRef(ref: string): Promise<Case | null>;
  /** Cases by reference, optionally only those of one customer. */
  cases(refs: readonly string[], customerId?: string): Promise<Case[]>;
  customer(customerId: string): Promise<CustomerProfile | null>;
  /** Cases created between two instants (inclusive), oldest first, leaving out the given references. */
  createdBetween(from: Date, to: Date, except?: readonly string[]): Promise<Case[]>;
  /** The case's transcript with each outbound message's delivery state, oldest first. */
  transcript(kase: Case): Promise<TranscriptEntry[]>;
  /** The case's audit trail, oldest first. */
  audit(ref: string): Promise<Array<{ at: string; staff: string; action: string; detail?: string }>>;
  /** Every maintenance record of a serial (any customer), with the warranty decision of its case. */
  repairsOf?(serial: string): Promise<RecordedRepair[]>;
}

export interface RecordedRepair {
  ref: string;
  finishedAt: Date | null;
  kind: string;
  decision: string | null;
}

interface LineRow {
  at: Date;
  kind: string;
  channel: string | null;
  text: string;
  conversation: string | null;
  case_ref: string | null;
  author: string | null;
  meta: Record<string, unknown> | null;
  delivery: string | null;
}

function entryOf(row: LineRow): TranscriptEntry {
  const meta = row.delivery ? { ...(row.meta ?? {}), delivery: row.delivery } : row.meta;
  return {
    at: row.at.toISOString(),
    kind: row.kind as TranscriptEntry['kind'],
    ...(row.channel ? { channel: row.channel as NonNullable<TranscriptEntry['channel']> } : {}),
    text: row.text,
    ...(row.conversation ? { conv: row.conversation } : {}),
    ...(row.case_ref ? { case: row.case_ref } : {}),
    ...(row.author ? { author: row.author } : {}),
    ...(meta ? { meta } : {}),
  };
}

export function createRecordReader(db: RecordDb): RecordReader {
  return {
    async customerOf(ref) {
      const row = await db
        .selectFrom('cases')
        .select('customer_id')
        .where('ref', '=', ref)
        .executeTakeFirst();
      return row?.customer_id ?? null;
    },
    async caseByRef(ref) {
      const row = await db.selectFrom('cases').select('data').where('ref', '=', ref).executeTakeFirst();
      return row ? (row.data as Case) : null;
    },
    async cases(refs, customerId) {
      if (refs.length === 0) return [];
      let query = db
        .selectFrom('cases')
        .select('data')
        .where('ref', 'in', [...refs]);
      if (customerId) query = query.where('customer_id', '=', customerId);
      return (await query.execute()).map((row) => row.data as Case);
    },
    async customer(customerId) {
      const row = await db
        .selectFrom('customers')
        .select('profile')
        .where('id', '=', customerId)
        .executeTakeFirst();
      return row ? (row.profile as CustomerProfile) : null;
    },
    async createdBetween(from, to, except = []) {
      let query = db
        .selectFrom('cases')
        .select('data')
        .where('created_at', '>=', from)
        .where('created_at', '<=', to)
        .orderBy('created_at');
      if (except.length > 0) query = query.where(sql<boolean>`ref <> all(${[...except]}::text[])`);
      return (await query.execute()).map((row) => row.data as Case);
    },
    async transcript(kase) {
      const conversations = kase.conversations ?? [];
      const rows = await sql<LineRow>`
        select t.at, t.kind, t.channel, t.text, t.conversation, t.case_ref, t.author, t.meta, d.state as delivery
        from transcript_entries t left join deliveries d on d.message_id = t.message_id
        where t.customer_id = ${kase.customerId}
          and (t.case_ref = ${kase.ref} or (t.case_ref is null and t.conversation = any(${conversations}::text[])))
        order by t.at, t.position, t.n`.execute(db);
      return rows.rows.map(entryOf);
    },
    async repairsOf(serial) {
      const rows = await db
        .selectFrom('maintenance_records as m')
        .leftJoin('cases as c', 'c.ref', 'm.ref')
        .select(['m.ref', 'm.finished_at', 'm.kind', 'c.decision'])
        .where('m.serial', '=', serial.toUpperCase())
        .orderBy('m.finished_at')
        .execute();
      return rows.map((row) => ({
        ref: row.ref,
        finishedAt: row.finished_at,
        kind: row.kind,
        decision: row.decision ?? null,
      }));
    },
    async audit(ref) {
      const rows = await db
        .selectFrom('audit_entries')
        .select(['at', 'staff', 'action', 'detail'])
        .where('ref', '=', ref)
        .orderBy('at')
        .orderBy('id')
        .execute();
      return rows.map((row) => ({
        at: row.at.toISOString(),
        staff: row.staff,
        action: row.action,
        ...(row.detail ? { detail: row.detail } : {}),
      }));
    },
  };
}
