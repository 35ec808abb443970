/**
 * Conformance drivers for the WeChat Official Account (signed webhooks, the customer-service API's
 * stand-in) and WeCom customer service (encrypted callbacks, sync_msg and send_msg on the stand-in).
 */
import { waitFor } from '../../support/wait.js';
import { createWechatHarness, shown, type WechatHarness } from '../wechat/support/harness.js';
import { KFID, kfText, notifyKf, WECOM_ENV } from '../wechat/support/wecom.js';
import type { ConformanceDriver, ConformanceSession } from './driver.js';

let users = 0;
const fresh = () => `${Date.now().toString(36)}${users++}`;

function common(
  harness: WechatHarness,
  name: string,
): Pick<ConformanceSession, 'runtime' | 'adapter' | 'logs' | 'close'> {
  return {
    runtime: harness.runtime,
    adapter: harness.runtime.channels.find((channel) => channel.name === name)!,
    logs: harness.logs,
    close: () => harness.close(),
  };
}

export const wechatDriver: ConformanceDriver = {
  name: 'chat (wechat)',
  providerIds: true,
  async open() {
    const harness = await createWechatHarness();
    harness.startWorkers();
    const openid = (address: string) => address.slice('wechat:'.length);
    return {
      ...common(harness, 'wechat'),
      newAddress: () => `wechat:o${fresh()}`,
      async inbound(from, text, providerId) {
        const answer = await harness.say(openid(from), text, providerId);
        if (answer.status !== 200) throw new Error(`/webhooks/wechat answered ${answer.status}`);
        return [];
      },
      received: (address, count) => harness.received(openid(address), count, 10_000),
      failNextSend(address, kind) {
        // -1: system busy, tried again; 40003: not a follower's openid, final.
        harness.standIn.failNext(openid(address), kind === 'temporary' ? -1 : 40003);
      },
      async optOut(address) {
        await harness.event(openid(address), 'unsubscribe');
      },
      async malformed() {
        return (await harness.post({ FromUserName: 'o-malformed' }, { raw: '<xml><MsgType>text</xml>' }))
          .status;
      },
    };
  },
};

export const wecomKfDriver: ConformanceDriver = {
  name: 'chat (wecom-kf)',
  providerIds: true,
  async open() {
    const harness = await createWechatHarness({ env: WECOM_ENV });
    harness.startWorkers();
    const external = (address: string) => address.slice('wecom:'.length);
    const sent = (address: string) =>
      harness.standIn
        .delivered()
        .filter((r) => r.path === '/cgi-bin/kf/send_msg' && r.body.touser === external(address));
    const { customerIdFor, identityOf } = await import('../../../src/conversation/keys.js');
    const settled = async (address: string) => {
      const slot = `${harness.runtime.config.REDIS_KEY_PREFIX}:{c:${customerIdFor(identityOf('chat', address))}}:`;
      await waitFor(
        async () => (await harness.runtime.redis.exists(`${slot}inbox`, `${slot}lock`)) === 0,
        10_000,
        'the turn',
      );
    };
    return {
      ...common(harness, 'wecom-kf'),
      newAddress: () => `wecom:wm${fresh()}`,
      async inbound(from, text, providerId) {
        const before = harness.standIn.requests.filter((r) => r.path === '/cgi-bin/kf/sync_msg').length;
        harness.standIn.kfMessages.push(kfText(harness, external(from), text, providerId));
        const answer = await notifyKf(harness);
        if (answer.status !== 200) throw new Error(`/webhooks/wecom-kf answered ${answer.status}`);
        // The callback is answered before the pull: wait for it and for the turn.
        await waitFor(
          () => harness.standIn.requests.filter((r) => r.path === '/cgi-bin/kf/sync_msg').length > before,
          10_000,
          'the pull',
        );
        await new Promise((resolve) => setTimeout(resolve, 50));
        await settled(from);
        return [];
      },
      async received(address, count) {
        await waitFor(() => sent(address).length >= count, 10_000, `${count} message(s) on ${KFID}`);
        return sent(address).map(shown);
      },
      failNextSend(address, kind) {
        harness.standIn.failNext(external(address), kind === 'temporary' ? -1 : 95001);
      },
      async malformed() {
        return (await notifyKf(harness, { raw: '<xml><Encrypt>' })).status;
      },
    };
  },
};
