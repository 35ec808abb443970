/**
 * What the phone line says around the flows — the greeting, "sorry, I didn't catch that", goodbye, the
 * transfer whisper. The texts live in flows/bot.yaml (`channel_texts.voice`) so a support manager edits
 * them with the rest; the flows' own questions and the deadline and callback promises come from flows/
 * like on every channel.
 */
import type { ChannelContext } from '../../src/port/channel.js';
import type { Lang } from '../../src/port/messages.js';

const keys = {
  greeting: 'greeting',
  otherLanguage: 'other_language',
  resume: 'resume',
  notUnderstood: 'not_understood',
  silence: 'silence',
  noted: 'noted',
  anythingElse: 'anything_else',
  goodbye: 'goodbye',
  connecting: 'connecting',
  anonymous: 'anonymous',
  whisper: 'whisper',
} as const;

/** The keys the voice channel needs under `channel_texts.voice`. */
export const voiceTextKeys: readonly string[] = Object.values(keys);

export type VoiceTextKey = keyof typeof keys;

/** Words that mean "a person, please" on the phone: speech hints for every question. */
export const agentHints: Record<Lang, string[]> = { zh: ['人工', '转人工'], en: ['agent', 'operator'] };

export function voiceText(
  context: ChannelContext,
  key: VoiceTextKey,
  lang: Lang,
  extra: Record<string, unknown> = {},
): string {
  return context.text(keys[key], lang, extra);
}
