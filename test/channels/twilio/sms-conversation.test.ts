/**
 * A customer reports a fault by SMS, end to end: signed webhooks in, the engine, the outbox, the real
 * twilio client out to the stand-in (form encoding, Basic auth, statusCallback), numbered choices,
 * Chinese split on sentence boundaries within the segment budget. Then what Twilio and customers
 * get wrong: retried webhooks, MMS without text, 5,000 characters, a body that looks like base64.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliveryStore } from '../../../src/cases/deliveries.js';
import { countSmsSegments } from '../../../src/port/sms-segments.js';
import { waitFor } from '../../support/wait.js';
import { MMS_MEDIA_ONLY, paramsOf, SMS_BASE64_BODY } from './fixtures/webhook-payloads.js';
import { ACCOUNT_SID, AUTH_TOKEN, createHarness, type Harness, OUR_NUMBER } from './support/harness.js';
import { smsParams } from './support/requests.js';

let harness: Harness;
beforeAll(async () => {
  harness = await createHarness();
  harness.startWorkers();
});
afterAll(async () => harness.close());

/**
 * Texts the customer and returns every text the bot sent back for it: the turn's replies go out as one
 * outbox message (recorded in the transcript before Twilio got its answer), split to the budget.
 */
async function text(from: string, body: string): Promise<string[]> {
  const sent = () => harness.standIn.accepted().filter((r) => r.form.To === from);
  const before = sent().length;
  const logged = (await harness.transcriptOf(from)).length;
  const answer = await harness.post('/webhooks/twilio/sms', smsParams(from, body));
  expect(answer.status).toBe(200);
  expect(answer.twiml!.children).toEqual([]);
  const replies = (await harness.transcriptOf(from)).slice(logged).filter((entry) => entry.kind === 'out');
  expect(replies.length).toBeGreaterThan(0);
  const ids = [...new Set(replies.map((reply) => String(reply.meta?.messageId)))];
  const deliveries = deliveryStore(harness.runtime.redis, harness.runtime.config.REDIS_KEY_PREFIX);
  await waitFor(
    async () => {
      const states = await Promise.all(ids.map((id) => deliveries.get(id)));
      return states.every((state) => state?.state === 'sent');
    },
    8000,
    `the replies to "${body}"`,
  );
  return sent()
    .slice(before)
    .map((r) => r.form.Body!);
}

describe('a fault report over SMS', () => {
  it('in Chinese: numbered choices, answers by number, escalation with a deadline, every text within budget', async () => {
    const from = '+8613800138001';
    expect((await text(from, '我的笔记本开不了机')).join('\n')).toContain('序列号');
    expect((await text(from, '序列号 PF2ABC12')).join('\n')).toContain('购买');
    const damage = (await text(from, '去年3月买的')).join('\n');
    expect(damage).toContain('摔落');
    expect(damage).toContain('回复 1 是，2 否');
    expect((await text(from, '2')).join('\n')).toContain('拆开');
    const steps = await text(from, '2');
    // The remote-fix steps are longer than 4 segments: split into several texts, cut after sentences.
    expect(steps.length).toBeGreaterThan(1);
    for (const body of steps) expect(countSmsSegments(body).segments).toBeLessThanOrEqual(4);
    expect(steps.join('\n')).toContain('问题解决了吗？');
    expect((await text(from, '没有')).join('\n')).toContain('远程协助');
    const done = (await text(from, '1')).join('\n');
    expect(done).toMatch(/工程师将在 .+ 前回复您（工单号 SR-\d{4}-\d{4}）/);

    const request = harness.standIn.accepted().find((r) => r.form.To === from)!;
    expect(request.path).toBe(`/2010-04-01/Accounts/${ACCOUNT_SID}/Messages.json`);
    expect(request.auth).toEqual({ user: ACCOUNT_SID, password: AUTH_TOKEN });
    expect(request.contentType).toContain('application/x-www-form-urlencoded');
    expect(request.form).toMatchObject({
      To: from,
      From: OUR_NUMBER,
      StatusCallback: expect.stringMatching(
        /^https:\/\/support\.example\.com\/webhooks\/twilio\/sms\/status\?m=in-sms-/,
      ),
    });

    const ref = /SR-\d{4}-\d{4}/.exec(done)![0];
    const kase = await harness.caseOf(ref);
    expect(kase).toMatchObject({ status: 'escalated', team: 'support', lang: 'zh' });
    expect(kase.slots).toBeDefined();
    expect(kase.origin.channel).toBe('sms');
  });

  it('in English: "Reply 1 for Yes, 2 for No", the same case flow', async () => {
    const from = '+14155550100';
    expect((await text(from, "My laptop won't turn on")).join('\n')).toContain('serial number');
    expect((await text(from, 'The serial number is PF2ABC99')).join('\n')).toContain('When was it bought');
    const damage = (await text(from, 'I bought it on 2026-06-10')).join('\n');
    expect(damage).toContain('Reply 1 for Yes, 2 for No');
    await text(from, '2');
    const steps = await text(from, '2');
    for (const body of steps) expect(countSmsSegments(body).segments).toBeLessThanOrEqual(4);
    expect(steps.join('\n')).toContain('within its 1-year whole-unit warranty');
    expect((await text(from, 'no')).join('\n')).toContain('remote session');
    const done = (await text(from, 'yes')).join('\n');
    expect(done).toMatch(/An engineer will reply by .+ \(case SR-\d{4}-\d{4}\)/);
  });
});

