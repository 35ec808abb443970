/**
 * The recorder against real Redis and real PostgreSQL: what the desk commits reaches the record, once,
 * in order; nothing is trimmed from Redis before PostgreSQL has it; a recorder that dies mid-way is
 * taken over; changes made outside a customer's slot (deliveries, the audit trail) are recorded too.
 */
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { customerIdFor, slotKeys } from '../../src/conversation/keys.js';
import { openDatabase } from '../../src/db/connect.js';
import { searchWords } from '../../src/db/words.js';
import { silentLogger } from '../../src/logger.js';
import { recordBatch } from '../../src/record/apply.js';
import { Recorder } from '../../src/record/recorder.js';
import { readCustomer } from '../../src/record/stream.js';
import { caseAudit } from '../../src/staff/audit.js';
import { createRecordedRuntime, type RecordedRuntime } from '../support/record.js';

let env: RecordedRuntime;
beforeEach(async () => {
  env = await createRecordedRuntime();
});
afterEach(async () => env.close());

async function say(from: string, text: string, n: number) {
  return env.runtime.desk.receive({
    channel: 'sms',
    providerMessageId: `SM-${from}-${n}`,
    from,
    text,
    receivedAt: env.runtime.clock.now(),
    inline: true,
  });
}

const count = async (table: string, where = sql`true`) =>
  Number(
    (
      await sql<{ n: string }>`select count(*) as n from ${sql.table(table)} where ${where}`.execute(
        env.record.db,
      )
    ).rows[0]!.n,
  );

describe('the recorder', () => {
  it('records the customer, the case with its status changes, and every line, searchable in both languages', async () => {
    const from = '+8613800138100';
    await say(from, '我的打印机一直卡纸，序列号 CNB7REC123', 1);
    const last = await say(from, '转人工 my printer jammed again', 2);
    const ref = last.case!.ref;
    const customerId = customerIdFor(`phone:${from}`);
    expect(await env.recorder.drain()).toBeGreaterThan(0);

    const kase = await env.record.reader.caseByRef(ref);
    expect(kase).toEqual(await env.runtime.cases.get(ref));
    const row = await env.record.db
      .selectFrom('cases')
      .selectAll()
      .where('ref', '=', ref)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ customer_id: customerId, status: kase!.status, channel: 'sms', hot: true });
    const changes = await env.record.db
      .selectFrom('case_changes')
      .select(['status', 'previous_status'])
      .where('ref', '=', ref)
      .orderBy('id')
      .execute();
    expect(changes[0]).toEqual({ status: 'open', previous_status: null });
    expect(changes.at(-1)?.status).toBe(kase!.status);
    expect(await env.record.db.selectFrom('identities').selectAll().execute()).toEqual([
      { identity: `phone:${from}`, customer_id: customerId, kind: 'phone', address: from },
    ]);

    // The transcript as staff see it, from the record.
    const hot = await env.runtime.cases.transcript(kase!);
    expect(await env.record.reader.transcript(kase!)).toEqual(hot);
    const found = async (query: string) =>
      (
        await sql<{ text: string }>`select text from transcript_entries
          where search @@ (plainto_tsquery('simple', ${searchWords(query)}) || plainto_tsquery('english', ${query}))`.execute(
          env.record.db,
        )
      ).rows.map((r) => r.text);
    expect(await found('卡纸')).toEqual(['我的打印机一直卡纸，序列号 CNB7REC123']);
    expect(await found('jam')).toEqual(['转人工 my printer jammed again']);
    expect(await found('cnb7rec123')).toHaveLength(1);

    // Recorded means gone from the streams: nothing waits in Redis.
    expect(
      await env.runtime.redis.exists(
        `${env.runtime.desk.inbox.keys.customer(customerId)}${slotKeys.recordStream}`,
      ),
    ).toBe(0);
    expect(await env.runtime.redis.xlen(env.runtime.desk.inbox.keys.recordMarks())).toBe(0);
  });

  it('records a commit once, however often it is read', async () => {
    const from = '+8613800138101';
    await say(from, '我的笔记本开不了机', 1);
    const read = await readCustomer(
      env.runtime.redis,
      env.runtime.desk.inbox.keys,
      customerIdFor(`phone:${from}`),
      [],
    );
    expect(read.events.length).toBeGreaterThan(0);
    expect(await recordBatch(env.record.db, read.events)).toBe(read.events.length);
    const lines = await count('transcript_entries');
    expect(await recordBatch(env.record.db, read.events)).toBe(0);
    await env.recorder.drain();
    expect(await count('transcript_entries')).toBe(lines);
    expect(await count('recorded_events')).toBe(read.events.length);
  });
});

