/**
 * 扫码报修, as a Chinese customer lives it (no browser): follow the account by scanning the QR code on
 * the device's label, report the fault in two messages without typing the serial, ask for a person and
 * get the case reference; WeChat's retries are answered once, a forged message never; staff reply from
 * the console's API and the customer reads it in WeChat.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sceneOf } from '../../../channels/wechat/scene.js';
import { createWechatHarness, type WechatHarness } from './support/harness.js';

let harness: WechatHarness;
beforeAll(async () => {
  harness = await createWechatHarness();
  harness.startWorkers();
});
afterAll(async () => harness.close());

describe('wechat: 扫码报修', () => {
  const openid = 'oyORnuP8q7ou2gfYjqLzSIWZf0rs';
  const scene = sceneOf({ serial: 'CNB7REC123', product: 'printer', accepted: '2025-10-15' });

  it('a scan of the device label on following welcomes the customer and asks only for the fault', async () => {
    const followed = await harness.event(openid, 'subscribe', `qrscene_${scene}`, { mode: 'safe' });
    expect(followed.status).toBe(200);
    expect(followed.reply?.MsgType).toBe('text');
    expect(followed.reply?.Content).toContain('欢迎关注');
    expect(followed.reply?.ToUserName).toBe(openid);
    const [asked] = await harness.received(openid, 1);
    expect(asked).toContain('故障现象');
    expect(asked).not.toMatch(/序列号|哪类产品|什么时候购买/);
    const kase = await harness.caseOf(openid);
    expect(kase?.slots).toMatchObject({ serial: 'CNB7REC123', product: 'printer' });
    expect(kase?.slots.purchase_date).toMatchObject({ date: '2025-10-15' });
  });

  it('the fault in two messages; a retried delivery is answered once; a forged one never', async () => {
    const msgId = '6054768590064713729';
    const first = await harness.say(openid, '打印机一直卡纸，打印不出来', msgId);
    const retry = await harness.say(openid, '打印机一直卡纸，打印不出来', msgId);
    expect([first.body, retry.body]).toEqual(['success', 'success']);
    const afterFault = await harness.received(openid, 2);
    const forged = await harness.say(openid, '转人工', undefined, { signature: 'wrong' });
    expect(forged.status).toBe(403);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(harness.sentTo(openid)).toHaveLength(2);
    const inbound = (await harness.transcriptOf(openid)).filter((entry) => entry.kind === 'in');
    expect(inbound.map((entry) => entry.text)).toEqual([
      '扫码报修，设备序列号 CNB7REC123',
      '打印机一直卡纸，打印不出来',
    ]);
    // The printer question has choices: a menu the customer taps.
    const menu = harness.sentTo(openid).at(-1)!.body as {
      msgtype: string;
      msgmenu?: { list: Array<{ content: string }> };
    };
    expect(afterFault.at(-1)).toContain('摔落');
    expect(menu.msgtype).toBe('msgmenu');
    await harness.say(openid, '没有');
    const replies = await harness.received(openid, 3);
    expect(replies.at(-1)).toMatch(/保修|维修|工程师/);
  });

  it('asking for a person gives the case reference, and a staff reply from the console reaches WeChat', async () => {
    const before = harness.sentTo(openid).length;
    await harness.say(openid, '转人工');
    const replies = await harness.received(openid, before + 1);
    const kase = (await harness.caseOf(openid))!;
    expect(replies.slice(before).join('\n')).toContain(kase.ref);
    expect(kase.status).toBe('escalated');

    const amy = { name: 'amy', role: 'agent' as const };
    let claimed = await harness.runtime.claimer.next(kase.team ?? 'support', amy);
    while (claimed && claimed.ref !== kase.ref)
      claimed = await harness.runtime.claimer.next(kase.team ?? 'support', amy);
    expect(claimed?.ref).toBe(kase.ref);
    await harness.runtime.desk.command(
      kase.customerId,
      'staff.reply',
      { staff: amy, text: '您好，工程师明天上午联系您。', messageId: 'staff-wechat-1' },
      { caseRef: kase.ref },
    );
    const all = await harness.received(openid, before + 2);
    expect(all.at(-1)).toBe('您好，工程师明天上午联系您。');
  });
});
