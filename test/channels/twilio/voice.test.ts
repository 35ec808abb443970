/**
 * A phone call through the same flows: greeting, speech and keypad answers read back as TwiML (parsed),
 * low-confidence speech and silence asked again, "0" to a person — put through in business hours with
 * the case reference whispered, a callback promise and a confirming SMS when nobody can take the call.
 * A call that drops mid-flow carries on by SMS or on the next call.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { GATHER_SPEECH_ZH, paramsOf } from './fixtures/webhook-payloads.js';
import { createHarness, type Harness, OUR_NUMBER, SUPPORT_LINE } from './support/harness.js';
import { callParams, sid, smsParams } from './support/requests.js';
import { findAll, spokenText, type TwimlNode } from './support/twiml.js';

const SATURDAY_MORNING = '2026-11-28T10:00:00+08:00';
const THURSDAY_MORNING = '2026-11-26T10:00:00+08:00';
const BASE = 'https://support.example.com';

let harness: Harness;
beforeAll(async () => {
  harness = await createHarness();
  harness.startWorkers();
});
afterAll(async () => harness.close());
beforeEach(() => harness.runtime.clock.set(THURSDAY_MORNING));

/** A caller on one call: each answer posts to the action URL the last TwiML gave. */
function caller(from: string) {
  const callSid = sid('CA');
  let action = '';
  const follow = async (path: string, extra: Record<string, string> = {}) => {
    const answer = await harness.post(path, callParams(callSid, from, extra));
    expect(answer.status).toBe(200);
    const gather = findAll(answer.twiml!, 'Gather')[0];
    if (gather) action = gather.attrs.action!;
    return answer.twiml!;
  };
  return {
    callSid,
    start: () => follow('/webhooks/twilio/voice', { CallStatus: 'ringing' }),
    say: (speech: string, confidence = '0.91') =>
      follow(action.slice(BASE.length), { SpeechResult: speech, Confidence: confidence }),
    press: (digits: string) => follow(action.slice(BASE.length), { Digits: digits }),
    silence: () => follow(action.slice(BASE.length)),
    hangUp: () => follow(action.slice(BASE.length), { CallStatus: 'completed' }),
    get action() {
      return action;
    },
  };
}

function gatherOf(twiml: TwimlNode): TwimlNode {
  const gather = findAll(twiml, 'Gather')[0];
  if (!gather) throw new Error(`no <Gather> in ${JSON.stringify(twiml)}`);
  return gather;
}

