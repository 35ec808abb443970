/**
 * Delivers outbox messages (bot replies, staff replies, deadline updates, follow-ups) to a web chat
 * conversation: the stored ConversationReference is continued through the web chat's BotAdapter, and
 * what the bot sends lands in the conversation's history and live stream.
 */
import type { ConversationReference, TurnContext } from 'botbuilder';
import { type ChannelSender, SendError } from '../../src/port/channel.js';
import type { OutboundMessage } from '../../src/port/messages.js';
import { activityOfMessage } from './entries.js';
import type { WebChatAdapter } from './webchat-adapter.js';

export function createWebChatSender(adapter: WebChatAdapter): ChannelSender {
  return {
    kind: 'chat',
    provider: 'webchat',
    async send(message: OutboundMessage) {
      const reference = message.replyContext?.reference as Partial<ConversationReference> | undefined;
      if (!reference?.conversation?.id)
        throw new SendError('webchat: no conversation to write to', true, 'no_reference');
      let providerId = '';
      await adapter.continueConversationAsync('', reference, async (turn: TurnContext) => {
        providerId = (await turn.sendActivity(activityOfMessage(message)))?.id ?? '';
      });
      // An expired conversation (its browser gone for good) cannot take the message.
      if (!providerId)
        throw new SendError('webchat: the conversation no longer exists', true, 'conversation_gone');
      return { providerId };
    },
  };
}
