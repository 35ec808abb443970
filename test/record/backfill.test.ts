/**
 * `npm run record -- backfill`: a Redis-only installation (commits left no trace for the recorder)
 * copied into the record — complete, idempotent, resumable after a stop half-way.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createContractStore } from '../../src/cases/contract-store.js';
import { createKbStore } from '../../src/cases/kb-store.js';
import { customerIdFor, slotKeys } from '../../src/conversation/keys.js';
import { silentLogger } from '../../src/logger.js';
import { backfill } from '../../src/record/backfill.js';
import { openRecord, type RecordConnection } from '../../src/record/open.js';
import { caseAudit } from '../../src/staff/audit.js';
import { freshDatabase, type TestDatabase } from '../support/database.js';
import { createTestRuntime, type TestRuntime } from '../support/runtime.js';

let runtime: TestRuntime;
let database: TestDatabase;
let record: RecordConnection;
beforeAll(async () => {
  // Commits of this runtime leave nothing for a recorder: as before the record existed.
  runtime = createTestRuntime({ recordStreams: false });
  database = await freshDatabase();
  record = openRecord(
    { url: database.url, description: database.name },
    { logger: silentLogger, poolSize: 4 },
  );
  await record.ready;
});
afterAll(async () => {
  await runtime.close();
  await record.close();
  await database.drop();
});

let n = 0;
async function say(from: string, text: string) {
  return runtime.desk.receive({
    channel: 'sms',
    providerMessageId: `SM-backfill-${n++}`,
    from,
    text,
    receivedAt: runtime.clock.now(),
    inline: true,
  });
}

const counts = async () =>
  (
    await sql<Record<string, string>>`select
      (select count(*) from customers) as customers, (select count(*) from cases) as cases,
      (select count(*) from transcript_entries) as lines, (select count(*) from audit_entries) as audit,
      (select count(*) from deliveries) as deliveries, (select count(*) from contracts) as contracts,
      (select count(*) from kb_entries) as kb, (select count(*) from identities) as identities`.execute(
      record.db,
    )
  ).rows[0]!;

const options = () => ({ redis: runtime.redis, keys: runtime.desk.inbox.keys, db: record.db });
const phones = ['+8613800138500', '+8613800138501', '+8613800138502'];
let logLines = 0;

describe('the backfill', () => {
  it('copies a Redis-only installation, resuming where a stopped run stood', async () => {
    for (const from of phones) {
      await say(from, '我的打印机一直卡纸');
      const last = await say(from, '转人工');
      await caseAudit(runtime).record(last.case!.ref, {
        at: '2026-11-26T02:10:00.000Z',
        staff: 'alice',
        action: 'viewed',
      });
    }
    await runtime.deliveries.update('msg-b1', { state: 'delivered', at: '2026-11-26T02:11:00.000Z' });
    await createContractStore(runtime.redis, runtime.config.REDIS_KEY_PREFIX).save([
      {
        number: 'HT-2026-001',
        holders: [customerIdFor(`phone:${phones[0]}`)],
        serials: ['CNB7REC123'],
      } as never,
    ]);
    await createKbStore(runtime.redis, runtime.config.REDIS_KEY_PREFIX).createDraft({
      id: 'kb_jam',
      status: 'draft',
      fields: {} as never,
      source: null,
      author: 'alice',
      createdAt: '2026-11-26T02:00:00.000Z',
      updatedAt: '2026-11-26T02:00:00.000Z',
      updatedBy: 'alice',
    });
    for (const from of phones) {
      const base = runtime.desk.inbox.keys.customer(customerIdFor(`phone:${from}`));
      logLines += await runtime.redis.llen(`${base}${slotKeys.log}`);
      expect(await runtime.redis.exists(`${base}${slotKeys.recordStream}`)).toBe(0);
    }

    // A run that stops after its first batch (the process was killed), then a new run.
    await expect(
      backfill({
        ...options(),
        onProgress: () => {
          throw new Error('stopped');
        },
      }),
    ).rejects.toThrow('stopped');
    const saved = await record.db.selectFrom('record_progress').select('value').executeTakeFirstOrThrow();
    expect(saved.value).toMatchObject({ phase: expect.any(String) });
    const seen: string[] = [];
    const result = await backfill({ ...options(), onProgress: (p) => seen.push(p.phase) });
    expect(result.phase).toBe('done');
    expect(seen.at(-1)).toBe('done');

    expect(await counts()).toEqual({
      customers: '3',
      cases: '3',
      lines: String(logLines),
      audit: '3',
      deliveries: '1',
      contracts: '1',
      kb: '1',
      identities: '3',
    });
    const ref = (await runtime.cases.createdBetween(new Date('2026-01-01'), new Date('2027-01-01')))[0]!.ref;
    expect(await record.reader.caseByRef(ref)).toEqual(await runtime.cases.get(ref));
    expect(await record.reader.transcript((await runtime.cases.get(ref))!)).toEqual(
      await runtime.cases.transcript((await runtime.cases.get(ref))!),
    );
  });

  it('adds nothing when run again', async () => {
    const before = await counts();
    await backfill({ ...options(), restart: true });
    expect(await counts()).toEqual(before);
  });
});
