/**
 * The support desk on a 3-master Redis Cluster, through the real runtime: a fault report the bot
 * resolves, an escalation, a claim, a staff reply that reaches the outbox, a deadline that fires, and
 * the global indexes (case reference → customer, all cases, recovery list, staff presence and
 * accounts, opt-outs, delivery states) read back across slots.
 */
import type { Cluster } from 'ioredis';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { markOnDuty, staffOnDuty } from '../../src/cases/presence.js';
import { startWorkers, type Workers } from '../../src/queues/workers.js';
import { isCluster } from '../../src/redis/connect.js';
import { createStaffAccounts } from '../../src/staff/accounts.js';
import { createTestRuntime, type TestRuntime } from '../support/runtime.js';
import { type RecordingSender, recordingSender } from '../support/senders.js';
import { waitFor } from '../support/wait.js';

let runtime: TestRuntime;
let workers: Workers;
let sms: RecordingSender;
let counter = 0;
const staff = { name: 'amy', role: 'agent' as const };

beforeEach(() => {
  runtime = createTestRuntime({ env: { OUTBOX_BACKOFF_MS: '10' } });
  sms = recordingSender('sms');
  workers = startWorkers(runtime, [sms]);
});
afterEach(async () => {
  await workers.close();
  await runtime.close();
});

async function text(from: string, body: string) {
  counter += 1;
  return runtime.desk.receive({
    channel: 'sms',
    providerMessageId: `SM-cluster-${counter}-${Math.random()}`,
    from,
    text: body,
    receivedAt: runtime.clock.now(),
  });
}

async function slotOf(key: string): Promise<number> {
  return Number(await runtime.redis.call('cluster', 'keyslot', key));
}

describe('on a Redis Cluster: the runtime, a resolved report, an escalation', () => {
  it('the runtime talks to the cluster and gives every queue its own slot', async () => {
    expect(isCluster(runtime.redis)).toBe(true);
    const masters = (runtime.redis as unknown as Cluster).nodes('master');
    expect(masters).toHaveLength(3);
    const queues = ['outbox', 'deadlines', 'timers', 'esc-support', 'esc-supervisor'];
    const prefixes = queues.map((queue) => runtime.queues.prefixOf(queue));
    expect(prefixes[0]).toBe(`{${runtime.config.REDIS_KEY_PREFIX}:q:outbox}`);
    const slots = await Promise.all(prefixes.map((prefix) => slotOf(`${prefix}:x`)));
    expect(new Set(slots).size).toBe(queues.length);
  });

  it('a fault report the bot resolves is indexed, listed and answered through the outbox', async () => {
    const from = '+8613800139001';
    await text(from, '我的打印机卡纸了，序列号CNB1234567');
    await text(from, '2026-10-01');
    await text(from, '没有');
    await text(from, '没有');
    const fixed = await text(from, '解决了');
    expect(fixed.case?.status).toBe('resolved');
    const ref = fixed.case!.ref;
    // The case reference index and the all-cases index live in other slots than the customer.
    expect(await runtime.cases.customerOf(ref)).toBe(fixed.customerId);
    const listed = await runtime.cases.createdBetween(
      new Date(runtime.clock.now().getTime() - 3600_000),
      new Date(runtime.clock.now().getTime() + 3600_000),
    );
    expect(listed.map((kase) => kase.ref)).toContain(ref);
    await waitFor(() => sms.sent.length >= 5, 10_000, 'five replies');
    expect(sms.sent.every((message) => message.to === from)).toBe(true);
    // Delivery states of the replies, read back in one call across slots.
    const states = await runtime.deliveries.getMany(sms.sent.map((message) => message.id));
    expect([...states.values()].every((state) => state.state === 'sent')).toBe(true);
    expect(states.size).toBe(sms.sent.length);
  });

  it('an escalation is claimed, the staff reply reaches the customer and keeps the promise', async () => {
    const from = '+8613800139002';
    const escalated = await text(from, '转人工');
    const ref = escalated.case!.ref;
    expect(escalated.case).toMatchObject({ status: 'escalated', team: 'support' });
    expect(await runtime.queues.waitingCount('support')).toBe(1);
    const stats = await runtime.queues.teamStats();
    expect(stats.find((row) => row.team === 'support')?.waiting).toBe(1);

    const claimed = await runtime.claimer.next('support', staff);
    expect(claimed).toMatchObject({ ref, status: 'assigned', owner: 'staff:amy' });
    expect(await runtime.queues.waitingCount('support')).toBe(0);

    await runtime.desk.command(
      escalated.customerId,
      'staff.reply',
      { staff, text: '您好，我是工程师Amy', messageId: 'cluster-reply-1' },
      { caseRef: ref },
    );
    await waitFor(() => sms.sent.some((m) => m.id === 'cluster-reply-1'), 10_000, 'the staff reply');
    expect(sms.sent.find((m) => m.id === 'cluster-reply-1')).toMatchObject({
      to: from,
      author: 'staff:amy',
      caseRef: ref,
    });
    const replied = (await runtime.cases.get(ref))!;
    expect(replied.promises[0]!.state).toBe('kept');
    expect(await runtime.queues.deadlines.getJob(`${ref}-p1-breach`)).toBeUndefined();
  });
});

