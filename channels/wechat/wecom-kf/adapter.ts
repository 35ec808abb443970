/**
 * WeCom customer service (微信客服): customers chat from any WeChat entry (a web page, a mini program, a
 * QR code) without following an account. Callbacks at `/webhooks/wecom-kf`, messages pulled with
 * sync_msg, replies with send_msg; staff answer from our console. Lives beside the Official Account
 * channel because both use WeChat's callback encryption and API client.
 */
import {
  type ChannelAdapter,
  type ChannelCapabilities,
  type ChannelContext,
  defineChannel,
} from '../../../src/port/channel.js';
import { WECHAT_MEDIUM } from '../adapter.js';
import { createWechatApi, type TokenAnswer } from '../api.js';
import { WECOM_KF_PATH, wecomRoutes } from './callback.js';
import type { KfLine } from './line.js';
import { createKfSender } from './sender.js';
import { wecomSetup } from './settings.js';
import { syncAccount } from './sync.js';

/**
 * Message ids; no opt-out words (a customer simply leaves the chat); send_msg refuses for a while (-1)
 * or for good (the 48-hour window, five messages in a row, a servicer's chat); msg_send_fail reports a
 * message WeCom could not deliver.
 */
export const wecomKfCapabilities: ChannelCapabilities = {
  providerMessageIds: true,
  optOut: false,
  sendFailures: ['temporary', 'permanent'],
  deliveryReports: ['failed'],
  inbound: 'http',
};

export const wecomKfChannel = defineChannel({
  name: 'wecom-kf',
  settings: wecomSetup,
  create(setup): ChannelAdapter {
    const identity = {
      name: 'wecom-kf',
      provider: 'wecom-kf',
      kind: 'chat' as const,
      medium: WECHAT_MEDIUM,
      capabilities: wecomKfCapabilities,
    };
    if (!setup.on)
      return {
        ...identity,
        status: `wecom-kf: off (${setup.reason})`,
        start: async () => {},
        stop: async () => {},
      };
    const { settings } = setup;
    let context: ChannelContext | null = null;
    const started = () => {
      if (!context) throw new Error('the wecom-kf channel is not started');
      return context;
    };
    const api = createWechatApi({
      baseUrl: settings.apiBaseUrl,
      store: () => started().store,
      now: () => started().clock.now(),
      fetchToken: async (raw) =>
        (await raw.request('GET', '/cgi-bin/gettoken', {
          corpid: settings.corpId,
          corpsecret: settings.secret,
        })) as TokenAnswer,
    });
    const line = (): KfLine => ({ context: started(), api, settings });
    const pulls = new Set<Promise<void>>();
    return {
      ...identity,
      status: `wecom-kf: on (corp ${settings.corpId}, callback ${WECOM_KF_PATH}${settings.apiBaseUrl.includes('qyapi.weixin.qq.com') ? '' : `, API at ${settings.apiBaseUrl}`})`,
      texts: ['welcome', 'scan_repair'],
      async start(given) {
        context = given;
        // Catch up on what arrived while no process was running.
        const accounts = (await given.store.get<string[]>('accounts')) ?? [];
        for (const account of accounts) {
          const pull = syncAccount(line(), account).catch((error: unknown) =>
            given.logger.warn({ channel: 'wecom-kf', err: error }, 'wecom-kf catch-up pull failed'),
          );
          pulls.add(pull);
          void pull.finally(() => pulls.delete(pull));
        }
      },
      async stop() {
        await Promise.all([...pulls]);
      },
      routes: wecomRoutes(() => (context ? line() : null), settings, pulls),
      sender: createKfSender(line),
      async ready() {
        await api.token();
      },
    };
  },
});