describe('a call', () => {
  it('greets in Chinese inside a speech+keypad Gather, offers English, and takes a spoken fault report', async () => {
    const call = caller('+8613800138401');
    const greeting = await call.start();
    const gather = gatherOf(greeting);
    expect(gather.attrs).toMatchObject({
      input: 'speech dtmf',
      language: 'cmn-Hans-CN',
      action: `${BASE}/webhooks/twilio/voice/gather?n=1`,
      method: 'POST',
      actionOnEmptyResult: 'true',
      numDigits: '1',
    });
    const says = findAll(gather, 'Say');
    expect(says[0]!.attrs).toMatchObject({ voice: 'Polly.Zhiyu', language: 'zh-CN' });
    expect(says[0]!.text).toContain('售后服务中心');
    expect(says[0]!.text).toContain('按0转人工');
    expect(says[1]!.attrs).toMatchObject({ voice: 'Polly.Joanna', language: 'en-US' });
    expect(says[1]!.text).toBe('For English, press 9.');

    // Twilio's real-shaped speech answer.
    const speech = paramsOf(GATHER_SPEECH_ZH);
    const next = await call.say(speech.SpeechResult!, speech.Confidence);
    expect(spokenText(next)).toContain('序列号');
    expect(gatherOf(next).attrs.action).toBe(`${BASE}/webhooks/twilio/voice/gather?n=2`);
    const transcript = await harness.transcriptOf('+8613800138401');
    const inbound = transcript.filter((entry) => entry.kind === 'in');
    expect(inbound.map((entry) => [entry.channel, entry.text])).toEqual([['voice', '笔记本开不了机']]);
    expect(inbound[0]!.meta?.providerMessageId).toBe(`${call.callSid}:1`);
  });

  it('reads choices as "…请按1" with one-key Gathers and takes keypad answers', async () => {
    const call = caller('+8613800138402');
    await call.start();
    const menu = await call.press('1');
    expect(spokenText(menu)).toContain('故障报修请按1，保修查询请按2');
    expect(gatherOf(menu).attrs.numDigits).toBe('1');
    expect(gatherOf(menu).attrs.hints).toContain('故障报修');
    const product = await call.press('1');
    expect(spokenText(product)).toContain('笔记本电脑请按1，台式电脑请按2');
    const serial = await call.press('1');
    expect(spokenText(serial)).toContain('序列号');
    expect(gatherOf(serial).attrs.numDigits).toBeUndefined();
  });

  it('low-confidence speech is asked again without counting as an answer; silence twice ends the call', async () => {
    const from = '+8613800138403';
    const call = caller(from);
    await call.start();
    await call.say('笔记本开不了机');
    const unsure = await call.say('嗯……那个', '0.2');
    expect(spokenText(unsure)).toMatch(/^抱歉，我没有听清。.*\n.*序列号/s);
    expect(gatherOf(unsure).attrs.action).toBe(`${BASE}/webhooks/twilio/voice/gather?n=3`);
    expect((await harness.transcriptOf(from)).filter((entry) => entry.kind === 'in')).toHaveLength(1);
    expect(
      harness.logs.some(
        (line) =>
          line.msg === 'speech not recognised with enough confidence: asked again' && line.confidence === 0.2,
      ),
    ).toBe(true);

    const quiet = await call.silence();
    expect(spokenText(quiet)).toMatch(/没有听到您的回答。.*序列号/s);
    const end = await call.silence();
    expect(findAll(end, 'Gather')).toHaveLength(0);
    expect(findAll(end, 'Hangup')).toHaveLength(1);
    expect(spokenText(end)).toContain('发短信');
  });

  it("Twilio's retry of one answer gets the same TwiML and is recorded once", async () => {
    const from = '+8613800138404';
    const call = caller(from);
    await call.start();
    const params = callParams(call.callSid, from, { SpeechResult: '打印机卡纸了', Confidence: '0.9' });
    const first = await harness.post('/webhooks/twilio/voice/gather?n=1', params);
    const retry = await harness.post('/webhooks/twilio/voice/gather?n=1', params);
    expect(retry.body).toBe(first.body);
    expect((await harness.transcriptOf(from)).filter((entry) => entry.kind === 'in')).toHaveLength(1);
  });
});

