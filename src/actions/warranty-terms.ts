/**
 * `warranty_terms`: answers a general warranty question at once from the policy ("how long is the
 * warranty on monitors", "电池保吗"): the product named (slot `product`) and the part named in the
 * message decide which periods are told. Result: `{{terms.answer}}`.
 */
import { defineAction } from '../engine/actions.js';
import type { Policy } from '../policy/schema.js';
import { warrantyTermsAnswer } from '../policy/warranty-answers.js';
import { namedPart } from './warranty-decision.js';

export function warrantyTermsAction(policy: Policy) {
  return defineAction({
    outcomes: ['answered'],
    run(turn) {
      const product = turn.session.slots.product;
      const category = typeof product === 'string' ? product : null;
      const answer = warrantyTermsAnswer(policy, category, namedPart(policy, turn.text));
      turn.event('warranty_terms', `warranty terms told${category ? ` for ${category}` : ''}`);
      return { outcome: 'answered', value: { answer } };
    },
  });
}
