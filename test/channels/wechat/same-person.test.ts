/**
 * One person, two WeChat entries: a follower of the Official Account who later writes through WeCom
 * customer service (or the other way round) is one customer when WeChat gives both ids the same
 * unionid — their second message lands on the case the first one opened. Without a unionid the two
 * stay apart, as any two addresses do until staff link them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { customerIdFor, identityOf } from '../../../src/conversation/keys.js';
import { waitFor } from '../../support/wait.js';
import { createWechatHarness, type WechatHarness } from './support/harness.js';
import { kfText, notifyKf, WECOM_ENV } from './support/wecom.js';

let harness: WechatHarness;
beforeAll(async () => {
  harness = await createWechatHarness({ env: WECOM_ENV });
  harness.startWorkers();
});
afterAll(async () => harness.close());

const customerOf = (address: string) => customerIdFor(identityOf('chat', address));
const linkOf = (address: string) =>
  harness.runtime.redis.get(`${harness.runtime.config.REDIS_KEY_PREFIX}:{c:${customerOf(address)}}:link`);

async function kfSays(external: string, text: string) {
  harness.standIn.kfMessages.push(kfText(harness, external, text));
  expect((await notifyKf(harness)).status).toBe(200);
}

describe('the same person on the Official Account and WeCom customer service', () => {
  it('links the second entry to the customer the unionid reached first', async () => {
    const openid = `oSame${Date.now().toString(36)}`;
    const external = `wmSame${Date.now().toString(36)}`;
    harness.standIn.unionids.set(openid, 'o6_bmasdasdsad6_2sgVt7hMZOPfL');
    harness.standIn.unionids.set(external, 'o6_bmasdasdsad6_2sgVt7hMZOPfL');
    await harness.say(openid, '我的打印机卡纸了');
    await harness.received(openid, 1);
    await kfSays(external, '序列号是 PF2XY987');
    await waitFor(async () => (await linkOf(`wecom:${external}`)) !== null, 8000, 'the link');
    expect(await linkOf(`wecom:${external}`)).toBe(customerOf(`wechat:${openid}`));
    await waitFor(
      async () => (await harness.transcriptOf(openid)).some((e) => e.text.includes('PF2XY987')),
      8000,
      'the WeCom message on the same customer',
    );
    const transcript = await harness.transcriptOf(openid);
    expect(transcript.some((e) => e.meta?.event === 'identity_linked')).toBe(true);
    // Asked once per address: later messages cost no look-up.
    await harness.say(openid, '还在吗');
    const lookups = harness.standIn.requests.filter((r) => r.query.openid === openid);
    expect(lookups.filter((r) => r.path === '/cgi-bin/user/info')).toHaveLength(1);
  });

  it('keeps two entries apart when WeChat gives no unionid', async () => {
    const openid = `oApart${Date.now().toString(36)}`;
    const external = `wmApart${Date.now().toString(36)}`;
    await harness.say(openid, '显示器黑屏');
    await kfSays(external, '显示器黑屏');
    await waitFor(
      () =>
        harness.standIn.requests.some(
          (r) =>
            r.path === '/cgi-bin/kf/customer/batchget' &&
            (r.body.external_userid_list as string[] | undefined)?.includes(external),
        ),
      8000,
      'the look-up',
    );
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await linkOf(`wecom:${external}`)).toBeNull();
    expect(await linkOf(`wechat:${openid}`)).toBeNull();
  });
});
