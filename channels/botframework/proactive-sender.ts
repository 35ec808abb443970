/**
 * Delivers outbox messages to a Bot Framework conversation: bot replies, staff replies, deadline
 * updates and follow-ups alike continue the conversation from the ConversationReference stored with
 * the customer (`replyContext.reference`). CloudAdapter runs the send inside its own turn and hands
 * errors to onTurnError rather than to us, so the send's error is caught inside and rethrown here.
 */
import type { Activity, ConversationReference, TurnContext } from 'botbuilder';
import { type ChannelSender, SendError, type SendResult } from '../../src/port/channel.js';
import type { OutboundMessage } from '../../src/port/messages.js';
import { activityOf } from './cards.js';
import { sendErrorOf } from './send-errors.js';

export interface Continuer {
  continueConversationAsync(
    botAppId: string,
    reference: Partial<ConversationReference>,
    logic: (turn: TurnContext) => Promise<void>,
  ): Promise<void>;
}

export function referenceIn(message: OutboundMessage): Partial<ConversationReference> | null {
  const reference = message.replyContext?.reference as Partial<ConversationReference> | undefined;
  return reference && typeof reference === 'object' && reference.conversation?.id ? reference : null;
}

export function createProactiveSender(options: {
  provider: string;
  adapter: Continuer;
  /** The bot's app id ('' in local mode: botbuilder needs a string). */
  appId: string;
  /** Extra checks before a send (the local mode's serviceUrl guard); returns why not, or null. */
  refuse?(reference: Partial<ConversationReference>): string | null;
  render?(message: OutboundMessage): Partial<Activity>;
}): ChannelSender {
  const render = options.render ?? activityOf;
  return {
    kind: 'chat',
    provider: options.provider,
    async send(message: OutboundMessage): Promise<SendResult> {
      const reference = referenceIn(message);
      if (!reference)
        throw new SendError(
          `${options.provider}: no conversation reference to reply to`,
          true,
          'no_reference',
        );
      const refusal = options.refuse?.(reference);
      if (refusal) throw new SendError(`${options.provider}: ${refusal}`, true, 'service_url');
      let failure: unknown = null;
      let providerId: string | undefined;
      try {
        await options.adapter.continueConversationAsync(options.appId, reference, async (turn) => {
          try {
            providerId = (await turn.sendActivity(render(message)))?.id;
          } catch (error) {
            failure = error;
          }
        });
      } catch (error) {
        failure = error;
      }
      if (failure) throw sendErrorOf(failure, options.provider);
      return { providerId: providerId || message.id };
    },
  };
}
