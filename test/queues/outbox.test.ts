/**
 * The outbox: retries with backoff while a sender fails, dead letters flag the case, a job id is
 * delivered once however often it is added, and a worker that dies mid-job hands it to another.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { deliveryStore } from '../../src/cases/deliveries.js';
import type { OutboundMessage } from '../../src/port/messages.js';
import { DEFAULT_WORKER_TIMING, startWorkers, type Workers } from '../../src/queues/workers.js';
import { createTestRuntime, type TestRuntime } from '../support/runtime.js';
import { recordingSender } from '../support/senders.js';
import { waitFor } from '../support/wait.js';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function setup(env: Record<string, string> = {}) {
  const runtime = createTestRuntime({ env: { OUTBOX_BACKOFF_MS: '10', ...env } });
  cleanups.push(() => runtime.close());
  return runtime;
}

function start(runtime: TestRuntime, sender = recordingSender('sms'), timing = {}): Workers {
  const workers = startWorkers(runtime, [sender], timing);
  cleanups.push(() => workers.close());
  return workers;
}

async function escalatedCase(runtime: TestRuntime) {
  const result = await runtime.desk.receive({
    channel: 'sms',
    providerMessageId: `SM-${Math.random()}`,
    from: '+8613800138001',
    text: '转人工',
    receivedAt: runtime.clock.now(),
  });
  return (await runtime.cases.get(result.case!.ref))!;
}

function message(runtime: TestRuntime, id: string, customerId = 'c1', caseRef?: string): OutboundMessage {
  return {
    id,
    channel: 'sms',
    to: '+8613800138001',
    lang: 'zh',
    text: '您好',
    customerId,
    ...(caseRef ? { caseRef } : {}),
    author: 'system',
    createdAt: runtime.clock.now().toISOString(),
  };
}

describe('outbox: retries and repeats', () => {
  it('keeps retrying while the sender fails and delivers once it recovers', async () => {
    const runtime = setup();
    const sender = recordingSender('sms');
    sender.failNext(4);
    start(runtime, sender);
    await runtime.queues.apply({ type: 'send', message: message(runtime, 'retry-1') });
    await waitFor(() => sender.sent.length === 1, 10_000, 'delivery after failures');
    expect(sender.attempts).toBe(5);
    expect(sender.sent.map((m) => m.id)).toEqual(['retry-1']);
    expect((await deliveryStore(runtime.redis, runtime.config.REDIS_KEY_PREFIX).get('retry-1'))?.state).toBe(
      'sent',
    );
  });

  it('adding the same message twice delivers it once', async () => {
    const runtime = setup();
    const sender = recordingSender('sms');
    start(runtime, sender);
    const once = message(runtime, 'same-1');
    await Promise.all([
      runtime.queues.apply({ type: 'send', message: once }),
      runtime.queues.apply({ type: 'send', message: once }),
    ]);
    await waitFor(() => sender.sent.length === 1, 5000, 'delivery');
    await runtime.queues.apply({ type: 'send', message: once });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(sender.sent).toHaveLength(1);
  });

  it('a message already recorded as sent is not sent again by a retried job', async () => {
    const runtime = setup();
    const sender = recordingSender('sms');
    const store = deliveryStore(runtime.redis, runtime.config.REDIS_KEY_PREFIX);
    await store.record(message(runtime, 'sent-before'), {
      state: 'sent',
      providerId: 'SM1',
      at: new Date().toISOString(),
    });
    start(runtime, sender);
    await runtime.queues.apply({ type: 'send', message: message(runtime, 'sent-before') });
    const job = await runtime.queues.outbox.getJob('sent-before');
    // A finished job is removed: its message's delivery state is the record.
    await waitFor(
      async () => (await runtime.queues.outbox.getJob('sent-before')) === undefined,
      5000,
      'job to finish',
    );
    expect(job).toBeDefined();
    expect(sender.sent).toHaveLength(0);
    expect((await store.get('sent-before'))?.state).toBe('sent');
  });
});

describe('outbox: permanent failures', () => {
  it('a permanent failure is not retried; the dead letter flags the case for staff', async () => {
    const runtime = setup();
    const sender = recordingSender('sms');
    start(runtime, sender);
    const kase = await escalatedCase(runtime);
    await waitFor(() => sender.sent.length === 1, 5000, 'the escalation reply');
    const before = sender.attempts;
    sender.failNext(1, 'permanent');
    await runtime.queues.apply({
      type: 'send',
      message: message(runtime, 'dead-1', kase.customerId, kase.ref),
    });
    const flagged = await waitFor(
      async () => {
        const current = await runtime.cases.get(kase.ref);
        return current?.flags.includes('delivery_failed') ? current : undefined;
      },
      5000,
      'the case to be flagged',
    );
    expect(sender.attempts).toBe(before + 1);
    expect(flagged.flags).toContain('delivery_failed');
    const transcript = await runtime.cases.transcript(flagged);
    expect(
      transcript.some((entry) => entry.meta?.event === 'delivery_failed' && entry.text.includes('dead-1')),
    ).toBe(true);
    const notes = await runtime.redis.lrange(`${runtime.config.REDIS_KEY_PREFIX}:notify:team:support`, 0, -1);
    expect(notes.join()).toContain(kase.ref);
  });
});

describe('outbox: workers that die, senders that are missing', () => {
  it('a worker killed mid-job: the job is retried by the next worker, and delivered once', async () => {
    const runtime = setup();
    const dying = recordingSender('sms');
    dying.hangNext();
    const timing = { lockDuration: 500, stalledInterval: 300 };
    const first = startWorkers(runtime, [dying], timing);
    await runtime.queues.apply({ type: 'send', message: message(runtime, 'stalled-1') });
    await waitFor(() => dying.attempts === 1, 5000, 'the first attempt');
    // The process dies: its worker stops without finishing the job or renewing its lock.
    await first.close(true);
    const survivor = recordingSender('sms');
    start(runtime, survivor, timing);
    await waitFor(() => survivor.sent.length === 1, 10_000, 'the retried delivery');
    expect(survivor.sent[0]!.id).toBe('stalled-1');
    expect(dying.sent).toHaveLength(0);
  });

  it('killed twice in the middle of the same job: still delivered (a stall is not a failure), once', async () => {
    const runtime = setup();
    const timing = { lockDuration: 500, stalledInterval: 300 };
    for (const n of [1, 2]) {
      const dying = recordingSender('sms');
      dying.hangNext();
      const worker = startWorkers(runtime, [dying], timing);
      if (n === 1) await runtime.queues.apply({ type: 'send', message: message(runtime, 'stalled-twice') });
      await waitFor(() => dying.attempts === 1, 10_000, `attempt ${n}`);
      await worker.close(true);
    }
    const survivor = recordingSender('sms');
    start(runtime, survivor, timing);
    await waitFor(() => survivor.sent.length === 1, 10_000, 'the delivery after two crashes');
    expect(survivor.sent[0]!.id).toBe('stalled-twice');
  });

  it("by default a dead worker's job is handed on within 15 s (lock lapse plus one stalled check)", () => {
    expect(DEFAULT_WORKER_TIMING.lockDuration + DEFAULT_WORKER_TIMING.stalledInterval).toBeLessThanOrEqual(
      15_000,
    );
  });

  it('messages wait while no sender can deliver, and none are lost or doubled', async () => {
    const runtime = setup();
    const sender = recordingSender('sms');
    sender.failNext(6);
    start(runtime, sender);
    const ids = Array.from({ length: 5 }, (_, n) => `burst-${n}`);
    await Promise.all(ids.map((id) => runtime.queues.apply({ type: 'send', message: message(runtime, id) })));
    await waitFor(() => sender.sent.length === ids.length, 15_000, 'all deliveries');
    expect(sender.sent.map((m) => m.id).sort()).toEqual([...ids].sort());
  });
});
