/**
 * Outbound SMS against the stand-in: Twilio 5xx and 429 are retried until it accepts (one text, not
 * two), 4xx refusals are permanent and flag the case, a reply split in parts is never doubled by a
 * retry, delivery reports update the case, and a staff reply to an SMS case reaches Twilio.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliveryStore } from '../../../src/cases/deliveries.js';
import { waitFor } from '../../support/wait.js';
import { createHarness, type Harness } from './support/harness.js';
import { sid, smsParams } from './support/requests.js';

let harness: Harness;
beforeAll(async () => {
  harness = await createHarness();
  harness.startWorkers();
});
afterAll(async () => harness.close());

const sms = (from: string, body: string) => harness.post('/webhooks/twilio/sms', smsParams(from, body));
const attemptsTo = (to: string) =>
  harness.standIn.requests.filter((r) => r.method === 'POST' && r.form.To === to);
const deliveries = () => deliveryStore(harness.runtime.redis, harness.runtime.config.REDIS_KEY_PREFIX);

/** Escalates a new SMS customer to the support team and returns the case reference. */
async function escalated(from: string): Promise<string> {
  await sms(from, '转人工');
  const texts = await harness.textsTo(from, 1);
  return /SR-\d{4}-\d{4}/.exec(texts.map((t) => t.Body).join('\n'))![0];
}

describe('Twilio REST failures', () => {
  it('5xx then 429, then accepted: retried with backoff, delivered once, logged', async () => {
    const from = '+8613800138301';
    harness.standIn.failNext(
      from,
      { status: 500, body: { code: 20500, message: 'Internal Server Error', status: 500 } },
      { status: 429, body: { code: 20429, message: 'Too Many Requests', status: 429 } },
    );
    await sms(from, '我的笔记本开不了机');
    await harness.textsTo(from, 1);
    expect(attemptsTo(from).map((r) => r.status)).toEqual([500, 429, 201]);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(harness.standIn.accepted().filter((r) => r.form.To === from)).toHaveLength(1);
    const retries = harness.logs.filter((line) => line.msg === 'sms not accepted by twilio (will retry)');
    expect(retries.map((line) => line.code)).toEqual(expect.arrayContaining([20500, 20429]));
    expect(harness.logs.some((line) => line.msg === 'outbox delivery failed' && line.final === false)).toBe(
      true,
    );
  });

  it('21211 (invalid number) is permanent: not retried, the case is flagged for staff', async () => {
    const from = '+8613800138302';
    const ref = await escalated(from);
    harness.standIn.failNext(from, {
      status: 400,
      body: { code: 21211, message: "The 'To' number is not a valid phone number.", status: 400 },
    });
    await harness.runtime.queues.apply({
      type: 'send',
      message: {
        id: `bad-number-${sid('SM')}`,
        channel: 'sms',
        to: from,
        lang: 'zh',
        text: '您好，我们已收到您的报修。',
        customerId: (await harness.caseOf(ref)).customerId,
        caseRef: ref,
        author: 'system',
        createdAt: harness.runtime.clock.now().toISOString(),
      },
    });
    const kase = await waitFor(
      async () => {
        const current = await harness.caseOf(ref);
        return current.flags.includes('delivery_failed') ? current : undefined;
      },
      8000,
      'case flagged',
    );
    expect(kase.flags).not.toContain('opted_out');
    expect(attemptsTo(from).filter((r) => r.status === 400)).toHaveLength(1);
    expect(
      harness.logs.some((line) => line.msg === 'sms refused by twilio (permanent)' && line.code === 21211),
    ).toBe(true);
  });

  it('21610 from the REST API: permanent, the number goes on our opt-out list, later texts never leave', async () => {
    const from = '+8613800138303';
    const unsubscribed = {
      status: 400,
      body: { code: 21610, message: 'Attempt to send to unsubscribed recipient', status: 400 },
    };
    harness.standIn.failNext(from, unsubscribed);
    await sms(from, '你好');
    await waitFor(() => harness.optedOut(from), 8000, 'opt-out from 21610');
    await waitFor(() => attemptsTo(from).length === 1, 8000, 'the reply tried');
    await sms(from, '我的打印机坏了');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(attemptsTo(from)).toHaveLength(1);
    expect(harness.standIn.accepted().filter((r) => r.form.To === from)).toHaveLength(0);
  });
});

