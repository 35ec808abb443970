/**
 * `warranty_decision`: replace / free repair / paid repair / needs review, from the product category,
 * the purchase date, the faulty part (when the customer named one), DOA and out-of-warranty causes.
 * The result (`{{warranty.explanation}}`) is told to the customer and recorded on the case.
 * args: `record: false` for a warranty enquiry that must not touch a case.
 */
import { z } from 'zod';
import { defineAction } from '../engine/actions.js';
import { findKeyword } from '../engine/extract/index.js';
import { applyContract, contractTerms, findCover } from '../policy/contracts.js';
import { localDate } from '../policy/dates.js';
import type { Policy } from '../policy/schema.js';
import { decideWarranty } from '../policy/warranty.js';
import { warrantyEndsText } from '../policy/warranty-answers.js';
import type { PurchaseDate } from '../policy/warranty-terms.js';
import { withRepairRecord } from './repair-record.js';

/** Policy exclusion ids that a "yes" to the flow's damage and opened questions confirms. */
const ANSWER_EXCLUSIONS: Record<string, string> = { damage: 'accident', opened: 'unauthorised_repair' };

/** The part the customer named in their description, if any ("主板", "screen"…). */
export function namedPart(policy: Policy, text: string): string | null {
  for (const [id, part] of Object.entries(policy.warranty.parts)) {
    if (findKeyword(text, [part.name.zh, part.name.en])) return id;
  }
  return null;
}

export function warrantyDecisionAction(policy: Policy) {
  return defineAction({
    args: z.strictObject({ record: z.boolean().default(true) }),
    outcomes: ['replace', 'free_repair', 'paid_repair', 'needs_review', 'contract_repair'],
    async run(turn, args) {
      const slots = turn.session.slots as Record<string, unknown>;
      const purchase = slots.purchase_date as PurchaseDate | undefined;
      const detected = Array.isArray(turn.session.vars.detect_exclusions)
        ? (turn.session.vars.detect_exclusions as string[])
        : [];
      const answered = Object.entries(ANSWER_EXCLUSIONS)
        .filter(([slot]) => slots[slot] === true)
        .map(([, exclusion]) => exclusion);
      const symptom = typeof slots.symptom === 'string' ? slots.symptom : '';
      const decided = decideWarranty(
        {
          category: typeof slots.product === 'string' ? slots.product : '',
          purchaseDate: purchase ?? null,
          faultyPart: namedPart(policy, symptom),
          exclusions: [...new Set([...detected, ...answered])],
          doa: slots.doa === true,
          today: turn.now,
        },
        policy,
      );
      // Past 三包, a service contract the customer bought may cover the unit (plan section 3).
      const serial = typeof slots.serial === 'string' ? slots.serial : null;
      const warranty = await withRepairRecord(turn, policy, decided, args.record === false ? null : serial);
      const category = typeof slots.product === 'string' ? slots.product : null;
      const contracts = await turn.services.contractsFor(turn.customerId, serial);
      const today = localDate(turn.now, policy.hours.timezone);
      const cover = findCover(contracts, { serial, category, customerId: turn.customerId }, today);
      const exact = purchase?.precision === 'day' && !purchase.range;
      const decision = {
        ...applyContract(warranty, cover, policy, serial),
        contract_terms: contractTerms(policy),
        // For a warranty check: the days the warranty ends ("…until 15 March 2027").
        ends: warrantyEndsText(policy, warranty.coverage, exact),
      };
      if (args.record !== false) {
        turn.updateCase((kase) => ({
          ...kase,
          warranty: {
            decision: decision.decision,
            rule: decision.rule,
            explanation: decision.explanation,
            ...('repairs' in warranty ? { repairs: warranty.repairs } : {}),
          },
          ...(decision.contract ? { contract: decision.contract } : {}),
        }));
        turn.event('warranty_decided', `${decision.decision} (${decision.rule})`, { rule: decision.rule });
      }
      return { outcome: decision.decision, value: decision };
    },
  });
}
