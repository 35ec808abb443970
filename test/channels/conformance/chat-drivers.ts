/**
 * Conformance drivers for the two chat providers: the Bot Framework endpoint (real activities POSTed
 * to /api/messages, a local stand-in for the connector) and the built-in web chat (its HTTP API and
 * the conversation history the page shows).
 */
import { botFrameworkCapabilities } from '../../../channels/botframework/adapter.js';
import { webChatCapabilities } from '../../../channels/webchat/adapter.js';
import { defaultMedia } from '../../../src/port/medium.js';
import { waitFor } from '../../support/wait.js';
import { addressOf, messageActivity, newConversation } from '../botframework/support/activities.js';
import type { ReceivedActivity } from '../botframework/support/connector-stand-in.js';
import { createChatHarness } from '../botframework/support/harness.js';
import { webChatClient } from '../webchat/support/web-chat-client.js';
import type { ConformanceDriver, Received } from './driver.js';

const PREFIX = 'emulator:user-';
let ids = 0;
const newProviderId = () => `act-${Date.now().toString(36)}-${ids++}`;

/** An activity as the customer sees it: its text, and its suggested actions or a card's submit buttons. */
function shown({ activity }: ReceivedActivity): Received {
  const suggested = activity.suggestedActions?.actions.map((action) => action.title) ?? [];
  const submits = (activity.attachments ?? []).flatMap((attachment) =>
    ((attachment.content.actions as Array<{ type?: string; title?: string }> | undefined) ?? [])
      .filter((action) => action.type === 'Action.Submit' && action.title)
      .map((action) => action.title!),
  );
  return { text: activity.text ?? '', buttons: [...suggested, ...submits] };
}

export const botFrameworkDriver: ConformanceDriver = {
  name: 'chat (botframework)',
  channel: 'botframework',
  capabilities: botFrameworkCapabilities,
  medium: defaultMedia.chat,
  async open() {
    const harness = await createChatHarness();
    const adapter = harness.runtime.channels.find((channel) => channel.name === 'botframework')!;
    const conversationOf = (address: string) => address.slice(PREFIX.length);
    /** What the customer sees: messages, not typing indicators or the warranty card. */
    const texts = (address: string) =>
      harness.connector
        .to(conversationOf(address))
        .filter((r) => !r.activity.channelData?.card)
        .map(shown);
    return {
      runtime: harness.runtime,
      adapter,
      logs: harness.logs,
      newAddress: () => addressOf({ serviceUrl: harness.connector.url, conversation: newConversation() }),
      newProviderId,
      async inbound(from, text, providerId) {
        const activity = messageActivity(
          { serviceUrl: harness.connector.url, conversation: conversationOf(from) },
          text,
          {
            id: providerId,
          },
        );
        const answer = await harness.post('/api/messages', activity);
        if (answer.status !== 200) throw new Error(`/api/messages answered ${answer.status}`);
        return [];
      },
      async received(address, count) {
        return waitFor(
          () => (texts(address).length >= count ? texts(address) : undefined),
          10_000,
          `${count} message(s)`,
        );
      },
      failNextSend(address, kind) {
        // 429 is retried by the outbox; 403 (the bot was removed) is final for every later send too.
        if (kind === 'temporary') harness.connector.failNext(conversationOf(address), 429);
        else harness.connector.failNext(conversationOf(address), ...Array.from({ length: 20 }, () => 403));
      },
      async malformed() {
        return (await harness.post('/api/messages', { text: 'an activity without a type' })).status;
      },
      close: () => harness.close(),
    };
  },
};

/** Conversations are created by the server; a few are opened up front, one per new address. */
const POOL = 12;

export const webChatDriver: ConformanceDriver = {
  name: 'chat (webchat)',
  channel: 'webchat',
  capabilities: webChatCapabilities,
  medium: defaultMedia.chat,
  async open() {
    const harness = await createChatHarness({
      env: {
        WEBCHAT_RATE_PER_MINUTE: '1000',
        WEBCHAT_CONVERSATION_RATE_PER_MINUTE: '1000',
        WEBCHAT_CONVERSATIONS_PER_HOUR: '1000',
      },
    });
    const adapter = harness.runtime.channels.find((channel) => channel.name === 'webchat')!;
    const client = webChatClient(harness.url);
    const pool: Array<{ address: string; id: string }> = [];
    const byAddress = new Map<string, string>();
    for (let n = 0; n < POOL; n++) {
      const id = await client.start('zh-CN');
      // The customer's address is the web chat's own user id, kept with the conversation.
      const stored = await harness.runtime.redis.hget(
        `${harness.runtime.config.REDIS_KEY_PREFIX}:ch:webchat:log:{${id}}:meta`,
        'record',
      );
      const userId = (JSON.parse(stored ?? '{}') as { userId?: string }).userId;
      if (!userId) throw new Error(`conversation ${id} has no user id`);
      pool.push({ address: `webchat-local:${userId}`, id });
    }
    /** What the customer sees after writing: the greeting (before any message) is not a reply. */
    const replies = async (address: string) => {
      const entries = await client.history(byAddress.get(address)!);
      const first = entries.findIndex((e) => e.from === 'customer');
      return first < 0
        ? []
        : entries
            .slice(first)
            .filter((e) => e.from !== 'customer' && e.kind === 'message')
            .map((e) => ({ text: e.text ?? '', buttons: e.choices ?? [] }));
    };
    return {
      runtime: harness.runtime,
      adapter,
      logs: harness.logs,
      newAddress() {
        const next = pool.shift();
        if (!next) throw new Error('the web chat driver ran out of conversations: raise POOL');
        byAddress.set(next.address, next.id);
        return next.address;
      },
      newProviderId,
      async inbound(from, text, providerId) {
        const status = await client.send(byAddress.get(from)!, text, {
          clientId: providerId.replace(/[^A-Za-z0-9_-]/g, '-'),
        });
        if (status !== 202) throw new Error(`web chat answered ${status}`);
        return [];
      },
      async received(address, count) {
        return waitFor(
          async () => {
            const found = await replies(address);
            return found.length >= count ? found : undefined;
          },
          10_000,
          `${count} message(s)`,
        );
      },
      async malformed() {
        const id = pool[0]?.id ?? [...byAddress.values()][0]!;
        return (await client.post(`/chat/api/conversations/${id}/messages`, { text: 42 })).status;
      },
      close: () => harness.close(),
    };
  },
};
