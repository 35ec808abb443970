/**
 * Carrier compliance keywords on SMS. A message that is just one of these words (any case, surrounding
 * spaces and punctuation ignored) is a request about the messages themselves, not a conversation turn:
 *
 * - opt out: STOP, STOPALL, UNSUBSCRIBE, CANCEL, END, QUIT (Twilio's and the CTIA's list), 退订, 取消, TD
 *   (the "回复TD退订" convention of Chinese carriers);
 * - opt back in: START, UNSTOP, 订阅;
 * - help: HELP, 帮助.
 *
 * Twilio's extra synonyms YES and INFO are left out on purpose: "yes" answers the flows' yes/no questions.
 *
 * "取消" and "cancel" are also the bot's own cancel intent (flows/bot.yaml); on SMS the compliance meaning
 * wins, because a carrier or regulator reads them as "stop texting me". Customers who want to restart a
 * conversation can write "重新开始" / "start over".
 */
import type { Lang } from '../../src/port/messages.js';

export type ComplianceKind = 'opt_out' | 'opt_in' | 'help';

export interface ComplianceKeyword {
  kind: ComplianceKind;
  keyword: string;
  /** The language the keyword is written in (for the confirmation when we know nothing better). */
  lang: Lang;
}

const KEYWORDS: Record<ComplianceKind, { en: string[]; zh: string[] }> = {
  opt_out: { en: ['STOP', 'STOPALL', 'UNSUBSCRIBE', 'CANCEL', 'END', 'QUIT', 'TD'], zh: ['退订', '取消'] },
  opt_in: { en: ['START', 'UNSTOP'], zh: ['订阅'] },
  help: { en: ['HELP'], zh: ['帮助'] },
};

const lookup = new Map<string, ComplianceKeyword>();
for (const [kind, words] of Object.entries(KEYWORDS) as Array<
  [ComplianceKind, { en: string[]; zh: string[] }]
>) {
  for (const lang of ['en', 'zh'] as const) {
    for (const keyword of words[lang]) lookup.set(keyword, { kind, keyword, lang });
  }
}

/** Spaces, ASCII and full-width punctuation that may surround a keyword ("Stop.", "退订！", "「退订」"). */
const EDGES = /^[\s\p{P}\p{S}]+|[\s\p{P}\p{S}]+$/gu;

/** The compliance keyword a whole message is, or null if it is anything else. */
export function complianceKeywordOf(body: string): ComplianceKeyword | null {
  const word = body.normalize('NFKC').replace(EDGES, '').toUpperCase();
  if (word.length === 0 || word.length > 12) return null;
  return lookup.get(word) ?? null;
}