describe('an answer lost while Twilio accepted the text', () => {
  it('the retry asks Twilio first, finds the text and does not send it again', async () => {
    const from = '+8613800138311';
    harness.standIn.failNext(from, 'lost');
    await sms(from, '我的打印机卡纸了');
    const id = await waitFor(
      async () => {
        const sent = harness.logs.find(
          (line) => line.msg === 'sms part already accepted by twilio on an earlier attempt: not sent again',
        );
        return sent ? String(sent.message) : undefined;
      },
      8000,
      'the earlier attempt found at Twilio',
    );
    expect(harness.standIn.accepted().filter((r) => r.form.To === from)).toHaveLength(1);
    const lookups = harness.standIn.requests.filter(
      (r) => r.method === 'GET' && r.path.endsWith('/Messages.json'),
    );
    expect(lookups.length).toBeGreaterThanOrEqual(1);
    const state = await waitFor(
      async () => {
        const found = await deliveries().get(id);
        return found?.state === 'sent' ? found : undefined;
      },
      8000,
      'the message recorded as sent',
    );
    expect(state.providerId).toBe(harness.standIn.accepted().find((r) => r.form.To === from)!.sid);
  });

  it('a text whose attempt found nothing at Twilio is sent (once)', async () => {
    const from = '+8613800138312';
    // The connection drops before Twilio records anything: the retry finds nothing and sends.
    harness.standIn.failNext(from, {
      status: 503,
      body: { code: 20503, message: 'Unavailable', status: 503 },
    });
    await sms(from, '你好');
    await harness.textsTo(from, 1);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(harness.standIn.accepted().filter((r) => r.form.To === from)).toHaveLength(1);
  });

  it('status callbacks carry our outbox id: a report for a sid we never learnt still reaches the case', async () => {
    const from = '+8613800138313';
    const ref = await escalated(from);
    const [text] = harness.standIn.accepted().filter((r) => r.form.To === from);
    const callback = new URL(text!.form.StatusCallback!);
    expect(callback.searchParams.get('m')).toMatch(/^in-sms-/);
    const status = await harness.post(`${callback.pathname}${callback.search}`, {
      MessageSid: sid('SM'),
      MessageStatus: 'undelivered',
      ErrorCode: '30003',
      AccountSid: 'AC',
    });
    expect(status.status).toBe(200);
    const kase = await waitFor(
      async () => {
        const found = await harness.caseOf(ref);
        return found.flags.includes('delivery_failed') ? found : undefined;
      },
      8000,
      'the case flagged',
    );
    expect(kase.flags).toContain('delivery_failed');
  });
});

describe('a long reply in several texts', () => {
  it('a failure after the first part retries only the rest: no part is sent twice, each part tracked', async () => {
    const from = '+8613800138304';
    const ref = await escalated(from);
    const kase = await harness.caseOf(ref);
    const long = `${'工程师会先远程检查您的设备，并告诉您下一步怎么做。'.repeat(12)}请保持电话畅通。`;
    const id = `long-${sid('SM')}`;
    // Part 1 is accepted, part 2 fails once with 503; the outbox retries the message.
    harness.standIn.failNext(from, 'accept', {
      status: 503,
      body: { code: 20503, message: 'Service Unavailable', status: 503 },
    });
    await harness.runtime.queues.apply({
      type: 'send',
      message: {
        id,
        channel: 'sms',
        to: from,
        lang: 'zh',
        text: long,
        customerId: kase.customerId,
        caseRef: ref,
        author: 'staff:amy',
        createdAt: harness.runtime.clock.now().toISOString(),
      },
    });
    const parts = await waitFor(
      async () => {
        const state = await deliveries().get(id);
        return state?.state === 'sent'
          ? harness.standIn
              .accepted()
              .filter((r) => r.form.To === from)
              .slice(1)
          : undefined;
      },
      8000,
      'all parts sent',
    );
    expect(parts.length).toBeGreaterThan(1);
    expect(
      attemptsTo(from)
        .slice(1)
        .map((r) => r.status),
    ).toEqual([201, 503, ...parts.slice(1).map(() => 201)]);
    expect(parts.map((r) => r.form.Body).join('')).toBe(long);
    expect(new Set(parts.map((r) => r.form.Body)).size).toBe(parts.length);
    for (const part of parts) expect((await deliveries().byProviderId(part.sid!))?.messageId).toBe(id);
  });
});

