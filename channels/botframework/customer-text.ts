/**
 * What the customer said in one message activity: its text, or — for an Adaptive Card's Action.Submit,
 * which arrives as a `message` with a `value` and no text — the choice the card submitted. Either way
 * the engine reads a choice label as it reads a typed answer.
 */
import type { Activity } from 'botbuilder';

/** The keys our own cards put the chosen label under, then common ones other cards use. */
const VALUE_KEYS = ['choice', 'text', 'answer', 'value'] as const;

export function customerTextOf(activity: Partial<Activity>): string {
  const text = typeof activity.text === 'string' ? activity.text.trim() : '';
  if (text) return text;
  const value = activity.value as unknown;
  if (typeof value === 'string') return value.trim();
  if (value && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    for (const key of VALUE_KEYS) {
      const found = record[key];
      if (typeof found === 'string' && found.trim()) return found.trim();
    }
  }
  return '';
}

/** Teams wraps the bot's name in `<at>` when the customer mentions it in a channel: not part of the text. */
export function withoutMentions(text: string): string {
  return text.replace(/<at>[^<]*<\/at>/g, '').trim();
}