describe('the recorder while PostgreSQL is away', () => {
  it('keeps everything in Redis while PostgreSQL is away, and records it once it is back', async () => {
    const away = openDatabase('postgres://postgres@127.0.0.1:1/none', { max: 1 });
    const stuck = new Recorder({
      redis: env.runtime.redis,
      keys: env.runtime.desk.inbox.keys,
      db: away,
      logger: silentLogger,
    });
    const from = '+8613800138102';
    await say(from, '路由器每天晚上都掉线', 1);
    const stream = `${env.runtime.desk.inbox.keys.customer(customerIdFor(`phone:${from}`))}${slotKeys.recordStream}`;
    const before = await env.runtime.redis.xlen(stream);
    expect(before).toBeGreaterThan(0);
    await expect(stuck.round(0)).rejects.toThrow();
    expect(await env.runtime.redis.xlen(stream)).toBe(before);
    await stuck.stop();
    await away.destroy();

    // The marks the failed recorder held are taken over by another one (a restart, or another process).
    const next = new Recorder({
      redis: env.runtime.redis,
      keys: env.runtime.desk.inbox.keys,
      db: env.record.db,
      logger: silentLogger,
      claimIdleMs: 1,
    });
    await new Promise((done) => setTimeout(done, 20));
    await next.drain();
    await next.stop();
    expect(await env.runtime.redis.exists(stream)).toBe(0);
    expect(await count('transcript_entries', sql`text = '路由器每天晚上都掉线'`)).toBe(1);
  });
});

describe('changes outside a customer slot', () => {
  it('records delivery states and the audit trail, made outside the customer slot', async () => {
    const from = '+8613800138103';
    const result = await say(from, '转人工', 1);
    const ref = result.case!.ref;
    await env.runtime.deliveries.update('msg-1', { state: 'delivered', at: '2026-11-26T02:00:01.000Z' });
    await caseAudit(env.runtime).record(
      ref,
      { at: '2026-11-26T02:00:02.000Z', staff: 'alice', action: 'claimed' },
      'op-1',
    );
    await caseAudit(env.runtime).record(
      ref,
      { at: '2026-11-26T02:00:02.000Z', staff: 'alice', action: 'claimed' },
      'op-1',
    );
    await env.recorder.drain();
    expect(await env.record.db.selectFrom('deliveries').select(['message_id', 'state']).execute()).toEqual([
      { message_id: 'msg-1', state: 'delivered' },
    ]);
    expect(await env.record.reader.audit(ref)).toEqual([
      { at: '2026-11-26T02:00:02.000Z', staff: 'alice', action: 'claimed' },
    ]);
  });
});

describe('a commit whose mark was lost', () => {
  it('is found by the sweep for unmarked streams and recorded', async () => {
    const from = '+8613800138104';
    await say(from, '投影仪没有声音', 1);
    const keys = env.runtime.desk.inbox.keys;
    // Redis lost the marks (a node's last second), not the commit.
    await env.runtime.redis.del(keys.recordMarks());
    expect(await env.recorder.drain()).toBe(0);
    expect(await env.recorder.markOrphans()).toBe(1);
    expect(await env.recorder.drain()).toBeGreaterThan(0);
    expect(await count('transcript_entries', sql`text = '投影仪没有声音'`)).toBe(1);
  });
});
