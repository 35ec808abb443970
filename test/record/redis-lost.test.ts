/**
 * The record stands on its own: the KPIs computed from it equal those computed from Redis on the same
 * cases, and after Redis is lost entirely staff still find every recorded case with what the customer
 * wrote.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCaseStore } from '../../src/cases/store.js';
import type { Case } from '../../src/cases/types.js';
import { deletePrefixKeys } from '../../src/cli/flow-tests/cleanup.js';
import { kpiCasesBetween } from '../../src/record/kpi-cases.js';
import { caseAudit } from '../../src/staff/audit.js';
import { runStaffCommand } from '../../src/staff/commands.js';
import { computeKpis } from '../../src/staff/kpis.js';
import { createRecordedRuntime, type RecordedRuntime } from '../support/record.js';

let env: RecordedRuntime;
beforeAll(async () => {
  env = await createRecordedRuntime();
});
afterAll(async () => env.close());

let n = 0;
async function say(from: string, text: string) {
  return env.runtime.desk.receive({
    channel: 'sms',
    providerMessageId: `SM-lost-${n++}`,
    from,
    text,
    receivedAt: env.runtime.clock.now(),
    inline: true,
  });
}

const PERIOD = { from: new Date('2026-01-01T00:00:00Z'), to: new Date('2027-01-01T00:00:00Z') };
const written = new Map<string, string[]>();

describe('the record without Redis', () => {
  it('gives the same KPIs as Redis on the same cases', async () => {
    const { runtime } = env;
    const customers = ['+8613800138300', '+8613800138301', '+8613800138302', '+8613800138303'];
    for (const [k, from] of customers.entries()) {
      const lines = ['我的打印机一直卡纸', k % 2 === 0 ? '转人工' : 'ThinkPad 开不了机'];
      const last = await say(from, lines[0]!);
      await say(from, lines[1]!);
      written.set(last.case!.ref, lines);
      runtime.clock.advance(20 * 60_000);
    }
    // Staff take the escalated cases and answer one: response times, handled-by, kept promises.
    const alice = { name: 'alice', role: 'agent' as const };
    const first = await runtime.claimer.next('support', alice);
    await runStaffCommand(
      runtime,
      (await runtime.cases.get(first!.ref))!,
      'staff.reply',
      {
        staff: alice,
        text: '您好，工程师马上联系您',
        messageId: 'reply-1',
      },
      'reply-1',
    );
    await runtime.claimer.next('support', alice);
    await env.recorder.drain();

    const fromRedis = await createCaseStore(runtime.redis, runtime.config.REDIS_KEY_PREFIX).createdBetween(
      PERIOD.from,
      PERIOD.to,
    );
    // A store over an empty Redis: every case comes from the record.
    const fromRecord = await createCaseStore(runtime.redis, 'nothing-here', env.record.reader).createdBetween(
      PERIOD.from,
      PERIOD.to,
    );
    expect(fromRedis.length).toBe(customers.length);
    const byRef = (cases: Case[]) => [...cases].sort((a, b) => a.ref.localeCompare(b.ref));
    expect(byRef(fromRecord)).toEqual(byRef(fromRedis));
    const kpis = computeKpis(fromRecord, PERIOD);
    expect(kpis).toEqual(computeKpis(fromRedis, PERIOD));
    // And the KPI page's read: only the fields the KPIs use, straight from PostgreSQL.
    const projected = await kpiCasesBetween(env.record.db, PERIOD.from, PERIOD.to);
    expect(computeKpis(projected as unknown as Case[], PERIOD)).toEqual(kpis);
    expect(kpis.overall.firstResponse.count).toBe(1);
    expect(Object.keys(kpis.byStaff)).toEqual(['alice']);
  });

  it('finds every recorded case, with what the customer wrote, after Redis lost everything', async () => {
    const { runtime } = env;
    expect(await deletePrefixKeys(runtime.redis, runtime.config.REDIS_KEY_PREFIX)).toBeGreaterThan(0);
    for (const [ref, lines] of written) {
      const kase = await runtime.cases.get(ref);
      expect(kase?.ref).toBe(ref);
      const transcript = await runtime.cases.transcript(kase!);
      for (const line of lines) expect(transcript.map((entry) => entry.text)).toContain(line);
      expect((await runtime.cases.customer(kase!.customerId))?.cases).toContain(ref);
    }
    // The audit trail too: who claimed and who replied.
    const trails = await Promise.all([...written.keys()].map((ref) => caseAudit(runtime).list(ref)));
    expect(
      trails
        .flat()
        .map((entry) => entry.action)
        .sort(),
    ).toEqual(['replied']);
    const listed = await runtime.cases.createdBetween(PERIOD.from, PERIOD.to);
    expect(listed.map((kase) => kase.ref).sort()).toEqual([...written.keys()].sort());
  });
});
