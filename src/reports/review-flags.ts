/**
 * Automatic flags on how a staff member handled a case (服务质量考核, 礼仪), to help the weekly review —
 * they point at what to read, the supervisor scores:
 * - `late_reply`: their reply came after the time promised to the customer;
 * - `no_name`: none of their replies addresses the customer by name (when a name is known);
 * - `word:<w>`: a word from the list (`REVIEW_FLAG_WORDS`) in one of their replies.
 * Pure: the case and the staff member's replies come from the record.
 */
import type { Case } from '../cases/types.js';

export interface Reply {
  at: string;
  text: string;
}

/** Words a reply should not carry unless there is a reason: the default of `REVIEW_FLAG_WORDS`. */
export const DEFAULT_FLAG_WORDS = [
  '不知道',
  '没办法',
  '不归我管',
  '你自己',
  '随便',
  '不可能',
  'not my problem',
  'whatever',
  'calm down',
  "can't help",
];

/** Honorifics a Chinese reply uses with a surname (王先生, 李女士, 张总, 刘工). */
const HONORIFICS = ['先生', '女士', '小姐', '总', '工', '老师', '经理'];

/** The ways a reply may name the customer: the whole name, or for a Chinese name its surname + title. */
export function nameForms(name: string): string[] {
  const clean = name.replace(/(先生|女士|小姐)$/, '').trim();
  if (!clean) return [];
  if (/^[\u4e00-\u9fff]{2,4}$/.test(clean))
    return [clean, ...HONORIFICS.map((title) => `${clean[0]}${title}`)];
  const parts = clean.split(/\s+/);
  return [clean, ...(parts.length > 1 ? [parts.at(-1)!] : [])].map((form) => form.toLowerCase());
}

/**
 * A reply after the promised time: the first of their replies after a promise was made came after its
 * due time, and nobody had kept the promise before (a kept or cleared promise flags nobody).
 */
function late(kase: Case, replies: readonly Reply[]): boolean {
  for (const promise of kase.promises ?? []) {
    if (promise.internal || promise.state === 'kept' || promise.state === 'cleared') continue;
    const first = replies.find((r) => r.at >= promise.madeAt);
    if (first && first.at > promise.due) return true;
  }
  return false;
}

/** The customer's name as the case knows it: the contact person they gave, else their profile's. */
export function customerNameOf(kase: Case, profileName: string | null): string | null {
  const contact = kase.slots?.contact_name;
  return typeof contact === 'string' && contact.trim() ? contact.trim() : profileName;
}

export function reviewFlags(
  kase: Case,
  replies: readonly Reply[],
  customerName: string | null,
  words: readonly string[],
): string[] {
  const flags: string[] = [];
  if (late(kase, replies)) flags.push('late_reply');
  if (customerName && replies.length > 0) {
    const forms = nameForms(customerName);
    const named = replies.some((r) => forms.some((form) => r.text.toLowerCase().includes(form)));
    if (!named && forms.length > 0) flags.push('no_name');
  }
  for (const word of words) {
    const w = word.toLowerCase();
    if (w && replies.some((r) => r.text.toLowerCase().includes(w))) flags.push(`word:${word}`);
  }
  return flags;
}
