/**
 * After resolution: a fault on another product, another unit or a different fault opens a new case
 * that names the old one; the same fault again re-opens the old case. And a contact's name answered
 * with the phone after it is the name alone.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
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

async function say(from: string, text: string) {
  sequence += 1;
  const message: InboundMessage = {
    channel: 'chat',
    providerMessageId: `nm-${sequence}`,
    from,
    text,
    receivedAt: runtime.clock.now(),
    inline: true,
  };
  return runtime.desk.receive(message);
}

/** A printer jam the bot's remote steps fixed: the case is resolved. */
async function resolvedPrinterCase(from: string): Promise<string> {
  await say(from, '我的打印机卡纸了，序列号CNB1234567');
  await say(from, '2026-10-01');
  await say(from, '没有');
  await say(from, '没有');
  const fixed = await say(from, '解决了');
  expect(fixed.case?.status).toBe('resolved');
  return fixed.case!.ref;
}

describe('a new matter after resolution', () => {
  it('a fault on another product opens a new case that names the old one', async () => {
    const old = await resolvedPrinterCase('nm-1');
    runtime.clock.advance(3600_000);
    const next = await say('nm-1', '我的笔记本电脑开不了机，序列号PF2ABC12');
    expect(next.case?.ref).toBeDefined();
    expect(next.case!.ref).not.toBe(old);
    const opened = (await runtime.cases.get(next.case!.ref))!;
    expect(opened.follows).toBe(old);
    expect(opened.summary).not.toContain('卡纸');
    expect(opened.slots.serial).toBe('PF2ABC12');
    const before = (await runtime.cases.get(old))!;
    expect(before.status).toBe('resolved');
    expect(before.slots.serial).toBe('CNB1234567');
  });

  it('a different fault on the same printer is a new case too', async () => {
    const old = await resolvedPrinterCase('nm-2');
    const next = await say('nm-2', '打印出来全是黑线');
    expect(next.case?.ref).not.toBe(old);
    expect((await runtime.cases.get(next.case!.ref))!.follows).toBe(old);
  });

  it('the same fault again re-opens the resolved case', async () => {
    const old = await resolvedPrinterCase('nm-3');
    const again = await say('nm-3', '打印机又卡纸了');
    expect(again.case?.ref).toBe(old);
    expect(again.case?.status).not.toBe('resolved');
  });

  it('thanks after resolution neither re-opens nor opens a case', async () => {
    const old = await resolvedPrinterCase('nm-4');
    const thanks = await say('nm-4', '好的，谢谢');
    expect((await runtime.cases.get(old))!.status).toBe('resolved');
    expect(thanks.case?.ref ?? old).toBe(old);
  });
});

describe('the contact name', () => {
  it('"张伟,电话138…" is stored as 张伟, and the phone as the contact phone', async () => {
    const from = 'cn-1';
    let result = await say(from, '我的打印机卡纸了，序列号CNB1234567，2026-10-01买的');
    for (const answer of ['没有', '没有', '没有', '上海市浦东新区张江路200号'])
      result = await say(from, answer);
    expect(result.session.step).toBe('contact_name_question');
    const named = await say(from, '张伟,电话13800138000');
    expect(named.session.slots.contact_name).toBe('张伟');
    expect(String(named.session.slots.contact_phone)).toContain('13800138000');
  });
});
