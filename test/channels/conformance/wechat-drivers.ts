/**
 * Conformance drivers for the WeChat Official Account (signed webhooks, the customer-service API's
 * stand-in) and WeCom customer service (encrypted callbacks, sync_msg and send_msg on the stand-in).
 */
import { WECHAT_MEDIUM, wechatCapabilities } from '../../../channels/wechat/adapter.js';
import { wecomKfCapabilities } from '../../../channels/wechat/wecom-kf/adapter.js';
import { customerIdFor, identityOf } from '../../../src/conversation/keys.js';
import { waitFor } from '../../support/wait.js';
import { createWechatHarness, newMsgId, type WechatHarness } from '../wechat/support/harness.js';
import type { KfMessage, WechatRequest } from '../wechat/support/wechat-stand-in.js';
import { KFID, kfText, notifyKf, WECOM_ENV } from '../wechat/support/wecom.js';
import type { ConformanceDriver, ConformanceSession, Received } from './driver.js';

let users = 0;
const fresh = () => `${Date.now().toString(36)}${users++}`;

/**
 * One customer-service message as the customer sees it: a text, or a menu's head and the choices to
 * tap (the Official Account lists `{content}`, WeCom `{type: 'click', click: {content}}`).
 */
function seen(request: WechatRequest): Received {
  const body = request.body as {
    text?: { content: string };
    msgmenu?: { head_content: string; list: Array<{ content?: string; click?: { content: string } }> };
  };
  if (!body.msgmenu) return { text: body.text?.content ?? '', buttons: [] };
  const buttons = body.msgmenu.list.map((item) => item.content ?? item.click?.content ?? '');
  return { text: body.msgmenu.head_content, buttons };
}

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
  channel: 'wechat',
  capabilities: wechatCapabilities,
  medium: WECHAT_MEDIUM,
  async open() {
    const harness = await createWechatHarness();
    harness.startWorkers();
    const openid = (address: string) => address.slice('wechat:'.length);
    const sent = (address: string) =>
      harness.standIn
        .delivered()
        .filter((r) => r.path === '/cgi-bin/message/custom/send' && r.body.touser === openid(address));
    return {
      ...common(harness, 'wechat'),
      newAddress: () => `wechat:o${fresh()}`,
      newProviderId: newMsgId,
      async inbound(from, text, providerId) {
        const answer = await harness.say(openid(from), text, providerId);
        if (answer.status !== 200) throw new Error(`/webhooks/wechat answered ${answer.status}`);
        return [];
      },
      async received(address, count) {
        await waitFor(
          () => sent(address).length >= count,
          10_000,
          `${count} message(s) to ${openid(address)}`,
        );
        return sent(address).map(seen);
      },
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
  channel: 'wecom-kf',
  capabilities: wecomKfCapabilities,
  medium: WECHAT_MEDIUM,
  async open() {
    const harness = await createWechatHarness({ env: WECOM_ENV });
    harness.startWorkers();
    const external = (address: string) => address.slice('wecom:'.length);
    const sent = (address: string) =>
      harness.standIn
        .delivered()
        .filter((r) => r.path === '/cgi-bin/kf/send_msg' && r.body.touser === external(address));
    const settled = async (address: string) => {
      const slot = `${harness.runtime.config.REDIS_KEY_PREFIX}:{c:${customerIdFor(identityOf('chat', address))}}:`;
      await waitFor(
        async () => (await harness.runtime.redis.exists(`${slot}inbox`, `${slot}lock`)) === 0,
        10_000,
        'the turn',
      );
    };
    /** WeCom's callback says there is something to pull; the pull and the turn it starts are awaited. */
    const pulled = async (message: KfMessage, address: string) => {
      const before = harness.standIn.requests.filter((r) => r.path === '/cgi-bin/kf/sync_msg').length;
      harness.standIn.kfMessages.push(message);
      const answer = await notifyKf(harness);
      if (answer.status !== 200) throw new Error(`/webhooks/wecom-kf answered ${answer.status}`);
      // The callback is answered before the pull: wait for it and for the turn.
      await waitFor(
        () => harness.standIn.requests.filter((r) => r.path === '/cgi-bin/kf/sync_msg').length > before,
        10_000,
        'the pull',
      );
      await new Promise((resolve) => setTimeout(resolve, 50));
      await settled(address);
    };
    return {
      ...common(harness, 'wecom-kf'),
      newAddress: () => `wecom:wm${fresh()}`,
      newProviderId: () => `kfmsg${fresh()}`,
      async inbound(from, text, providerId) {
        await pulled(kfText(harness, external(from), text, providerId), from);
        return [];
      },
      async received(address, count) {
        await waitFor(() => sent(address).length >= count, 10_000, `${count} message(s) on ${KFID}`);
        return sent(address).map(seen);
      },
      async reportDelivery(address, providerId, state) {
        if (state !== 'failed') throw new Error('WeCom reports only messages it could not deliver');
        const failed = {
          ...kfText(harness, external(address), '', `kfevent${fresh()}`),
          origin: 4,
          msgtype: 'event',
          event: { event_type: 'msg_send_fail', external_userid: external(address), fail_msgid: providerId },
        };
        delete (failed as { text?: unknown }).text;
        await pulled(failed, address);
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
