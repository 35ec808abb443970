/**
 * The Bot Framework channel: Azure Bot Service (Teams, Web Chat, Slack… through Azure) and the Bot
 * Framework Emulator post activities to `/api/messages`; replies go out through the outbox as proactive
 * messages. One folder, so the SDK (botbuilder, now retired in favour of the Microsoft 365 Agents SDK)
 * can be swapped without touching anything else.
 */
import { CloudAdapter, ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import {
  type ChannelAdapter,
  type ChannelCapabilities,
  type ChannelContext,
  defineChannel,
} from '../../src/port/channel.js';
import { defaultMedia } from '../../src/port/medium.js';
import { MESSAGES_PATH, messagesRoute } from './messages-route.js';
import { createProactiveSender } from './proactive-sender.js';
import { serviceUrlRefusal } from './service-url-guard.js';
import { botFrameworkSetup } from './settings.js';
import { SupportBot } from './support-bot.js';

export const BOTFRAMEWORK_TEXTS = ['greeting'] as const;

/**
 * Activity ids from the channel; the connector refuses a send for a while (429, retried) or for good
 * (403: the bot was removed). Channels report no delivery states and have no opt-out words.
 */
export const botFrameworkCapabilities: ChannelCapabilities = {
  providerMessageIds: true,
  optOut: false,
  sendFailures: ['temporary', 'permanent'],
  deliveryReports: [],
  inbound: 'http',
};

export const botFrameworkChannel = defineChannel({
  name: 'botframework',
  settings: botFrameworkSetup,
  create(setup): ChannelAdapter {
    const identity = {
      name: 'botframework',
      provider: 'botframework',
      kind: 'chat' as const,
      medium: defaultMedia.chat,
      capabilities: botFrameworkCapabilities,
    };
    if (!setup.on)
      return {
        ...identity,
        status: `botframework: off (${setup.reason})`,
        start: async () => {},
        stop: async () => {},
      };
    const { settings } = setup;
    const adapter = new CloudAdapter(
      new ConfigurationBotFrameworkAuthentication({
        MicrosoftAppId: settings.appId ?? '',
        MicrosoftAppPassword: settings.appPassword ?? '',
        MicrosoftAppType: settings.appType ?? (settings.appId ? 'MultiTenant' : ''),
        MicrosoftAppTenantId: settings.tenantId ?? '',
      }),
    );
    let started: ChannelContext | null = null;
    const context = () => {
      if (!started) throw new Error('the botframework channel is not started');
      return started;
    };
    const bot = new SupportBot({ channel: 'botframework', context });
    const mode = settings.appId
      ? `app ${settings.appId}, ${settings.appType ?? 'MultiTenant'}, tokens checked`
      : `local mode: no MicrosoftAppId, only loopback${settings.allowedServiceOrigins.length ? ' and allow-listed' : ''} serviceUrls`;
    return {
      ...identity,
      status: `botframework: on (${MESSAGES_PATH}, ${mode})`,
      texts: BOTFRAMEWORK_TEXTS,
      async start(given) {
        started = given;
      },
      async stop() {},
      routes: messagesRoute({ adapter, settings, context, run: (turn) => bot.run(turn) }),
      sender: createProactiveSender({
        provider: 'botframework',
        adapter,
        appId: settings.appId ?? '',
        ...(settings.appId
          ? {}
          : {
              refuse: (reference) => serviceUrlRefusal(reference.serviceUrl, settings.allowedServiceOrigins),
            }),
      }),
    };
  },
});
