/**
 * Between botbuilder activities and the web chat's history entries: what the bot sends (text,
 * suggested actions, an Adaptive Card's submit buttons) becomes an entry the page shows with its
 * buttons; an outbox message becomes the activity the bot sends.
 */
import { type Activity, MessageFactory } from 'botbuilder';
import type { Lang, OutboundMessage } from '../../src/port/messages.js';
import type { ChatEntry } from './history.js';

const langOf = (locale: string | undefined): Lang | undefined =>
  locale ? (/^zh\b/i.test(locale) ? 'zh' : 'en') : undefined;

interface CardContent {
  body?: Array<{ type?: string; text?: string }>;
  actions?: Array<{ type?: string; title?: string }>;
}

/** The history entry for a message the bot sends; null for what is not shown (typing, events). */
export function entryOf(activity: Partial<Activity>, at: Date): Omit<ChatEntry, 'seq'> | null {
  if (activity.type !== 'message') return null;
  const texts = activity.text ? [activity.text] : [];
  const choices = (activity.suggestedActions?.actions ?? []).map((action) =>
    String(action.title ?? action.value),
  );
  for (const attachment of activity.attachments ?? []) {
    const card = attachment.content as CardContent | undefined;
    if (!attachment.contentType?.includes('card') || !card) continue;
    for (const block of card.body ?? []) if (block.type === 'TextBlock' && block.text) texts.push(block.text);
    for (const action of card.actions ?? [])
      if (action.type === 'Action.Submit' && action.title) choices.push(action.title);
  }
  if (texts.length === 0 && choices.length === 0) return null;
  const author = (activity.channelData as { author?: string } | undefined)?.author ?? 'bot';
  const lang = langOf(activity.locale);
  return {
    at: at.toISOString(),
    from: author.startsWith('staff:') ? 'staff' : 'bot',
    kind: 'message',
    text: texts.join('\n'),
    ...(choices.length > 0 ? { choices } : {}),
    ...(lang ? { lang } : {}),
  };
}

/** The activity the bot sends for an outbox message (a bot reply, a staff reply, an update). */
export function activityOfMessage(message: OutboundMessage): Partial<Activity> {
  const activity = message.choices?.length
    ? MessageFactory.suggestedActions(message.choices, message.text)
    : MessageFactory.text(message.text);
  return {
    ...activity,
    locale: message.lang === 'zh' ? 'zh-CN' : 'en-US',
    channelData: {
      messageId: message.id,
      author: message.author,
      ...(message.caseRef ? { caseRef: message.caseRef } : {}),
    },
  };
}
