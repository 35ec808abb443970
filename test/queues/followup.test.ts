/**
 * After resolution the follow-up (回访) asks for a score in the customer's channel; a score of 2 or
 * less re-opens the case to the supervisor team, a good score closes it.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startWorkers, type Workers } from '../../src/queues/workers.js';
import { createTestRuntime, type TestRuntime } from '../support/runtime.js';
import { type RecordingSender, recordingSender } from '../support/senders.js';
import { waitFor } from '../support/wait.js';

let runtime: TestRuntime;
let workers: Workers;
let sms: RecordingSender;
let counter = 0;

beforeEach(() => {
  runtime = createTestRuntime({ env: { OUTBOX_BACKOFF_MS: '10', FOLLOWUP_DELAY_HOURS: '48' } });
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
    providerMessageId: `SM-f-${counter}`,
    from,
    text: body,
    receivedAt: runtime.clock.now(),
  });
}

/** A printer paper jam the customer fixes with the knowledge-base steps: resolved by the bot. */
async function resolvedByBot(from: string) {
  await text(from, '我的打印机卡纸了，序列号CNB1234567');
  await text(from, '2026-10-01');
  await text(from, '没有'); // dropped or wet?
  await text(from, '没有'); // opened by someone else?
  const fixed = await text(from, '解决了');
  expect(fixed.case?.status).toBe('resolved');
  return fixed.case!.ref;
}

async function runFollowUp(ref: string) {
  const jobs = await runtime.queues.timers.getJobs(['delayed']);
  const job = jobs.find((candidate) => candidate.data.ref === ref && candidate.data.kind === 'followup');
  expect(job, 'a delayed follow-up job').toBeDefined();
  expect(job!.opts.delay).toBe(48 * 3600_000);
  runtime.clock.set(new Date(runtime.clock.now().getTime() + 48 * 3600_000));
  await job!.promote();
  await waitFor(
    () => sms.sent.some((m) => m.text.includes('请为本次服务打分')),
    5000,
    'the follow-up question',
  );
}

describe('follow-up', () => {
  it('is scheduled at resolution and a low score re-opens the case to the supervisor', async () => {
    const from = '+8613800138101';
    const ref = await resolvedByBot(from);
    await runFollowUp(ref);
    const question = sms.sent.find((m) => m.text.includes('请为本次服务打分'))!;
    expect(question).toMatchObject({ to: from, caseRef: ref, channel: 'sms' });
    expect(question.text).toContain(ref);

    const scored = await text(from, '1');
    expect(scored.session).toMatchObject({ flow: 'followup', slots: { score: 1 } });
    const answered = await text(from, '工程师迟到了两个小时');
    expect(answered.case).toMatchObject({ ref, status: 'escalated', team: 'supervisor', priority: 'high' });
    const kase = (await runtime.cases.get(ref))!;
    expect(kase.followUp).toMatchObject({ score: 1, comment: '工程师迟到了两个小时' });
    expect(kase.promises.at(-1)?.state).toBe('pending');
  });

  it('a good score closes the case', async () => {
    const from = '+8613800138102';
    const ref = await resolvedByBot(from);
    await runFollowUp(ref);
    await text(from, '5');
    const done = await text(from, '无');
    expect(done.case).toMatchObject({ ref, status: 'closed' });
    expect((await runtime.cases.get(ref))!.followUp?.score).toBe(5);
  });

  it('a follow-up job that runs twice sends one question', async () => {
    const from = '+8613800138103';
    const ref = await resolvedByBot(from);
    await runFollowUp(ref);
    const before = sms.sent.length;
    await runtime.desk.command(
      (await runtime.cases.customerOf(ref))!,
      'timer.followup',
      { ref, kind: 'followup', key: 'again' },
      { caseRef: ref },
    );
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(sms.sent).toHaveLength(before);
  });
});
