/**
 * A WeChat follower who writes as people do in WeChat: emoji in every message, a product typed wrong
 * ("打印鸡"), the date as an event ("去年双十一"), and a person asked for without 人工. Through the real
 * webhook and the stand-in's customer-service API, the fault report reads each fact and asks only for
 * what is missing, and the request for a person hands the case over with its reference.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWechatHarness, type WechatHarness } from './support/harness.js';

let harness: WechatHarness;
beforeAll(async () => {
  harness = await createWechatHarness({ now: '2026-11-26T10:00:00+08:00' });
  harness.startWorkers();
});
afterAll(async () => harness.close());

describe('wechat: a follower who writes with emoji and typos', () => {
  const openid = 'oEmojiChatUser0000000000001';

  it('reads the product, the serial and the purchase date through the emoji', async () => {
    await harness.say(openid, '我的打印鸡🖨️又卡纸了😭😭😭');
    const [askedSerial] = await harness.received(openid, 1);
    expect(askedSerial).toContain('序列号');
    expect((await harness.caseOf(openid))?.slots).toMatchObject({ product: 'printer' });

    await harness.say(openid, 'SN是CN7Q88K21👍');
    const afterSerial = await harness.received(openid, 2);
    expect(afterSerial.at(-1)).toMatch(/购买|买的/);

    await harness.say(openid, '去年双十一买的🛒');
    await harness.received(openid, 3);
    const slots = (await harness.caseOf(openid))!.slots;
    expect(slots).toMatchObject({ product: 'printer', serial: 'CN7Q88K21' });
    expect(slots.purchase_date).toMatchObject({ date: '2025-11-11', precision: 'day' });
    expect(String(slots.symptom)).toContain('卡纸');
  });

  it('"有没有活人啊😤" hands the case over to a person with its reference', async () => {
    const before = harness.sentTo(openid).length;
    await harness.say(openid, '有没有活人啊😤');
    const replies = await harness.received(openid, before + 1);
    const kase = (await harness.caseOf(openid))!;
    expect(kase.status).toBe('escalated');
    expect(replies.slice(before).join('\n')).toContain(kase.ref);
  });
});
