/**
 * The built-in web chat: the zero-setup way in. `GET /chat` serves the page; the browser talks to the
 * app over HTTP and server-sent events; the bot is the same ActivityHandler as the Bot Framework
 * endpoint's, run through a BotAdapter of our own (webchat-adapter.ts). Replies, staff replies and
 * updates arrive through the outbox and are written to the conversation's history, which the page's
 * event stream shows live and replays after a reload.
 */
import type { ServerResponse } from 'node:http';
import type { TurnContext } from 'botbuilder';
import {
  type ChannelAdapter,
  type ChannelCapabilities,
  type ChannelContext,
  defineChannel,
  type RegisteredChannel,
} from '../../src/port/channel.js';
import { defaultMedia } from '../../src/port/medium.js';
import type { InboundResult } from '../../src/port/messages.js';
import { createWebChatSender } from './chat-sender.js';
import { entryOf } from './entries.js';
import { ChatHistory } from './history.js';
import { ChatHub } from './hub.js';
import { CHAT_PATH, webChatRoutes } from './routes.js';
import { webChatSetup } from './settings.js';
import { WebChatAdapter } from './webchat-adapter.js';

/** What the web chat needs of the shared bot (channels/botframework/support-bot.ts), given by the registry. */
export interface ChatBotOptions {
  channel: string;
  context(): ChannelContext;
  afterTurn?(turn: TurnContext, result: InboundResult): Promise<void>;
}
export type ChatBotFactory = (options: ChatBotOptions) => { run(turn: TurnContext): Promise<void> };

const HISTORY_ENTRIES = 300;

/**
 * The page gives each message an id (a retried send is recognised); replies are written to our own
 * store, so no provider refuses a send or reports its delivery, and there are no opt-out words.
 */
export const webChatCapabilities: ChannelCapabilities = {
  providerMessageIds: true,
  optOut: false,
  sendFailures: [],
  deliveryReports: [],
  inbound: 'http',
};

export function webChatChannel(createBot: ChatBotFactory): RegisteredChannel {
  return defineChannel({
    name: 'webchat',
    settings: webChatSetup,
    create(setup): ChannelAdapter {
      const identity = {
        name: 'webchat',
        provider: 'webchat',
        kind: 'chat' as const,
        medium: defaultMedia.chat,
        capabilities: webChatCapabilities,
      };
      if (!setup.on)
        return {
          ...identity,
          status: `webchat: off (${setup.reason})`,
          start: async () => {},
          stop: async () => {},
        };
      const { settings } = setup;
      let started: ChannelContext | null = null;
      const context = () => {
        if (!started) throw new Error('the webchat channel is not started');
        return started;
      };
      const hub = new ChatHub();
      const open = new Set<ServerResponse>();
      const history = new ChatHistory({
        logs: () => context().logs,
        store: () => context().store,
        keep: HISTORY_ENTRIES,
        ttlSeconds: settings.keepDays * 86_400,
      });
      const adapter = new WebChatAdapter(async (conversationId, activity) => {
        if (activity.type === 'typing') {
          hub.wake(conversationId, { typing: true });
          return '';
        }
        const entry = entryOf(activity, context().clock.now());
        // An outbox message the outbox sends again (its process died after writing) is written once.
        const messageId = (activity.channelData as { messageId?: unknown } | undefined)?.messageId;
        const once = typeof messageId === 'string' ? `out:${messageId}` : undefined;
        const written = entry ? await history.append(conversationId, entry, once) : null;
        if (written && !written.duplicate) hub.wake(conversationId);
        return written ? `wc-${written.seq}` : '';
      });
      const bot = createBot({
        channel: 'webchat',
        context,
        // The page's case bar: the reference, and the promised deadline when there is one.
        async afterTurn(turn, result) {
          const conversation = turn.activity.conversation?.id;
          if (!conversation || !result.case) return;
          const { ref, status, deadline } = result.case;
          const written = await history.append(conversation, {
            at: context().clock.now().toISOString(),
            from: 'bot',
            kind: 'case',
            case: { ref, status, deadline },
          });
          if (written) hub.wake(conversation);
        },
      });
      const run = (turn: TurnContext) => bot.run(turn);
      return {
        ...identity,
        status: `webchat: on (open ${settings.url} in a browser)`,
        texts: ['greeting'],
        async start(given) {
          started = given;
        },
        async stop() {
          for (const stream of open) stream.end();
          open.clear();
          hub.clear();
        },
        routes: webChatRoutes({ settings, history, hub, adapter, run, context }, open),
        sender: createWebChatSender(adapter),
      };
    },
  });
}

export { CHAT_PATH };
