/**
 * Choices on media without buttons: "回复 1 笔记本，2 台式机" / "Reply 1 for Laptop, 2 for Desktop" on SMS
 * and email, "请按1选择笔记本" / "Press 1 for Laptop" on the phone. One place, so every channel agrees.
 */
import type { Lang, Reply } from '../port/messages.js';

export type ChoiceStyle = 'buttons' | 'numbered' | 'keypad';

export function numberedChoices(choices: readonly string[], lang: Lang): string {
  if (lang === 'zh') return `回复 ${choices.map((label, n) => `${n + 1} ${label}`).join('，')}`;
  return `Reply ${choices.map((label, n) => `${n + 1} for ${label}`).join(', ')}`;
}

export function keypadChoices(choices: readonly string[], lang: Lang): string {
  if (lang === 'zh') return choices.map((label, n) => `${label}请按${n + 1}`).join('，') + '。';
  return `${choices.map((label, n) => `For ${label}, press ${n + 1}`).join('. ')}.`;
}

/** The reply as plain text for a medium; with `buttons` the choices are left to the channel. */
export function renderReply(reply: Reply, lang: Lang, style: ChoiceStyle): string {
  if (!reply.choices?.length || style === 'buttons') return reply.text;
  const line = style === 'keypad' ? keypadChoices(reply.choices, lang) : numberedChoices(reply.choices, lang);
  return `${reply.text}\n${line}`;
}
