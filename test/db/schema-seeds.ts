/**
 * Data written the way each schema version stored it (plain SQL, frozen with that version), and the
 * check that the current code still reads it after every later migration. A new migration adds its
 * own entry here; the ones before it stay as they are.
 */
import { type Kysely, sql } from 'kysely';
import { expect } from 'vitest';
import type { RecordDatabase } from '../../src/db/schema.js';
import { searchCases } from '../../src/record/search.js';

export interface SchemaSeed {
  put(db: Kysely<RecordDatabase>): Promise<void>;
  check(db: Kysely<RecordDatabase>): Promise<void>;
}

const CASE_0001 = {
  ref: 'SR-2601-0001',
  customerId: 'c0001seed0000001',
  status: 'closed',
  priority: 'normal',
  team: 'support',
  owner: 'bot',
  origin: { channel: 'sms', identity: 'phone:+8613800138000', address: '+8613800138000' },
  route: { channel: 'sms', identity: 'phone:+8613800138000', address: '+8613800138000' },
  lang: 'zh',
  flow: 'fault_report',
  summary: '打印机卡纸',
  slots: { product: 'printer', serial: 'CNB7REC123' },
  warranty: null,
  conversations: ['conv0001seed'],
  promises: [],
  sla: {},
  escalations: 0,
  escalationReason: null,
  flags: [],
  consent: {},
  appointment: null,
  record: null,
  followUp: null,
  handledBy: [],
  createdAt: '2026-01-05T02:00:00.000Z',
  updatedAt: '2026-01-06T02:00:00.000Z',
  closedAt: '2026-01-06T02:00:00.000Z',
};

export const seedsBySchema: Record<string, SchemaSeed> = {
  '0001-the-record': {
    async put(db) {
      await sql`insert into customers (id, name, lang, created_at, updated_at, profile, version)
        values (${CASE_0001.customerId}, '李雷', 'zh', '2026-01-05T02:00:00Z', '2026-01-06T02:00:00Z',
          ${JSON.stringify({ id: CASE_0001.customerId, identities: ['phone:+8613800138000'], cases: [CASE_0001.ref] })}, 1)`.execute(
        db,
      );
      await sql`insert into identities (identity, customer_id, kind, address)
        values ('phone:+8613800138000', ${CASE_0001.customerId}, 'phone', '+8613800138000')`.execute(db);
      await sql`insert into cases (ref, customer_id, status, priority, team, owner, channel, lang, flow, summary,
          product, serial, created_at, updated_at, closed_at, data, version)
        values (${CASE_0001.ref}, ${CASE_0001.customerId}, 'closed', 'normal', 'support', 'bot', 'sms', 'zh',
          'fault_report', '打印机卡纸', 'printer', 'CNB7REC123', '2026-01-05T02:00:00Z', '2026-01-06T02:00:00Z',
          '2026-01-06T02:00:00Z', ${JSON.stringify(CASE_0001)}, 1)`.execute(db);
      await sql`insert into transcript_entries (customer_id, case_ref, conversation, at, position, n, kind,
          channel, text, line_hash, search)
        values (${CASE_0001.customerId}, ${CASE_0001.ref}, 'conv0001seed', '2026-01-05T02:00:00Z', 1, 0, 'in',
          'sms', '打印机一直卡纸', 'seed', to_tsvector('simple', '打印 印机 打印机 一直 卡纸'))`.execute(db);
    },
    async check(db) {
      const kase = await db
        .selectFrom('cases')
        .selectAll()
        .where('ref', '=', CASE_0001.ref)
        .executeTakeFirst();
      expect(kase?.data).toMatchObject({ ref: CASE_0001.ref, summary: '打印机卡纸' });
      const found = await sql<{ text: string }>`select text from transcript_entries
        where search @@ plainto_tsquery('simple', '卡纸')`.execute(db);
      expect(found.rows.map((row) => row.text)).toEqual(['打印机一直卡纸']);
    },
  },
  '0002-finding-cases': {
    async put(db) {
      await seedsBySchema['0001-the-record']!.put(db);
    },
    async check(db) {
      const supervisor = { name: 'sam', role: 'supervisor', teams: [] };
      const search = (q: string) =>
        searchCases(db, { q, limit: 5 }, supervisor, { region: 'CN', now: new Date('2026-02-01T00:00:00Z') });
      for (const q of ['sr-2601-0001', '138 0013 8000', 'cnb7rec123', '卡纸']) {
        expect(
          (await search(q)).cases.map((kase) => kase.ref),
          q,
        ).toEqual([CASE_0001.ref]);
      }
      expect((await search('李')).cases[0]?.customer.name).toBe('李雷');
    },
  },
  '0004-groups-and-reviews': {
    async put(db) {
      await sql`insert into customer_groups (customer_id, segment, region, industry, source, updated_by, updated_at)
        values (${CASE_0001.customerId}, 'enterprise', '华东', '制造业', 'staff', 'sup', '2026-02-01T02:00:00Z')`.execute(
        db,
      );
      await sql`insert into quality_reviews (week, staff, case_ref, reviewer, greeting, promise, solution, record,
          note, flags, reviewed_at)
        values ('2026-W02', 'alice', ${CASE_0001.ref}, 'sup', 5, 4, 4, 3, '称呼客户了', '["late_reply"]',
          '2026-01-12T02:00:00Z')`.execute(db);
    },
    async check(db) {
      const group = await db.selectFrom('customer_groups').selectAll().executeTakeFirst();
      expect(group).toMatchObject({ segment: 'enterprise', region: '华东', industry: '制造业' });
      const review = await db.selectFrom('quality_reviews').selectAll().executeTakeFirst();
      expect(review).toMatchObject({ staff: 'alice', greeting: 5, flags: ['late_reply'] });
    },
  },
};