describe('a call: English, call status, odd keys and hidden numbers', () => {
  it('9 at the greeting switches to English: English voice, en-US recognition, English questions', async () => {
    const call = caller('+14155550140');
    await call.start();
    const english = await call.press('9');
    expect(gatherOf(english).attrs.language).toBe('en-US');
    expect(findAll(english, 'Say')[0]!.attrs.voice).toBe('Polly.Joanna');
    expect(spokenText(english)).toContain('or 0 to speak to a person');
    const next = await call.say('My printer keeps jamming');
    expect(spokenText(next)).toMatch(/serial number/i);
    expect(gatherOf(next).attrs.language).toBe('en-US');
  });

  it('logs an unknown CallStatus and answers anyway; a finished call gets nothing to say', async () => {
    const answer = await harness.post(
      '/webhooks/twilio/voice',
      callParams(sid('CA'), '+8613800138405', { CallStatus: 'warping' }),
    );
    expect(answer.status).toBe(200);
    expect(findAll(answer.twiml!, 'Gather')).toHaveLength(1);
    expect(
      harness.logs.some(
        (line) => String(line.msg).startsWith('unknown CallStatus') && line.callStatus === 'warping',
      ),
    ).toBe(true);
    const over = await harness.post(
      '/webhooks/twilio/voice',
      callParams(sid('CA'), '+8613800138405', { CallStatus: 'completed' }),
    );
    expect(findAll(over.twiml!, 'Say')).toHaveLength(0);
    expect(findAll(over.twiml!, 'Hangup')).toHaveLength(1);
  });

  it('a caller who hangs up with a question open: nothing said, the open case notes it once', async () => {
    const call = caller('+8613800138406');
    await call.start();
    await call.say('我的打印机卡纸了，序列号CNB1234567');
    const over = await call.hangUp();
    expect(findAll(over, 'Say')).toHaveLength(0);
    expect(findAll(over, 'Gather')).toHaveLength(0);
    await harness.post(
      call.action.slice(BASE.length),
      callParams(call.callSid, '+8613800138406', { CallStatus: 'completed' }),
    );
    const ended = (await harness.transcriptOf('+8613800138406')).filter(
      (entry) => entry.meta?.event === 'call_ended',
    );
    expect(ended).toHaveLength(1);
    expect(ended[0]!.case).toMatch(/^SR-/);
  });

  it('keys that name built-in properties are keys like any other; an unknown case on dial status is logged, not a 500', async () => {
    for (const digits of ['constructor', 'toString', '__proto__', 'hasOwnProperty']) {
      const call = caller('+8613800138407');
      await call.start();
      const menu = await harness.post(
        call.action.slice(BASE.length),
        callParams(call.callSid, '+8613800138407', { Digits: digits }),
      );
      expect(menu.status, digits).toBe(200);
      const again = await harness.post(
        `/webhooks/twilio/voice/gather?n=5`,
        callParams(call.callSid, '+8613800138407', { Digits: digits }),
      );
      expect(again.status, digits).toBe(200);
    }
    const unknown = await harness.post(
      '/webhooks/twilio/voice/dial-status?ref=SR-2612-9999&lang=en',
      callParams(sid('CA'), '+8613800138408', { DialCallStatus: 'no-answer' }),
    );
    expect(unknown.status).toBe(200);
    expect(findAll(unknown.twiml!, 'Hangup')).toHaveLength(1);
    expect(
      harness.logs.some((line) =>
        String(line.msg).startsWith('dial status for a case this app does not know'),
      ),
    ).toBe(true);
  });

  it('a hidden number is not logged as a customer', async () => {
    harness.runtime.clock.set(SATURDAY_MORNING);
    const answer = await harness.post('/webhooks/twilio/voice', callParams(sid('CA'), 'anonymous'));
    expect(spokenText(answer.twiml!)).toContain('无法识别您的来电号码');
    expect(findAll(answer.twiml!, 'Hangup')).toHaveLength(1);
  });
});

describe('"0" for a person', () => {
  it('in business hours: put through to SUPPORT_PHONE_NUMBER with the case reference whispered; no answer → callback promise and SMS', async () => {
    const from = '+8613800138410';
    const call = caller(from);
    await call.start();
    await call.say('笔记本开不了机');
    const transfer = await call.press('0');
    const dial = findAll(transfer, 'Dial')[0]!;
    const ref = /ref=(SR-\d{4}-\d{4})/.exec(dial.attrs.action!)![1]!;
    expect(dial.attrs).toMatchObject({
      action: `${BASE}/webhooks/twilio/voice/dial-status?ref=${ref}&lang=zh`,
      timeout: '20',
    });
    const number = findAll(dial, 'Number')[0]!;
    expect(number.text).toBe(SUPPORT_LINE);
    expect(number.attrs.url).toBe(`${BASE}/webhooks/twilio/voice/whisper?ref=${ref}&lang=zh`);
    expect(spokenText(transfer)).toContain('正在为您转接人工客服');
    expect(spokenText(transfer)).toContain(ref);

    const whisper = await harness.post(
      `/webhooks/twilio/voice/whisper?ref=${ref}&lang=zh`,
      callParams(sid('CA'), SUPPORT_LINE),
    );
    expect(spokenText(whisper.twiml!)).toBe(`客户来电转接，工单号 ${ref}。`);

    let kase = await harness.caseOf(ref);
    expect(kase.status).toBe('escalated');
    const events = () => harness.runtime.cases.transcript(kase);
    expect(
      (await events()).some((entry) => entry.meta?.event === 'call_transferred' && entry.text.includes(ref)),
    ).toBe(true);

    const dialStatus = callParams(call.callSid, from, {
      DialCallStatus: 'no-answer',
      DialCallSid: sid('CA'),
    });
    const noAnswer = await harness.post(`/webhooks/twilio/voice/dial-status?ref=${ref}&lang=zh`, dialStatus);
    const heard = spokenText(noAnswer.twiml!);
    expect(heard).toMatch(new RegExp(`我们已登记回电请求，工程师将在 .+ 前给您回电（工单 ${ref}）`));
    expect(findAll(noAnswer.twiml!, 'Hangup')).toHaveLength(1);
    // Twilio repeats the callback: still one SMS, one event.
    await harness.post(`/webhooks/twilio/voice/dial-status?ref=${ref}&lang=zh`, dialStatus);

    const [sms] = await harness.textsTo(from, 1);
    expect(sms).toMatchObject({ To: from, From: OUR_NUMBER });
    expect(sms!.Body).toContain(ref);
    expect(heard).toContain(sms!.Body!);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(harness.standIn.accepted().filter((r) => r.form.To === from)).toHaveLength(1);
    kase = await harness.caseOf(ref);
    expect(kase.flags).toContain('callback_requested');
    expect(kase.promises.at(-1)).toMatchObject({ kind: 'callback', state: 'pending' });
    expect((await events()).filter((entry) => entry.meta?.event === 'callback_requested')).toHaveLength(1);
  });
});

