/**
 * Privacy covers the record: erase and purge (RETENTION_DAYS) reach what only PostgreSQL still holds
 * — a case that left Redis after HOT_DAYS — and leave anonymised facts the KPIs still count.
 */
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { customerIdFor } from '../../src/conversation/keys.js';
import { exportCases } from '../../src/desk/privacy.js';
import { evictClosedCases } from '../../src/record/hot-days.js';
import { eraseCustomerEverywhere, purgeClosedCasesEverywhere } from '../../src/record/retention.js';
import { createRecordedRuntime, type RecordedRuntime } from '../support/record.js';

let env: RecordedRuntime;
beforeEach(async () => {
  env = await createRecordedRuntime();
});
afterEach(async () => env.close());

let n = 0;
async function say(from: string, text: string) {
  return env.runtime.desk.receive({
    channel: 'sms',
    providerMessageId: `SM-privacy-${n++}`,
    from,
    text,
    receivedAt: env.runtime.clock.now(),
    inline: true,
  });
}

const DAY = 24 * 3600_000;

/** A case opened, closed by the customer, recorded, and evicted from Redis after HOT_DAYS. */
async function coldCase(from: string, text: string): Promise<string> {
  const ref = (await say(from, text)).case!.ref;
  await say(from, '取消');
  await env.recorder.drain();
  const later = new Date(env.runtime.clock.now().getTime() + 8 * DAY);
  expect((await evictClosedCases(env.runtime.desk, env.record.db, 7, later)).evicted).toBe(1);
  await env.recorder.drain();
  return ref;
}

const texts = async (where = sql`true`) =>
  (
    await sql<{ text: string }>`select text from transcript_entries where ${where} order by id`.execute(
      env.record.db,
    )
  ).rows.map((row) => row.text);

describe('privacy in the record', () => {
  it('erase reaches cold cases and the whole transcript; the anonymised cases still count', async () => {
    const from = '+8613800138400';
    const cold = await coldCase(from, '我叫王伟，ThinkPad 序列号PF2ABC12 开不了机');
    const hot = (await say(from, '路由器每天晚上都掉线，转人工')).case!.ref;
    await env.recorder.drain();
    const now = env.runtime.clock.now();
    const result = await eraseCustomerEverywhere(env.runtime.desk, env.record.db, '138 0013 8400', 'CN', now);
    expect(result).toMatchObject({ customerId: customerIdFor(`phone:${from}`), erased: true });
    await env.recorder.drain();

    expect(await texts(sql`text <> ''`)).toEqual([]);
    expect(
      await sql`select 1 from transcript_entries where search is not null`.execute(env.record.db),
    ).toMatchObject({
      rows: [],
    });
    expect(await env.record.db.selectFrom('identities').selectAll().execute()).toEqual([]);
    const cases = await env.record.db
      .selectFrom('cases')
      .select(['ref', 'anonymised', 'data', 'serial'])
      .execute();
    expect(cases.map((row) => [row.ref, row.anonymised, row.serial]).sort()).toEqual(
      [
        [cold, true, null],
        [hot, true, null],
      ].sort(),
    );
    expect(JSON.stringify(cases)).not.toMatch(/PF2ABC12|13800138400|王伟|掉线/);
    const customer = await env.record.db.selectFrom('customers').selectAll().executeTakeFirstOrThrow();
    expect(customer.name).toBeNull();
    expect(customer.erased_at).not.toBeNull();
    // Still counted: both cases are in the period's KPIs.
    const period = await env.runtime.cases.createdBetween(new Date('2026-01-01'), new Date('2027-01-01'));
    expect(period.map((kase) => kase.ref).sort()).toEqual([cold, hot].sort());
  });

  it('RETENTION_DAYS purges a closed case that only the record holds', async () => {
    const from = '+8613800138401';
    const cold = await coldCase(from, '我的扫描仪扫出来全是竖线');
    await say(from, '另外显示器也不亮了');
    await env.recorder.drain();
    const exported: string[] = [];
    await exportCases(
      env.runtime.cases,
      { since: new Date('2026-01-01'), until: new Date('2027-01-01') },
      (line) => exported.push(line),
    );
    expect(exported.join('\n')).toContain('我的扫描仪扫出来全是竖线');

    const purged = await purgeClosedCasesEverywhere(
      env.runtime.desk,
      env.record.db,
      30,
      new Date('2027-03-01'),
    );
    expect(purged).toBe(1);
    await env.recorder.drain();
    const purgedLines = await texts(sql`case_ref = ${cold}`);
    expect(purgedLines.length).toBeGreaterThan(1);
    expect(purgedLines.every((text) => text === '')).toBe(true);
    expect(await texts()).toContain('另外显示器也不亮了');
    const row = await env.record.db
      .selectFrom('cases')
      .select(['anonymised', 'status'])
      .where('ref', '=', cold)
      .executeTakeFirst();
    expect(row).toEqual({ anonymised: true, status: 'closed' });
    expect(
      await purgeClosedCasesEverywhere(env.runtime.desk, env.record.db, 30, new Date('2027-03-01')),
    ).toBe(0);
  });
});
