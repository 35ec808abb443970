/**
 * `detect_exclusions`: out-of-warranty causes the customer already mentioned ("摔了一下", "进水了",
 * "自己拆开过"). Outcome `found` lets the flow skip the questions about them; the warranty decision
 * then names the cause (never silently free). A denied cause ("没有摔过", "it was never dropped") is not
 * a mention: the flow asks.
 */
import { defineAction } from '../engine/actions.js';
import type { Policy } from '../policy/schema.js';

const NEGATION_ZH = /(?:没有|没|未曾|未|不曾|从来没有|从来没|从没|从未|无)[\p{Script=Han}]{0,2}$/u;
const NEGATION_EN =
  /\b(?:never|not|no|wasn'?t|weren'?t|isn'?t|didn'?t|hasn'?t|haven'?t|hadn'?t|without|nothing)\b(?:\s+\S+){0,3}\s*$/iu;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Whether `word` occurs in `text` at least once without a negation just before it. */
export function mentionedAffirmatively(text: string, word: string): boolean {
  const latin = /[a-z]/i.test(word);
  const pattern = latin
    ? new RegExp(`\\b${escapeRegExp(word)}\\b`, 'giu')
    : new RegExp(escapeRegExp(word), 'gu');
  for (const match of text.matchAll(pattern)) {
    const before = text.slice(Math.max(0, match.index - 40), match.index);
    const clause = before.split(/[，。,.;；!！?？\n]/u).at(-1) ?? '';
    if (!(latin ? NEGATION_EN : NEGATION_ZH).test(clause)) return true;
  }
  return false;
}

/** Exclusion ids mentioned (not denied) in the text, for the product category if a cause is limited to some. */
export function detectExclusions(policy: Policy, text: string, category?: string): string[] {
  return policy.exclusions
    .filter((exclusion) => !exclusion.categories || !category || exclusion.categories.includes(category))
    .filter((exclusion) =>
      [...exclusion.keywords.zh, ...exclusion.keywords.en].some((word) => mentionedAffirmatively(text, word)),
    )
    .map((exclusion) => exclusion.id);
}

export function detectExclusionsAction(policy: Policy) {
  return defineAction({
    outcomes: ['found', 'none'],
    run(turn) {
      const slots = turn.session.slots;
      const text = [slots.symptom, turn.text].filter((part) => typeof part === 'string').join(' ');
      const found = detectExclusions(
        policy,
        text,
        typeof slots.product === 'string' ? slots.product : undefined,
      );
      if (found.length > 0)
        turn.event('exclusions_detected', `out-of-warranty causes mentioned: ${found.join(', ')}`);
      return { outcome: found.length > 0 ? 'found' : 'none', value: found };
    },
  });
}
