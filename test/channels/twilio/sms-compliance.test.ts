/**
 * Carrier rules on SMS: STOP/退订/取消 opt out (confirmed once, nothing sent after, staff told on the
 * open case), START/订阅 opt back in, HELP/帮助 gives the service's name, hours and how to reach a person.
 * Twilio's 21610 (unsubscribed at the carrier) puts the number on our list too.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { complianceKeywordOf } from '../../../channels/twilio/compliance-keywords.js';
import { createHarness, type Harness } from './support/harness.js';
import { sid, smsParams } from './support/requests.js';
import { findAll } from './support/twiml.js';

let harness: Harness;
beforeAll(async () => {
  harness = await createHarness();
  harness.startWorkers();
});
afterAll(async () => harness.close());

const sms = (from: string, body: string, extra: Record<string, string> = {}) =>
  harness.post('/webhooks/twilio/sms', smsParams(from, body, extra));
const textsTo = (from: string) => harness.standIn.accepted().filter((r) => r.form.To === from);
const settle = () => new Promise((resolve) => setTimeout(resolve, 300));

describe('compliance keywords', () => {
  it('recognises the whole message only, in any case, with punctuation around it', () => {
    for (const word of [
      'STOP',
      'stop',
      ' Stop. ',
      'STOPALL',
      'unsubscribe',
      'Cancel',
      'END',
      'quit',
      '退订',
      '取消',
      '「退订」',
      'TD',
    ]) {
      expect(complianceKeywordOf(word)?.kind, word).toBe('opt_out');
    }
    for (const word of ['START', 'unstop', '订阅'])
      expect(complianceKeywordOf(word)?.kind, word).toBe('opt_in');
    for (const word of ['HELP', 'help!', '帮助']) expect(complianceKeywordOf(word)?.kind, word).toBe('help');
    for (const word of ['stop sending me texts', 'please help', '我想取消订单', 'yes', '1', '']) {
      expect(complianceKeywordOf(word), word).toBeNull();
    }
    expect(complianceKeywordOf('退订')?.lang).toBe('zh');
    expect(complianceKeywordOf('STOP')?.lang).toBe('en');
  });
});

describe('STOP and START', () => {
  it('one STOP delivered three times at once is confirmed once', async () => {
    const from = '+8613800138209';
    const params = smsParams(from, 'STOP');
    const answers = await Promise.all(
      [0, 1, 2].map(() => sms(from, 'STOP', { MessageSid: params.MessageSid! })),
    );
    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200]);
    expect(answers.flatMap((answer) => findAll(answer.twiml!, 'Message'))).toHaveLength(1);
    expect(await harness.optedOut(from)).toBe(true);
  });

  it('STOP in the middle of a case: confirmed once in TwiML, staff told, nothing sent afterwards; START undoes it', async () => {
    const from = '+8613800138201';
    await sms(from, '转人工');
    await harness.textsTo(from, 1);
    const ref = /SR-\d{4}-\d{4}/.exec(
      textsTo(from)
        .map((r) => r.form.Body)
        .join('\n'),
    )![0];

    const stopParams = smsParams(from, '退订');
    const stop = await sms(from, '退订', { MessageSid: stopParams.MessageSid! });
    const messages = findAll(stop.twiml!, 'Message');
    expect(messages).toHaveLength(1);
    expect(messages[0]!.text).toContain('您已退订');
    expect(messages[0]!.text).toContain('订阅');
    expect(await harness.optedOut(from)).toBe(true);

    // The same STOP delivered again: an empty answer (one confirmation per STOP), no second event.
    const retried = await sms(from, '退订', { MessageSid: stopParams.MessageSid! });
    expect(findAll(retried.twiml!, 'Message')).toHaveLength(0);
    // The customer says STOP again: already opted out, no second confirmation.
    const again = await sms(from, 'STOP');
    expect(findAll(again.twiml!, 'Message')).toHaveLength(0);

    const kase = await harness.caseOf(ref);
    expect(kase.flags).toContain('opted_out');
    const transcript = await harness.transcriptOf(from);
    expect(transcript.filter((e) => e.meta?.event === 'sms_opted_out')).toHaveLength(1);
    expect(transcript.filter((e) => e.kind === 'in' && e.text === '退订')).toHaveLength(1);
    const notes = await harness.runtime.redis.lrange(
      `${harness.runtime.config.REDIS_KEY_PREFIX}:notify:team:support`,
      0,
      -1,
    );
    expect(notes.some((note) => note.includes(ref) && note.includes('opted out'))).toBe(true);

    // Anything the bot or staff would send now is refused by the outbox, never reaches Twilio.
    const sentBefore = textsTo(from).length;
    await sms(from, '我的打印机坏了');
    await harness.runtime.queues.apply({
      type: 'send',
      message: {
        id: `after-stop-${sid('SM')}`,
        channel: 'sms',
        to: from,
        lang: 'zh',
        text: '您好',
        customerId: kase.customerId,
        caseRef: ref,
        author: 'staff:amy',
        createdAt: harness.runtime.clock.now().toISOString(),
      },
    });
    await settle();
    expect(textsTo(from)).toHaveLength(sentBefore);

    const start = await sms(from, '订阅');
    expect(findAll(start.twiml!, 'Message')).toHaveLength(0);
    expect(await harness.optedOut(from)).toBe(false);
    const [confirmation] = (await harness.textsTo(from, sentBefore + 1)).slice(sentBefore);
    expect(confirmation!.Body).toContain('重新订阅');
    expect((await harness.caseOf(ref)).flags).not.toContain('opted_out');
  });
});

describe('STOP in other words', () => {
  it('"取消" and "cancel" opt out on SMS (the compliance meaning wins over the bot\'s cancel)', async () => {
    const from = '+8613800138202';
    await sms(from, '我的笔记本开不了机');
    await harness.textsTo(from, 1);
    const answer = await sms(from, '取消');
    expect(findAll(answer.twiml!, 'Message')[0]!.text).toContain('您已退订');
    expect(await harness.optedOut(from)).toBe(true);
    const english = '+14155550123';
    const stop = await sms(english, 'Cancel');
    expect(findAll(stop.twiml!, 'Message')[0]!.text).toMatch(/^You have unsubscribed .* Reply START/);
  });
});

describe('HELP', () => {
  it("answers with the service name, hours and how to reach a person, in the keyword's language, and the flow carries on", async () => {
    const from = '+8613800138203';
    await sms(from, '我的笔记本开不了机');
    await harness.textsTo(from, 1);
    const help = await sms(from, '帮助');
    expect(findAll(help.twiml!, 'Message')).toHaveLength(0);
    const [, reply] = await harness.textsTo(from, 2);
    const { contact } = harness.runtime.content.policy;
    expect(reply!.Body).toContain(contact.service_name.zh);
    expect(reply!.Body).toContain(contact.hours_text.zh.replace(/[。.]$/u, ''));
    expect(reply!.Body).toContain(contact.phone);
    expect(reply!.Body).toContain('回复“人工”');
    expect(reply!.Body).not.toMatch(/。。|\.\./);
    // The question asked before HELP is still the one waiting for an answer.
    await sms(from, '序列号 PF2ABC12');
    const [, , next] = await harness.textsTo(from, 3);
    expect(next!.Body).toContain('购买');

    const english = '+14155550124';
    await sms(english, 'HELP');
    const [englishHelp] = await harness.textsTo(english, 1);
    expect(
      englishHelp!.Body!.startsWith(
        `${contact.service_name.en}. Hours: ${contact.hours_text.en.replace(/\.$/, '')}.`,
      ),
    ).toBe(true);
    expect(englishHelp!.Body).toContain('reply AGENT');
  });
});

describe("Twilio's own opt-out (error 21610)", () => {
  it('a status callback with 21610 puts the number on our list and flags the case', async () => {
    const from = '+8613800138204';
    await sms(from, '转人工');
    await harness.textsTo(from, 1);
    const ref = /SR-\d{4}-\d{4}/.exec(
      textsTo(from)
        .map((r) => r.form.Body)
        .join('\n'),
    )![0];
    const smSid = textsTo(from)[0]!.sid!;
    const callback = {
      MessageSid: smSid,
      MessageStatus: 'undelivered',
      ErrorCode: '21610',
      To: from,
      AccountSid: 'AC',
    };
    expect((await harness.post('/webhooks/twilio/sms/status', callback)).status).toBe(200);
    expect((await harness.post('/webhooks/twilio/sms/status', callback)).status).toBe(200);
    expect(await harness.optedOut(from)).toBe(true);
    const kase = await harness.caseOf(ref);
    expect(kase.flags).toEqual(expect.arrayContaining(['opted_out', 'delivery_failed']));
    const events = (await harness.transcriptOf(from)).filter((e) => e.meta?.event === 'sms_opted_out');
    expect(events).toHaveLength(1);
    expect(events[0]!.text).toContain('21610');
  });
});
