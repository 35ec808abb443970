/**
 * Promised deadlines are kept or escalated: warning before the breach, at the breach the case moves to
 * the supervisor queue with raised priority and the customer gets one honest update — once. A staff
 * reply keeps the promise and stops its timers. Time is the manual clock plus BullMQ's `promote`.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Case } from '../../src/cases/types.js';
import { startWorkers, type Workers } from '../../src/queues/workers.js';
import { createTestRuntime, type TestRuntime } from '../support/runtime.js';
import { type RecordingSender, recordingSender } from '../support/senders.js';
import { waitFor } from '../support/wait.js';

let runtime: TestRuntime;
let workers: Workers;
let sms: RecordingSender;

beforeEach(() => {
  runtime = createTestRuntime({ env: { OUTBOX_BACKOFF_MS: '10' } });
  sms = recordingSender('sms');
  workers = startWorkers(runtime, [sms]);
});
afterEach(async () => {
  await workers.close();
  await runtime.close();
});

const CUSTOMER = '+8613800138000';
const staff = { name: 'amy', role: 'agent' as const };

async function escalate(): Promise<Case> {
  const result = await runtime.desk.receive({
    channel: 'sms',
    providerMessageId: `SM-${Math.random()}`,
    from: CUSTOMER,
    text: '转人工',
    receivedAt: runtime.clock.now(),
  });
  return (await runtime.cases.get(result.case!.ref))!;
}

async function fire(jobId: string, at: string): Promise<void> {
  runtime.clock.set(at);
  const job = await runtime.queues.deadlines.getJob(jobId);
  expect(job, `job ${jobId}`).toBeDefined();
  await job!.promote();
  await waitFor(
    async () => (await runtime.queues.deadlines.getJob(jobId))?.finishedOn,
    5000,
    `${jobId} to run`,
  );
}

describe('deadline promises: warning and breach', () => {
  it('warn, then at the breach move to the supervisor with higher priority and tell the customer once', async () => {
    const kase = await escalate();
    const promise = kase.promises[0]!;
    expect(promise).toMatchObject({ n: 1, state: 'pending', team: 'support' });
    expect(new Date(promise.warnAt).getTime()).toBeLessThan(new Date(promise.due).getTime());
    // The escalation reply went out by SMS (one text per turn) with the deadline.
    await waitFor(() => sms.sent.length === 1, 5000, 'the escalation reply');
    expect(sms.sent.map((m) => m.text).join('\n')).toContain(kase.ref);

    await fire(`${kase.ref}-p1-warn`, promise.warnAt);
    const warned = (await runtime.cases.get(kase.ref))!;
    expect(warned.team).toBe('support');
    const warnings = await runtime.redis.lrange(
      `${runtime.config.REDIS_KEY_PREFIX}:notify:team:support`,
      0,
      -1,
    );
    expect(warnings.join()).toContain(kase.ref);

    await fire(`${kase.ref}-p1-breach`, new Date(new Date(promise.due).getTime() + 60_000).toISOString());
    const breached = (await runtime.cases.get(kase.ref))!;
    expect(breached).toMatchObject({
      team: 'supervisor',
      priority: 'high',
      status: 'escalated',
      owner: 'queue',
    });
    expect(breached.promises[0]!.state).toBe('breached');
    expect(breached.promises[1]).toMatchObject({
      n: 2,
      state: 'pending',
      afterBreach: true,
      team: 'supervisor',
    });
    await waitFor(() => sms.sent.length === 2, 5000, 'the honest update');
    expect(sms.sent[1]!.text).toMatch(/没能在承诺的时间内回复您.*主管/);
    expect(sms.sent[1]!.text).toContain(kase.ref);
    expect(await runtime.queues.escalations('supervisor').getJob(`${kase.ref}-e2`)).toBeDefined();

    // The new promise passes too: supervisors are alerted, the customer is not apologised to again.
    const second = breached.promises[1]!;
    await fire(`${kase.ref}-p2-breach`, new Date(new Date(second.due).getTime() + 60_000).toISOString());
    const again = (await runtime.cases.get(kase.ref))!;
    expect(again.promises[1]!.state).toBe('breached');
    expect(again.escalations).toBe(2);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(sms.sent).toHaveLength(2);
  });
});

describe('deadline promises: a promise kept', () => {
  it('a staff reply keeps the promise and removes its timers', async () => {
    const kase = await escalate();
    const claimed = await runtime.claimer.next('support', staff);
    expect(claimed?.ref).toBe(kase.ref);
    runtime.clock.set(new Date(new Date(kase.promises[0]!.madeAt).getTime() + 30 * 60_000).toISOString());
    await runtime.desk.command(
      kase.customerId,
      'staff.reply',
      { staff, text: '您好，我是工程师Amy，请问…', messageId: 'reply-1' },
      { caseRef: kase.ref },
    );
    const replied = (await runtime.cases.get(kase.ref))!;
    expect(replied.promises[0]!.state).toBe('kept');
    expect(replied.sla.firstResponseAt).toBeDefined();
    expect(await runtime.queues.deadlines.getJob(`${kase.ref}-p1-warn`)).toBeUndefined();
    expect(await runtime.queues.deadlines.getJob(`${kase.ref}-p1-breach`)).toBeUndefined();
    await waitFor(() => sms.sent.some((m) => m.id === 'reply-1'), 5000, 'the staff reply');
    expect(sms.sent.find((m) => m.id === 'reply-1')).toMatchObject({
      to: CUSTOMER,
      author: 'staff:amy',
      caseRef: kase.ref,
    });
  });

  it('a breach job that fires after the promise was kept does nothing', async () => {
    const kase = await escalate();
    await runtime.claimer.next('support', staff);
    await runtime.desk.command(
      kase.customerId,
      'staff.reply',
      { staff, text: 'hello', messageId: 'r-2' },
      { caseRef: kase.ref },
    );
    // Someone re-adds the old timer (a replayed turn): it must not move the case.
    await runtime.queues.apply({
      type: 'schedule_deadline',
      ref: kase.ref,
      customerId: kase.customerId,
      promise: kase.promises[0]!,
    });
    await fire(
      `${kase.ref}-p1-breach`,
      new Date(new Date(kase.promises[0]!.due).getTime() + 60_000).toISOString(),
    );
    const after = (await runtime.cases.get(kase.ref))!;
    expect(after).toMatchObject({ team: 'support', status: 'assigned', owner: 'staff:amy' });
  });
});

describe('deadline promises: internal targets', () => {
  it('a case released after the promise was kept gets an internal target: its breach moves the case but sends no apology', async () => {
    const kase = await escalate();
    await runtime.claimer.next('support', staff);
    await runtime.desk.command(
      kase.customerId,
      'staff.reply',
      { staff, text: '您好', messageId: 'r-3' },
      { caseRef: kase.ref },
    );
    await runtime.desk.command(kase.customerId, 'staff.release', { staff }, { caseRef: kase.ref });
    const released = (await runtime.cases.get(kase.ref))!;
    const target = released.promises.at(-1)!;
    expect(target).toMatchObject({ state: 'pending', internal: true, team: 'support' });
    await waitFor(() => sms.sent.some((m) => m.id === 'r-3'), 5000, 'the reply');
    const before = sms.sent.length;
    await fire(
      `${kase.ref}-p${target.n}-breach`,
      new Date(new Date(target.due).getTime() + 60_000).toISOString(),
    );
    expect((await runtime.cases.get(kase.ref))!).toMatchObject({ team: 'supervisor', status: 'escalated' });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(sms.sent).toHaveLength(before);
  });

  it('a customer message on a staff-owned case starts an internal next-response clock; unanswered, it goes to a supervisor', async () => {
    const kase = await escalate();
    await runtime.claimer.next('support', staff);
    await runtime.desk.command(
      kase.customerId,
      'staff.reply',
      { staff, text: '请问是什么型号？', messageId: 'r-4' },
      { caseRef: kase.ref },
    );
    await waitFor(() => sms.sent.some((m) => m.id === 'r-4'), 5000, 'the reply');
    runtime.clock.set('2026-11-26T11:00:00+08:00');
    const answer = await runtime.desk.receive({
      channel: 'sms',
      providerMessageId: 'SM-next-1',
      from: CUSTOMER,
      text: '是ThinkPad T14',
      receivedAt: runtime.clock.now(),
    });
    expect(answer.replies).toHaveLength(0);
    const waiting = (await runtime.cases.get(kase.ref))!;
    const clock = waiting.promises.at(-1)!;
    expect(clock).toMatchObject({ kind: 'next_response', state: 'pending', internal: true });
    const before = sms.sent.length;
    await fire(
      `${kase.ref}-p${clock.n}-breach`,
      new Date(new Date(clock.due).getTime() + 60_000).toISOString(),
    );
    expect((await runtime.cases.get(kase.ref))!).toMatchObject({ team: 'supervisor', owner: 'queue' });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(sms.sent).toHaveLength(before);
  });
});

describe('two app processes', () => {
  it('a deadline fires once when two processes run workers on one Redis', async () => {
    // A second process: its own runtime and workers, the same Redis and key prefix.
    const other = createTestRuntime({
      env: { REDIS_KEY_PREFIX: runtime.config.REDIS_KEY_PREFIX, OUTBOX_BACKOFF_MS: '10' },
    });
    const otherSms = recordingSender('sms');
    const otherWorkers = startWorkers(other, [otherSms]);
    try {
      const kase = await escalate();
      await waitFor(() => sms.sent.length + otherSms.sent.length === 1, 5000, 'the escalation reply');
      const promise = kase.promises[0]!;
      other.clock.set(promise.due);
      await fire(`${kase.ref}-p1-breach`, promise.due);
      const transcript = await runtime.cases.transcript((await runtime.cases.get(kase.ref))!);
      expect(transcript.filter((entry) => entry.meta?.event === 'deadline_breached')).toHaveLength(1);
      // One honest update to the customer, from whichever process ran the job.
      await waitFor(() => sms.sent.length + otherSms.sent.length === 2, 5000, 'the breach update');
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(sms.sent.length + otherSms.sent.length).toBe(2);
    } finally {
      await otherWorkers.close();
      await other.close();
    }
  });
});
