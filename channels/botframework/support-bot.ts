/**
 * The one bot behind both chat providers: a botbuilder ActivityHandler that hands each customer message
 * to the desk and greets a new conversation once. The Bot Framework endpoint runs it through
 * CloudAdapter; the built-in web chat runs the same class through its own BotAdapter. Replies do not
 * go back in the turn: the desk puts them in the outbox, whose sender continues the conversation with
 * the ConversationReference kept in the message's replyContext (so staff replies and deadline updates
 * reach it the same way, later).
 */
import { createHash, randomUUID } from 'node:crypto';
import {
  type Activity,
  ActivityHandler,
  ActivityTypes,
  TurnContext as Turn,
  type TurnContext,
} from 'botbuilder';
import { logId } from '../../src/logger.js';
import type { ChannelContext } from '../../src/port/channel.js';
import type { InboundResult, Lang } from '../../src/port/messages.js';
import { imageAttachmentsOf } from './attachments.js';
import { localeOf, warrantyCard } from './cards.js';
import { customerTextOf, withoutMentions } from './customer-text.js';

const GREETED_TTL_SECONDS = 90 * 24 * 3600;

export interface SupportBotOptions {
  /** The adapter's name (keys its texts and logs). */
  channel: string;
  /** The started channel's context (read at each turn: the adapter may be restarted). */
  context(): ChannelContext;
  /** After each customer message: what the provider shows beyond the replies (the web chat's case bar). */
  afterTurn?(turn: TurnContext, result: InboundResult): Promise<void>;
}

/** The customer's language from the client's locale (`zh-CN`, `en-US`); Chinese unless clearly not. */
export function langOfLocale(locale: string | undefined): Lang {
  if (!locale) return 'zh';
  return /^zh\b/i.test(locale) ? 'zh' : 'en';
}

/** The customer's address on the chat medium: unique per provider channel (Teams, Emulator, web chat). */
export function addressOf(activity: Partial<Activity>): string {
  return `${activity.channelId ?? 'unknown'}:${activity.from?.id ?? ''}`;
}

/**
 * Activity ids are unique only within a conversation: the dedupe key combines both. An activity
 * without an id cannot be recognised when delivered again, so it gets one of its own.
 */
export function providerIdOf(activity: Partial<Activity>): string {
  const raw = `${activity.channelId}|${activity.conversation?.id}|${activity.id || randomUUID()}`;
  return `bf-${createHash('sha256').update(raw).digest('hex').slice(0, 32)}`;
}

/** The conversation reference as JSON: it is stored with the customer and used for every later send. */
export function referenceOf(activity: Partial<Activity>): Record<string, unknown> {
  return JSON.parse(JSON.stringify(Turn.getConversationReference(activity))) as Record<string, unknown>;
}

export class SupportBot extends ActivityHandler {
  constructor(private readonly options: SupportBotOptions) {
    super();
    this.onMessage(async (turn, next) => {
      await this.message(turn);
      await next();
    });
    this.onMembersAdded(async (turn, next) => {
      await this.greet(turn);
      await next();
    });
  }

  private async message(turn: TurnContext): Promise<void> {
    const context = this.options.context();
    const { activity } = turn;
    const text = withoutMentions(customerTextOf(activity));
    const attachments = imageAttachmentsOf(activity);
    const log = context.logger.child({
      channel: this.options.channel,
      // A web chat's conversation id is what lets a browser read it: the logs get a short hash.
      ...(activity.conversation?.id ? { conversation: logId(activity.conversation.id) } : {}),
    });
    if (!text && attachments.length === 0) {
      log.debug({ activity: activity.id }, 'chat message without text or picture: ignored');
      return;
    }
    // Shown while the desk works; the replies themselves come through the outbox. Only a courtesy:
    // a channel that refuses it must not cost the customer's message.
    await turn
      .sendActivity({ type: ActivityTypes.Typing })
      .catch((error: unknown) => log.debug({ err: error }, 'typing indicator not delivered'));
    const result = await context.receive({
      channel: 'chat',
      providerMessageId: providerIdOf(activity),
      from: addressOf(activity),
      ...(activity.recipient?.id ? { to: activity.recipient.id } : {}),
      text,
      ...(attachments.length > 0 ? { attachments } : {}),
      receivedAt: context.clock.now(),
      ...(activity.conversation?.id ? { threadHint: activity.conversation.id } : {}),
      replyContext: { reference: referenceOf(activity) },
    });
    log.info(
      {
        caseRef: result.case?.ref,
        duplicate: result.duplicate,
        replies: result.replies.length,
        attachments: attachments.length,
      },
      result.duplicate ? 'chat message already received: nothing sent again' : 'chat message received',
    );
    if (result.duplicate) return;
    const kase = result.case;
    if (kase?.warranty && (await context.store.claim(`warranty-card:${kase.ref}`, 1, GREETED_TTL_SECONDS))) {
      const card = warrantyCard(kase, result.session.lang);
      // The decision is also in the replies' text: a card the channel refuses is logged, not retried.
      if (card)
        await turn
          .sendActivity(card)
          .catch((error: unknown) =>
            log.warn({ err: error, caseRef: kase.ref }, 'warranty card not delivered'),
          );
    }
    await this.options.afterTurn?.(turn, result);
  }

  /** Greets once per conversation, when a customer (not the bot itself) joins it. */
  private async greet(turn: TurnContext): Promise<void> {
    const { activity } = turn;
    const joined = (activity.membersAdded ?? []).filter((member) => member.id !== activity.recipient?.id);
    const conversation = activity.conversation?.id;
    if (joined.length === 0 || !conversation) return;
    const context = this.options.context();
    const greeted = `greeted:${activity.channelId}:${conversation}`;
    if (await context.store.get(greeted)) return;
    const lang = langOfLocale(activity.locale);
    await turn.sendActivity({
      type: ActivityTypes.Message,
      text: context.text('greeting', lang),
      locale: localeOf(lang),
    });
    // Marked once sent: a delivery repeated after a crash before the send still greets.
    await context.store.set(greeted, 1, GREETED_TTL_SECONDS);
  }
}
