/**
 * A botbuilder BotAdapter for the built-in web chat, so the web chat runs the very same bot
 * (ActivityHandler) as the Bot Framework endpoint. What the bot sends is handed to `push` (the
 * conversation's history and its live event stream) instead of to a connector. BotAdapter's own
 * continueConversationAsync throws "NotImplemented", so it is overridden for the outbox's proactive
 * sends.
 */
import { randomUUID } from 'node:crypto';
import {
  type Activity,
  ActivityTypes,
  BotAdapter,
  type ConversationReference,
  type ResourceResponse,
  TurnContext,
} from 'botbuilder';

export const WEBCHAT_CHANNEL_ID = 'webchat-local';
export const WEBCHAT_SERVICE_URL = 'local://webchat';

export type Push = (conversationId: string, activity: Partial<Activity>) => Promise<string>;

export class WebChatAdapter extends BotAdapter {
  constructor(private readonly push: Push) {
    super();
  }

  /** Runs the bot for one activity from the browser (middleware and onTurnError included). */
  async processActivity(
    activity: Partial<Activity>,
    logic: (turn: TurnContext) => Promise<void>,
  ): Promise<void> {
    const full = {
      channelId: WEBCHAT_CHANNEL_ID,
      serviceUrl: WEBCHAT_SERVICE_URL,
      timestamp: new Date(),
      id: activity.id ?? randomUUID(),
      ...activity,
    } as Activity;
    await this.runMiddleware(new TurnContext(this, full), logic);
  }

  async sendActivities(_turn: TurnContext, activities: Partial<Activity>[]): Promise<ResourceResponse[]> {
    const sent: ResourceResponse[] = [];
    for (const activity of activities) {
      // A `delay` or an invoke response means nothing to a browser.
      if (activity.type === 'delay' || activity.type === ActivityTypes.InvokeResponse) {
        sent.push({ id: '' });
        continue;
      }
      const conversation = activity.conversation?.id;
      if (!conversation) throw new Error('web chat: an activity without a conversation');
      sent.push({ id: await this.push(conversation, activity) });
    }
    return sent;
  }

  async updateActivity(_turn: TurnContext, activity: Partial<Activity>): Promise<ResourceResponse> {
    // Our bot never edits what it said; a chat history is append-only.
    return { id: activity.id ?? '' };
  }

  async deleteActivity(): Promise<void> {}

  async continueConversation(
    reference: Partial<ConversationReference>,
    logic: (turn: TurnContext) => Promise<void>,
  ): Promise<void> {
    const event = TurnContext.applyConversationReference(
      { type: ActivityTypes.Event, name: 'continueConversation' },
      reference,
      true,
    );
    // No middleware and no onTurnError: a failed send must reach the outbox, which retries it.
    await logic(new TurnContext(this, event));
  }

  override async continueConversationAsync(
    _botAppIdOrClaims: unknown,
    reference: Partial<ConversationReference>,
    logicOrAudience: unknown,
    maybeLogic?: (turn: TurnContext) => Promise<void>,
  ): Promise<void> {
    const logic = typeof logicOrAudience === 'function' ? logicOrAudience : maybeLogic;
    if (!logic) throw new Error('web chat: continueConversationAsync without logic');
    await this.continueConversation(reference, logic as (turn: TurnContext) => Promise<void>);
  }
}