describe('"0" for a person: answered transfers, and outside business hours', () => {
  it('answered transfers are recorded; the caller is then let go', async () => {
    const from = '+8613800138411';
    const call = caller(from);
    await call.start();
    const transfer = await call.press('0');
    const ref = /ref=(SR-\d{4}-\d{4})/.exec(findAll(transfer, 'Dial')[0]!.attrs.action!)![1]!;
    const done = await harness.post(
      `/webhooks/twilio/voice/dial-status?ref=${ref}&lang=zh`,
      callParams(call.callSid, from, { DialCallStatus: 'completed', DialCallDuration: '95' }),
    );
    expect(findAll(done.twiml!, 'Hangup')).toHaveLength(1);
    const transcript = await harness.runtime.cases.transcript(await harness.caseOf(ref));
    expect(transcript.find((entry) => entry.meta?.event === 'call_transfer_answered')?.text).toContain(
      '95 s',
    );
  });

  it('outside business hours: the callback promise with the case deadline, and an SMS confirming it', async () => {
    harness.runtime.clock.set(SATURDAY_MORNING);
    const from = '+8613800138412';
    const call = caller(from);
    await call.start();
    await call.say('打印机卡纸了');
    const answer = await call.say('人工');
    expect(findAll(answer, 'Dial')).toHaveLength(0);
    const heard = spokenText(answer);
    const ref = /SR-\d{4}-\d{4}/.exec(heard)![0];
    const kase = await harness.caseOf(ref);
    const due = harness.runtime.services.formatDeadline(new Date(kase.promises.at(-1)!.due), 'zh');
    expect(heard).toContain(`工程师将在 ${due} 前给您回电（工单 ${ref}）`);
    expect(heard).not.toContain('正在为您转接');
    expect(kase.flags).toContain('callback_requested');
    const [sms] = await harness.textsTo(from, 1);
    expect(sms!.Body).toContain(ref);
    expect(sms!.Body).toContain(due);
  });
});

describe('one customer across voice and SMS', () => {
  it('a call that ends mid-flow keeps what was said; the customer carries on by SMS, then on the next call', async () => {
    const from = '+8613800138420';
    const call = caller(from);
    await call.start();
    const serialQuestion = await call.say('笔记本开不了机');
    expect(spokenText(serialQuestion)).toContain('序列号');
    // The caller hangs up. Later they text the serial number.
    await harness.post('/webhooks/twilio/sms', smsParams(from, '序列号 PF2ABC77'));
    const [reply] = await harness.textsTo(from, 1);
    expect(reply!.Body).toContain('购买');
    const transcript = await harness.transcriptOf(from);
    const opened = transcript.find((entry) => entry.meta?.event === 'case_opened')!;
    const [spoken, texted] = transcript.filter((entry) => entry.kind === 'in');
    expect([spoken!.channel, texted!.channel]).toEqual(['voice', 'sms']);
    expect(texted!.conv).toBe(spoken!.conv);
    expect(texted!.case).toBe(opened.meta!.ref);
    expect((await harness.caseOf(String(opened.meta!.ref))).route.channel).toBe('sms');

    // And they call again: the open question is picked up, not started over.
    const again = caller(from);
    const resumed = await again.start();
    expect(spokenText(resumed)).toMatch(/欢迎再次来电.*\n.*购买/s);
    const date = await again.say('去年3月');
    expect(spokenText(date)).toContain('摔落');
    expect(gatherOf(date).attrs.numDigits).toBe('1');
  });
});
