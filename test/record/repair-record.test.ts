/**
 * 三包 from the repair record, with the record itself: a serial repaired once for one customer (recorded,
 * closed and gone from Redis after HOT_DAYS) and once for a colleague (resolved minutes ago, not yet
 * recorded) — the third failure is an exchange naming both, because the decision reads the record
 * (PostgreSQL, any customer) and the customer's own cases in Redis together.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { customerIdFor, identityOf } from '../../src/conversation/keys.js';
import { evictClosedCases } from '../../src/record/hot-days.js';
import { createRecordedRuntime, type RecordedRuntime } from '../support/record.js';

let env: RecordedRuntime;
beforeAll(async () => {
  env = await createRecordedRuntime({ now: '2026-03-02T10:00:00+08:00' });
});
afterAll(async () => env.close());

const SUPERVISOR = { name: 'sam', role: 'supervisor' as const };
const SERIAL = 'PF2PGR001';
let n = 0;

async function say(from: string, text: string) {
  n += 1;
  return env.runtime.desk.receive({
    channel: 'sms',
    providerMessageId: `SM-repair-record-${n}`,
    from,
    text,
    receivedAt: env.runtime.clock.now(),
    inline: true,
  });
}

/** A fault report on the serial, answered down to the warranty decision. */
async function report(from: string, text: string) {
  await say(from, text);
  await say(from, '没有');
  return say(from, '没有');
}

async function repaired(from: string, ref: string, finishedAt: string) {
  const record = {
    faultReported: '开不了机',
    faultFound: '主板故障',
    cause: '元件故障',
    actions: '更换主板',
    partsReplaced: [{ part: '主板', coverage: 'warranty' }],
    engineer: '王工',
    finishedAt,
    mode: 'onsite',
    kind: 'repair',
    findings: [],
  };
  await env.runtime.desk.command(
    customerIdFor(identityOf('sms', from)),
    'staff.resolve',
    { staff: SUPERVISOR, record },
    { id: `resolve-${ref}`, caseRef: ref },
  );
  await say(from, '确认');
}

describe('the third failure of a unit repaired twice is an exchange, from the record and the hot cases', () => {
  it('names the recorded repair of another customer and the unrecorded one of this customer', async () => {
    const { clock, cases } = env.runtime;
    const li = '+8613800140001';
    const first = await report(li, `公司的ThinkPad笔记本开不了机，序列号${SERIAL}，2026年1月5日买的`);
    expect(first.case).toMatchObject({ warranty: { decision: 'free_repair', rule: 'unit_period' } });
    const firstRef = first.case!.ref;
    clock.set('2026-03-03T16:30:00+08:00');
    await repaired(li, firstRef, '2026-03-03T16:00:00+08:00');
    expect((await cases.get(firstRef))!.status).toBe('closed');

    // Recorded, then gone from Redis after HOT_DAYS: from now on only the record knows this repair.
    await env.recorder.drain();
    clock.set('2026-03-20T10:00:00+08:00');
    const evicted = await evictClosedCases(env.runtime.desk, env.record.db, 7, clock.now());
    expect(evicted.evicted).toBe(1);

    // A colleague reports the same unit: one counted repair so far, still a repair.
    const wang = '+8613800140002';
    clock.set('2026-05-11T10:00:00+08:00');
    const second = await report(wang, `笔记本又开不了机了，序列号${SERIAL}，2026年1月5日买的`);
    expect(second.case).toMatchObject({ warranty: { decision: 'free_repair' } });
    const secondRef = second.case!.ref;
    clock.set('2026-05-12T15:30:00+08:00');
    await repaired(wang, secondRef, '2026-05-12T15:00:00+08:00');

    // Not recorded yet: the record holds the first repair only.
    const rows = await env.record.db.selectFrom('maintenance_records').select(['ref', 'serial']).execute();
    expect(rows).toEqual([{ ref: firstRef, serial: SERIAL }]);

    clock.set('2026-08-17T10:00:00+08:00');
    const third = await report(wang, `序列号${SERIAL}的笔记本第三次开不了机了，2026年1月5日买的`);
    expect(third.case).toMatchObject({
      status: 'escalated',
      priority: 'high',
      warranty: { decision: 'replace', rule: 'repeat_failure' },
    });
    const said = third.replies.map((reply) => reply.text).join('\n');
    expect(said).toContain(`已修理2次（2026年3月3日，工单 ${firstRef}、2026年5月12日，工单 ${secondRef}）`);
    expect(said).toContain('免费调换同型号同规格的产品');
    const stored = (await cases.get(third.case!.ref))!;
    expect(stored.warranty!.repairs).toEqual([
      { ref: firstRef, finishedOn: '2026-03-03' },
      { ref: secondRef, finishedOn: '2026-05-12' },
    ]);
  });
});
