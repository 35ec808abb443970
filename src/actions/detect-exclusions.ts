/**
 * `detect_exclusions`: out-of-warranty causes the customer already mentioned ("摔了一下", "进水了",
 * "自己拆开过"). Outcome `found` lets the flow skip the questions about them; the warranty decision
 * then names the cause (never silently free).
 */
import { defineAction } from '../engine/actions.js';
import { findKeyword } from '../engine/extract/index.js';
import type { Policy } from '../policy/schema.js';

/** Exclusion ids whose keywords appear in the text, for the product category if the cause is limited to some. */
export function detectExclusions(policy: Policy, text: string, category?: string): string[] {
  return policy.exclusions
    .filter((exclusion) => !exclusion.categories || !category || exclusion.categories.includes(category))
    .filter((exclusion) => findKeyword(text, [...exclusion.keywords.zh, ...exclusion.keywords.en]) !== null)
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