describe('what Twilio and customers get wrong', () => {
  it('a retried webhook (same MessageSid) is recorded once and answered once', async () => {
    const from = '+8613800138002';
    const params = smsParams(from, '你好');
    const first = await harness.post('/webhooks/twilio/sms', params);
    const again = await Promise.all([
      harness.post('/webhooks/twilio/sms', params),
      harness.post('/webhooks/twilio/sms', params),
    ]);
    expect([first, ...again].map((answer) => answer.status)).toEqual([200, 200, 200]);
    await harness.textsTo(from, 1);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(harness.standIn.accepted().filter((r) => r.form.To === from)).toHaveLength(1);
    const inbound = (await harness.transcriptOf(from)).filter((entry) => entry.kind === 'in');
    expect(inbound).toHaveLength(1);
    expect(harness.logs.some((line) => String(line.msg).startsWith('sms already received'))).toBe(true);
  });

  it('an MMS with pictures and no Body: the media URLs and types are kept on the case', async () => {
    const from = '+8613800138003';
    await text(from, '打印机卡纸了');
    const params: Record<string, string> = { ...paramsOf(MMS_MEDIA_ONLY), From: from, To: OUR_NUMBER };
    expect((await harness.post('/webhooks/twilio/sms', params)).status).toBe(200);
    const transcript = await harness.transcriptOf(from);
    const mms = transcript.find(
      (entry) => entry.kind === 'in' && entry.meta?.providerMessageId === params.MessageSid,
    )!;
    expect(mms.text).toBe('');
    expect(mms.case).toMatch(/^SR-/);
    expect(mms.meta!.attachments).toEqual([
      {
        url: 'https://api.twilio.com/2010-04-01/Accounts/ACx/Messages/MMx/Media/ME0',
        contentType: 'image/jpeg',
      },
      {
        url: 'https://api.twilio.com/2010-04-01/Accounts/ACx/Messages/MMx/Media/ME1',
        contentType: 'image/png',
      },
    ]);
    expect(transcript.some((entry) => entry.meta?.event === 'attachments')).toBe(true);
  });

  it('a 5,000-character Body is kept whole, logged, and answered', async () => {
    const from = '+8613800138004';
    const body = '我的打印机一直卡纸。'.repeat(500);
    expect(body.length).toBe(5000);
    expect((await harness.post('/webhooks/twilio/sms', smsParams(from, body))).status).toBe(200);
    const inbound = (await harness.transcriptOf(from)).find((entry) => entry.kind === 'in')!;
    expect(inbound.text).toBe(body);
    expect(
      harness.logs.some(
        (line) =>
          line.msg === 'sms body longer than Twilio delivers: kept whole, the bot reads the start' &&
          line.length === 5000,
      ),
    ).toBe(true);
    await harness.textsTo(from, 1);
  });

  it('a Body that looks like base64 is text, never decoded', async () => {
    const params = paramsOf(SMS_BASE64_BODY);
    expect((await harness.post('/webhooks/twilio/sms', params)).status).toBe(200);
    const inbound = (await harness.transcriptOf(params.From!)).find((entry) => entry.kind === 'in')!;
    expect(inbound.text).toBe('QmFubm9uIEV4cGxhaW5zIFRoZSBXb3JsZCAuLi4K4oCcVGhlIENhbXAgb2YgdGhlIFNhaW50c+KA');
  });

  it('a sender that cannot be texted back (alphanumeric) is logged and ignored', async () => {
    const answer = await harness.post('/webhooks/twilio/sms', smsParams('+1', 'plan 5 potato'));
    expect(answer.status).toBe(200);
    expect(
      harness.logs.some((line) =>
        String(line.msg).startsWith('sms from a sender that cannot be texted back'),
      ),
    ).toBe(true);
  });
});
