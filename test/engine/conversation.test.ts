/**
 * The engine end to end through the desk: real Redis, the shipped flows, a manual clock.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TranscriptEntry } from '../../src/cases/types.js';
import { conversationKeyOf, customerIdFor, identityOf } from '../../src/conversation/keys.js';
import { matchIntent } from '../../src/engine/intents.js';
import type { InboundMessage } from '../../src/port/messages.js';
import { createTestRuntime, type TestRuntime } from '../support/runtime.js';

let runtime: TestRuntime;
let sequence = 0;

beforeEach(() => {
  runtime = createTestRuntime();
});
afterEach(async () => {
  await runtime.close();
});

function message(from: string, text: string, extra: Partial<InboundMessage> = {}): InboundMessage {
  sequence += 1;
  return {
    channel: 'chat',
    providerMessageId: `m-${sequence}-${Math.random()}`,
    from,
    text,
    receivedAt: runtime.clock.now(),
    inline: true,
    ...extra,
  };
}

async function say(from: string, text: string, extra: Partial<InboundMessage> = {}) {
  return runtime.desk.receive(message(from, text, extra));
}

function replyText(result: { replies: Array<{ text: string }> }): string {
  return result.replies.map((reply) => reply.text).join('\n');
}

async function transcriptOf(channel: InboundMessage['channel'], from: string): Promise<TranscriptEntry[]> {
  const id = customerIdFor(identityOf(channel, from));
  const raw = await runtime.redis.lrange(`${runtime.config.REDIS_KEY_PREFIX}:{c:${id}}:log`, 0, -1);
  return raw.map((line) => JSON.parse(line) as TranscriptEntry);
}

describe('several slots from one message', () => {
  it('fills product, serial, purchase date and symptom from one Chinese message and asks only what is missing', async () => {
    const result = await say('zh-1', '我的ThinkPad X1 序列号PF2ABC12 去年3月买的，开不了机');
    expect(result.session.flow).toBe('fault_report');
    expect(result.session.lang).toBe('zh');
    expect(result.session.slots).toMatchObject({
      product: 'laptop',
      serial: 'PF2ABC12',
      purchase_date: { date: '2025-03-01', precision: 'month' },
      symptom: '开不了机',
    });
    // Nothing already said is asked again: the next question is about damage.
    expect(result.session.step).toBe('damage_question');
    expect(replyText(result)).toContain('摔落');
    expect(replyText(result)).not.toMatch(/序列号|哪类产品|什么时候购买/);
    expect(result.case).toMatchObject({ status: 'open', owner: 'bot' });
    expect(result.case?.ref).toMatch(/^SR-2611-\d{4}$/);
  });

  it('does the same in English', async () => {
    const result = await say(
      'en-1',
      'My ThinkPad T14, serial number PF2ABC12, bought 3 weeks ago, it won’t turn on',
    );
    expect(result.session.lang).toBe('en');
    expect(result.session.slots).toMatchObject({
      product: 'laptop',
      serial: 'PF2ABC12',
      purchase_date: { date: '2026-11-05', precision: 'day' },
    });
    expect(String(result.session.slots.symptom)).toMatch(/turn on/);
    expect(replyText(result)).toMatch(/dropped|knocked|wet/);
  });

  it('asks for everything still missing in one numbered email and reads a numbered answer', async () => {
    const from = 'li@example.cn';
    const first = await say(from, '打印机坏了', { channel: 'email' });
    expect(first.replies).toHaveLength(1);
    const list = first.replies[0]!.text;
    expect(list).toContain('1.');
    expect(list).toContain('序列号');
    expect(list).toContain('购买');
    const second = await say(from, '1. CNB1234567\n2. 2026-11-20', { channel: 'email' });
    expect(second.session.slots).toMatchObject({
      serial: 'CNB1234567',
      purchase_date: { date: '2026-11-20' },
    });
  });
});

describe('global intents work at any step', () => {
  it('asking for a person mid-flow escalates to support with a concrete deadline', async () => {
    await say('h-1', '我的笔记本开不了机');
    const result = await say('h-1', '转人工');
    expect(result.case).toMatchObject({ status: 'escalated', team: 'support', owner: 'queue' });
    expect(result.case?.deadline).toBeTruthy();
    expect(replyText(result)).toMatch(/工程师将在 \d+月\d+日\(周.\) \d\d:\d\d 前回复您（工单号 SR-/);
    expect(result.signals.handoff).toBe(true);
  });

  it('an upset customer goes to the supervisor team with high priority, from any step', async () => {
    await say('u-1', 'my printer is broken');
    const result = await say('u-1', 'THIS IS COMPLETELY UNACCEPTABLE');
    expect(result.case).toMatchObject({ team: 'supervisor', priority: 'high', status: 'escalated' });
    expect(replyText(result)).toMatch(/sorry/i);
  });

  it('help answers and then repeats the interrupted question', async () => {
    const first = await say('help-1', 'my laptop is broken');
    expect(first.session.step).toBe('serial_question');
    const result = await say('help-1', 'help');
    expect(replyText(result)).toMatch(/I can:/);
    expect(replyText(result)).toMatch(/serial number/i);
    expect(result.session.flow).toBe('fault_report');
  });

  it('cancel drops the conversation; the next message starts afresh', async () => {
    await say('c-1', '打印机卡纸了');
    const cancelled = await say('c-1', '取消');
    expect(replyText(cancelled)).toContain('已取消');
    expect(cancelled.session.flow).toBeNull();
    expect(cancelled.session.slots).toEqual({});
    const next = await say('c-1', '你好');
    expect(next.session.flow).toBe('welcome');
  });

  it('keypad 0 on the phone is the human intent, but not when a number is the answer', async () => {
    await say('+8613800000011', '我的打印机坏了', { channel: 'voice' });
    const result = await say('+8613800000011', '0', { channel: 'voice' });
    expect(result.case?.team).toBe('support');
    expect(result.case?.status).toBe('escalated');
    // Asked for a number (a follow-up score), "0" is an answer to check, not a call for a person.
    const human = runtime.content.bundle.bot.intents.find((intent) => intent.id === 'human')!;
    expect(matchIntent([human], '0', { expectsNumber: true })).toBeUndefined();
    expect(matchIntent([human], '0')).toBe(human);
  });
});

describe('misunderstanding', () => {
  it('hands over after two failed answers instead of looping, and says so', async () => {
    await say('mis-1', 'my laptop is broken');
    const first = await say('mis-1', 'I do not know');
    expect(first.case?.status).toBe('open');
    expect(replyText(first)).toMatch(/could not read a serial number/i);
    const second = await say('mis-1', 'no idea');
    expect(replyText(second)).toMatch(/could not understand your answer/i);
    expect(second.case).toMatchObject({ status: 'escalated', team: 'support' });
    expect(second.case?.deadline).toBeTruthy();
  });
});

describe('language', () => {
  it('follows the customer when they switch, and keeps it for short answers', async () => {
    const en = await say('lang-1', 'my printer is broken');
    expect(en.session.lang).toBe('en');
    expect(replyText(en)).toMatch(/serial/i);
    const zh = await say('lang-1', '序列号是CNB1234567');
    expect(zh.session.lang).toBe('zh');
    expect(replyText(zh)).toMatch(/购买/);
    const digits = await say('lang-1', '2026-11-20');
    expect(digits.session.lang).toBe('zh');
  });

  it('answers a third language politely in both languages without losing the conversation', async () => {
    const result = await say('es-1', 'Hola, mi portátil no enciende desde ayer');
    expect(replyText(result)).toContain('中文或英文');
    expect(replyText(result)).toContain('Chinese or English');
    expect(result.case).toBeNull();
  });

  it('an explicit language hint wins over detection', async () => {
    const result = await say('pin-1', 'ThinkPad', { langHint: 'zh' });
    expect(result.session.lang).toBe('zh');
  });
});

describe('bad input never crashes', () => {
  it.each([
    ['empty', ''],
    ['whitespace', '   \n\t '],
    ['control characters', '\u0000\u0007\u001b[31m打印机\u0000坏了'],
    ['lone surrogates', 'printer \uD800 broken \uDFFF'],
    ['emoji only', '😡😡😡'],
  ])('%s', async (_label, text) => {
    const result = await say(`bad-${text.length}-${Math.random()}`, text);
    expect(result.replies.length).toBeGreaterThan(0);
    for (const reply of result.replies) expect(reply.text).not.toMatch(/Error|at \w+ \(/);
  });

  it('a 100 KB message is read (first part) and kept in the transcript', async () => {
    const huge = `我的打印机卡纸了。${'很长的描述'.repeat(20_000)}`;
    const result = await say('huge-1', huge);
    expect(result.session.flow).toBe('fault_report');
    const log = await transcriptOf('chat', 'huge-1');
    const inbound = log.find((entry) => entry.kind === 'in')!;
    expect(inbound.text.length).toBe(20_000);
    expect(inbound.meta?.truncated).toBe(true);
  });
});

describe('dedupe and ordering', () => {
  it('the same provider message id processed twice yields one set of replies and one transcript entry', async () => {
    const once = message('dup-1', '我的打印机坏了');
    const [a, b] = await Promise.all([runtime.desk.receive(once), runtime.desk.receive(once)]);
    const again = await runtime.desk.receive(once);
    expect(a.replies).toEqual(b.replies);
    expect(again.duplicate).toBe(true);
    expect(again.replies).toEqual(a.replies);
    const log = await transcriptOf('chat', 'dup-1');
    expect(log.filter((entry) => entry.kind === 'in')).toHaveLength(1);
  });

  it('messages of one customer arriving together are processed in arrival order, never interleaved', async () => {
    const texts = ['my printer is broken', 'CNB1234567', '2026-11-20', 'it keeps jamming'];
    const results = await Promise.all(texts.map((text) => say('order-1', text)));
    const final = results.at(-1)!;
    expect(final.session.slots).toMatchObject({
      product: 'printer',
      serial: 'CNB1234567',
      purchase_date: { date: '2026-11-20' },
    });
    const log = await transcriptOf('chat', 'order-1');
    const inbound = log.filter((entry) => entry.kind === 'in').map((entry) => entry.text);
    expect(inbound).toEqual(texts);
    // Each inbound message is followed by its own replies before the next one starts.
    const kinds = log.filter((entry) => entry.kind !== 'event').map((entry) => entry.kind);
    expect(kinds[0]).toBe('in');
    for (let n = 1; n < kinds.length; n++) if (kinds[n] === 'in') expect(kinds[n - 1]).toBe('out');
  });

  it('two processes working on one customer never interleave and lose nothing', async () => {
    const other = createTestRuntime();
    try {
      // Same Redis, same prefix, separate connection and inbox: a second app process.
      const second = await import('../../src/runtime.js').then(({ createRuntime }) =>
        createRuntime(runtime.config, { clock: runtime.clock, content: runtime.content }),
      );
      // Every message gets a reply (help), so each turn shows as `in` followed by `out`.
      const texts = Array.from({ length: 12 }, (_, n) => `help${'!'.repeat(n + 1)}`);
      await Promise.all(
        texts.map((text, n) => (n % 2 === 0 ? runtime : second).desk.receive(message('procs-1', text))),
      );
      const log = await transcriptOf('chat', 'procs-1');
      const inbound = log.filter((entry) => entry.kind === 'in').map((entry) => entry.text);
      expect([...inbound].sort()).toEqual([...texts].sort());
      const kinds = log.filter((entry) => entry.kind !== 'event').map((entry) => entry.kind);
      for (let n = 1; n < kinds.length; n++) if (kinds[n] === 'in') expect(kinds[n - 1]).toBe('out');
      await second.close();
    } finally {
      await other.close();
    }
  });
});

describe('the clock is injected', () => {
  it('a Friday 17:30 escalation promises a reply on Monday', async () => {
    runtime.clock.set('2026-11-27T17:30:00+08:00');
    const result = await say('fri-1', 'agent please');
    expect(result.case?.deadline).toBeTruthy();
    // Normal priority: 4 business hours → Monday 30 Nov, 12:30 Shanghai (plus the queue allowance).
    const due = new Date(result.case!.deadline!);
    expect(due.toISOString().slice(0, 10)).toBe('2026-11-30');
    expect(replyText(result)).toMatch(/Mon 30 Nov/);
  });

  it('at night the bot says when the team is back', async () => {
    runtime.clock.set('2026-11-26T23:00:00+08:00');
    const result = await say('night-1', '转人工');
    expect(replyText(result)).toMatch(/非工作时间.*11月27日\(周五\) 09:00/);
  });
});

describe('state lives in Redis', () => {
  it('keeps one session per customer conversation, under the customer hash tag', async () => {
    await say('keys-1', '我的打印机坏了');
    const identity = identityOf('chat', 'keys-1');
    const key = `${runtime.config.REDIS_KEY_PREFIX}:{c:${customerIdFor(identity)}}:session:${conversationKeyOf(identity)}`;
    const session = JSON.parse((await runtime.redis.get(key))!);
    expect(session).toMatchObject({ flow: 'fault_report', lang: 'zh', identity });
  });
});

describe('after resolution', () => {
  async function resolvedPaperJam(from: string) {
    await say(from, '我的打印机卡纸了，序列号CNB1234567');
    await say(from, '2026-10-01');
    await say(from, '没有');
    await say(from, '没有');
    const fixed = await say(from, '解决了');
    expect(fixed.case?.status).toBe('resolved');
    return fixed.case!.ref;
  }

  it('a thank-you does not re-open the case', async () => {
    const ref = await resolvedPaperJam('thanks-1');
    await say('thanks-1', '谢谢！');
    expect((await runtime.cases.get(ref))!.status).toBe('resolved');
  });

  it('reporting the fault again within the re-open window re-opens the same case', async () => {
    const ref = await resolvedPaperJam('again-1');
    runtime.clock.set('2026-11-28T10:00:00+08:00');
    const again = await say('again-1', '打印机又卡纸了');
    expect(again.case).toMatchObject({ ref, status: 'open' });
    const transcript = await runtime.cases.transcript((await runtime.cases.get(ref))!);
    expect(transcript.some((entry) => entry.meta?.event === 'reopened')).toBe(true);
  });

  it('after the window a new fault opens a new case', async () => {
    const ref = await resolvedPaperJam('late-1');
    runtime.clock.set('2026-12-20T10:00:00+08:00');
    const later = await say('late-1', '打印机又卡纸了');
    expect(later.case?.ref).not.toBe(ref);
    expect(later.case?.status).toBe('open');
  });

  it('a triage left unfinished is closed as abandoned when the customer comes back days later', async () => {
    const first = await say('gone-1', '我的笔记本开不了机');
    runtime.clock.set('2026-12-01T10:00:00+08:00');
    const back = await say('gone-1', '你好');
    expect(back.session.flow).toBe('welcome');
    expect((await runtime.cases.get(first.case!.ref))!.status).toBe('closed');
  });
});

describe('when the engine fails', () => {
  it('the message is recorded, the customer gets an apology and staff are told', async () => {
    const identity = identityOf('chat', 'broken-1');
    const key = `${runtime.config.REDIS_KEY_PREFIX}:{c:${customerIdFor(identity)}}:session:${conversationKeyOf(identity)}`;
    // A session damaged beyond what the engine expects (e.g. written by hand).
    await runtime.redis.set(
      key,
      JSON.stringify({
        flow: 'fault_report',
        step: 'serial_question',
        slots: null,
        vars: null,
        stack: null,
        asked: null,
        lang: 'zh',
        updatedAt: new Date().toISOString(),
      }),
    );
    const result = await say('broken-1', '我的打印机坏了');
    expect(replyText(result)).toContain('消息已经记录');
    const log = await transcriptOf('chat', 'broken-1');
    expect(log.map((entry) => entry.kind)).toEqual(['in', 'event', 'out']);
    expect(log[0]!.text).toBe('我的打印机坏了');
    const notes = await runtime.redis.lrange(`${runtime.config.REDIS_KEY_PREFIX}:notify:team:support`, 0, -1);
    expect(notes.join()).toContain('the bot failed on a message');
  });

  it('a replayed turn opens the same case, not a second one', async () => {
    const first = await runtime.services.newCaseRef(runtime.clock.now(), 'item-x-case0');
    const again = await runtime.services.newCaseRef(runtime.clock.now(), 'item-x-case0');
    const other = await runtime.services.newCaseRef(runtime.clock.now(), 'item-y-case0');
    expect(again).toBe(first);
    expect(other).not.toBe(first);
  });
});

describe('review fixes', () => {
  it('"好的，谢谢" after resolution does not re-open the case', async () => {
    await say('ack-2', '我的打印机卡纸了，序列号CNB1234567');
    await say('ack-2', '2026-10-01');
    await say('ack-2', '没有');
    await say('ack-2', '没有');
    const fixed = await say('ack-2', '解决了');
    for (const text of ['好的，谢谢', 'thanks a lot!', 'ok thank you 👍']) await say('ack-2', text);
    expect((await runtime.cases.get(fixed.case!.ref))!.status).toBe('resolved');
  });

  it('an answer in a Latin-script name is an answer, not a third language', async () => {
    const flow = await say(
      'name-1',
      'my printer is broken, serial CNB1234567, bought 2026-10-01, it keeps jamming',
    );
    expect(flow.session.flow).toBe('fault_report');
    // Walk to the contact-name question.
    let result = flow;
    for (const answer of ['no', 'no', 'no', '88 Century Avenue, Pudong, Shanghai'])
      result = await say('name-1', answer);
    expect(result.session.step).toBe('contact_name_question');
    const named = await say('name-1', 'José García');
    expect(named.session.slots.contact_name).toBe('José García');
    expect(named.replies.map((r) => r.text).join()).not.toContain('Chinese or English');
  });

  it('on the phone, asking for a person on a case staff own puts the caller through', async () => {
    const caller = '+8613800138222';
    const escalated = await say(caller, '转人工', { channel: 'voice' });
    await runtime.claimer.next('support', { name: 'amy', role: 'agent' });
    const again = await say(caller, '0', { channel: 'voice' });
    expect(again.signals.handoff).toBe(true);
    expect(again.signals.escalated?.ref).toBe(escalated.case!.ref);
  });
});

describe('email yes/no lists', () => {
  it('a plain "no" answers every yes/no question of the list', async () => {
    const from = 'yn@example.com';
    await say(from, 'My HP LaserJet keeps jamming, serial CNB1234567, bought 3 weeks ago', {
      channel: 'email',
    });
    const answered = await say(from, 'No', { channel: 'email' });
    expect(answered.session.slots).toMatchObject({ damage: false, opened: false });
    expect(replyText(answered)).toMatch(/paper jam/i);
  });
});