describe('on a Redis Cluster: deadlines and the global indexes', () => {
  it('a deadline that passes moves the case to the supervisor and tells the customer once', async () => {
    const escalated = await text('+8613800139003', '转人工');
    const kase = (await runtime.cases.get(escalated.case!.ref))!;
    const promise = kase.promises[0]!;
    const jobId = `${kase.ref}-p1-breach`;
    runtime.clock.set(new Date(new Date(promise.due).getTime() + 60_000).toISOString());
    const job = await runtime.queues.deadlines.getJob(jobId);
    expect(job).toBeDefined();
    await job!.promote();
    await waitFor(
      async () => (await runtime.queues.deadlines.getJob(jobId))?.finishedOn,
      10_000,
      'the breach',
    );
    const breached = (await runtime.cases.get(kase.ref))!;
    expect(breached).toMatchObject({ team: 'supervisor', status: 'escalated', priority: 'high' });
    expect(breached.promises[0]!.state).toBe('breached');
    expect(await runtime.queues.escalations('supervisor').getJob(`${kase.ref}-e2`)).toBeDefined();
    await waitFor(() => sms.sent.length === 2, 10_000, 'the honest update');
    expect(sms.sent[1]!.text).toContain(kase.ref);
  });

  it('staff accounts, presence, opt-outs and the recovery list work across slots', async () => {
    const prefix = runtime.config.REDIS_KEY_PREFIX;
    const accounts = createStaffAccounts(runtime.redis, prefix, runtime.clock);
    const issued = await accounts.add({ name: 'li', role: 'agent', teams: ['support', 'supervisor'] });
    expect((await accounts.authenticate(issued.token))?.name).toBe('li');
    expect((await accounts.list()).map((account) => account.name)).toEqual(['li']);

    await markOnDuty(runtime.redis, prefix, 'li', ['support', 'supervisor'], runtime.clock.now());
    expect(await staffOnDuty(runtime.redis, prefix, 'supervisor', runtime.clock.now())).toBe(1);

    expect(await runtime.deliveries.setOptOut('sms', '+8613800139004', true)).toBe(true);
    expect(await runtime.deliveries.isOptedOut('voice', '+8613800139004')).toBe(true);

    // Work left in an inbox (a process died after admitting it) is found by the sweep.
    const answered = await text('+8613800139005', '你好');
    expect(
      await runtime.redis.zscore(runtime.desk.inbox.keys.pendingWork(), answered.customerId),
    ).not.toBeNull();
    await runtime.desk.inbox.recoverAll();
    expect(await runtime.redis.zscore(runtime.desk.inbox.keys.pendingWork(), answered.customerId)).toBeNull();
  });
});