describe('delivery reports', () => {
  it('delivered and failed reports are recorded on the case; a failure flags it; repeats count once', async () => {
    const from = '+8613800138305';
    const ref = await escalated(from);
    const kase0 = await harness.caseOf(ref);
    // A second message to the customer, so one can be delivered and the other fail.
    await harness.runtime.queues.apply({
      type: 'send',
      message: {
        id: `second-${sid('SM')}`,
        channel: 'sms',
        to: from,
        lang: 'zh',
        text: '您好，工程师会尽快联系您。',
        customerId: kase0.customerId,
        caseRef: ref,
        author: 'staff:amy',
        createdAt: harness.runtime.clock.now().toISOString(),
      },
    });
    await harness.textsTo(from, 2);
    const [first, second] = harness.standIn.accepted().filter((r) => r.form.To === from);
    const status = (sidValue: string, MessageStatus: string, extra: Record<string, string> = {}) =>
      harness.post('/webhooks/twilio/sms/status', {
        MessageSid: sidValue,
        MessageStatus,
        AccountSid: 'AC',
        To: from,
        ...extra,
      });
    expect((await status(first!.sid!, 'sent')).status).toBe(200);
    expect((await status(first!.sid!, 'delivered')).status).toBe(200);
    expect((await status(first!.sid!, 'delivered')).status).toBe(200);
    expect((await status(second!.sid!, 'undelivered', { ErrorCode: '30003' })).status).toBe(200);

    const kase = await harness.caseOf(ref);
    expect(kase.flags).toContain('delivery_failed');
    const transcript = await harness.runtime.cases.transcript(kase);
    expect(transcript.filter((e) => e.meta?.event === 'delivery_delivered')).toHaveLength(1);
    const failed = transcript.filter((e) => e.meta?.event === 'delivery_failed');
    expect(failed).toHaveLength(1);
    expect(failed[0]!.text).toContain('30003');
    const messageOf = async (smSid: string) => (await deliveries().byProviderId(smSid))!.messageId;
    expect((await deliveries().get(await messageOf(first!.sid!)))?.state).toBe('delivered');
    expect(await deliveries().get(await messageOf(second!.sid!))).toMatchObject({
      state: 'failed',
      code: '30003',
    });
    // A late "delivered" for the failed message does not hide the failure.
    await status(second!.sid!, 'delivered');
    expect((await deliveries().get(await messageOf(second!.sid!)))?.state).toBe('failed');
  });

  it('an unknown MessageStatus is refused with 400; a report for a message we never sent is ignored', async () => {
    const unknown = await harness.post('/webhooks/twilio/sms/status', {
      MessageSid: sid('SM'),
      MessageStatus: 'huh',
    });
    expect(unknown.status).toBe(400);
    expect(
      harness.logs.some((line) => line.msg === 'twilio status callback refused: unknown MessageStatus'),
    ).toBe(true);
    const stranger = await harness.post('/webhooks/twilio/sms/status', {
      MessageSid: sid('SM'),
      MessageStatus: 'delivered',
    });
    expect(stranger.status).toBe(200);
    const missing = await harness.post('/webhooks/twilio/sms/status', { MessageStatus: 'delivered' });
    expect(missing.status).toBe(400);
  });
});

describe('staff', () => {
  it('a staff reply to an SMS case reaches Twilio, from our number, to the customer', async () => {
    const from = '+8613800138306';
    const ref = await escalated(from);
    // Earlier tests left cases in the queue: take cases until ours comes up.
    let claimed = await harness.runtime.claimer.next('support', { name: 'amy', role: 'agent' });
    while (claimed && claimed.ref !== ref)
      claimed = await harness.runtime.claimer.next('support', { name: 'amy', role: 'agent' });
    expect(claimed?.ref).toBe(ref);
    const kase = await harness.caseOf(ref);
    await harness.runtime.desk.command(
      kase.customerId,
      'staff.reply',
      {
        staff: { name: 'amy', role: 'agent' },
        text: '您好，我是工程师 Amy，请问设备现在还能开机吗？',
        messageId: `staff-${sid('SM')}`,
      },
      { caseRef: ref },
    );
    const texts = await harness.textsTo(from, 2);
    expect(texts[1]).toMatchObject({
      To: from,
      From: '+15005550006',
      Body: '您好，我是工程师 Amy，请问设备现在还能开机吗？',
    });
  });
});
