/**
 * The WeChat Official Account (公众号) channel: the 公众平台 posts messages and events to
 * `/webhooks/wechat`; replies go out through the outbox and the customer-service API, later notices as
 * template messages. Off, with one start-up line saying why, when no WECHAT_* setting is present.
 */
import {
  type ChannelAdapter,
  type ChannelCapabilities,
  type ChannelContext,
  defineChannel,
} from '../../src/port/channel.js';
import type { MediumProfile } from '../../src/port/medium.js';
import { createWechatApi, type WechatApi } from './api.js';
import type { WechatLine } from './line.js';
import { createWechatSender } from './sender.js';
import { wechatSetup } from './settings.js';
import { stableToken } from './token.js';
import { WECHAT_PATH, wechatRoutes } from './webhook.js';

/**
 * One question at a time, choices as a menu the customer taps; a turn's replies go out as one message
 * (its parts in order) so they cannot overtake each other.
 */
export const WECHAT_MEDIUM: MediumProfile = {
  questions: 'one',
  choices: 'buttons',
  messagesPerTurn: 'one',
  separator: '\n\n',
  maxLength: 600,
};

/**
 * MsgIds; unfollowing opts out, following again opts back in; the API refuses for a while (-1 busy,
 * 45011) or for good (not a follower, the 48-hour window closed). Replies in a conversation get no
 * delivery report (only template notices do, through templatesendjobfinish), so none is declared.
 */
export const wechatCapabilities: ChannelCapabilities = {
  providerMessageIds: true,
  optOut: true,
  sendFailures: ['temporary', 'permanent'],
  deliveryReports: [],
  inbound: 'http',
};

export const WECHAT_TEXTS = [
  'welcome',
  'scan_repair',
  'voice_type_please',
  'unsupported',
  'menu_repair',
  'menu_status',
  'menu_human',
] as const;

export const wechatChannel = defineChannel({
  name: 'wechat',
  settings: wechatSetup,
  create(setup): ChannelAdapter {
    const identity = {
      name: 'wechat',
      provider: 'wechat',
      kind: 'chat' as const,
      medium: WECHAT_MEDIUM,
      capabilities: wechatCapabilities,
    };
    if (!setup.on)
      return {
        ...identity,
        status: `wechat: off (${setup.reason})`,
        start: async () => {},
        stop: async () => {},
      };
    const { settings } = setup;
    let context: ChannelContext | null = null;
    const started = (): ChannelContext => {
      if (!context) throw new Error('the wechat channel is not started');
      return context;
    };
    const api: WechatApi = createWechatApi({
      baseUrl: settings.apiBaseUrl,
      store: () => started().store,
      now: () => started().clock.now(),
      fetchToken: (raw, force) => stableToken(raw, settings, force),
    });
    const line = (): WechatLine => ({ context: started(), api, settings });
    const mode = settings.aesKey ? 'safe or compatible mode' : 'plaintext mode';
    const templates = Object.keys(settings.templates).length;
    const via = settings.apiBaseUrl.includes('api.weixin.qq.com') ? '' : `, API at ${settings.apiBaseUrl}`;
    return {
      ...identity,
      status: `wechat: on (app ${settings.appId}, ${mode}, webhook ${WECHAT_PATH}, ${templates} notice template(s)${via})`,
      texts: WECHAT_TEXTS,
      async start(given) {
        context = given;
      },
      async stop() {},
      routes: wechatRoutes(() => (context ? line() : null), settings),
      sender: createWechatSender(line),
      async ready() {
        await api.token();
      },
    };
  },
});
