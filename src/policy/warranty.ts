/**
 * Decides whether a fault is a replacement, a free repair, a paid repair, or needs a person to check,
 * and says why in one sentence. Pure: "today" is an input, dates are taken in the policy time zone.
 *
 * Rules, from the service plan (保修承诺 A–C, 保外维修的规定) and 《微型计算机商品修理更换退货责任规定》:
 * causes the customer is responsible for make any repair paid; a repair that fails again within the
 * repair guarantee is redone free; a fault found at unboxing/acceptance is replaced (not-lower spec);
 * within 7 / 15 days of sale a performance fault may be returned / exchanged; the whole unit and the
 * main parts are repaired free for their periods, counted from acceptance when known (the plan: 自购买
 * 验收之日起) and never extended by a repair (plan B: 最初的保修期间并不顺延). A date that is unknown or
 * too vague to decide goes to a person: nothing is free on a guess, and nothing is charged on one.
 */
import type { Text } from '../flows/schema.js';
import { addDays, type IsoDate, isIsoDate, localDate, periodEnd } from './dates.js';
import type { ExclusionRoute, ExplanationKey, Policy } from './schema.js';
import {
  type DateRange,
  dateRange,
  type EffectiveTerms,
  effectiveTerms,
  type PurchaseDate,
  periodStatus,
} from './warranty-terms.js';
import { type ExplanationFacts, explain, PROOF_OF_PURCHASE_EXCLUSION } from './warranty-text.js';

/** What the triage flow knows about the product and the fault. */
export interface WarrantyInput {
  /** Product category id (`laptop`, `desktop`, `monitor`, `printer`, `server`, `network`). */
  category: string;
  /**
   * As precise as the customer could say it; `month`/`year` dates may be any day of that month/year,
   * a date known roughly any day of its `range`.
   */
  purchaseDate: PurchaseDate | null;
  /** Acceptance (验收) date; when known, the free-repair periods count from it instead of the purchase. */
  acceptanceDate?: string | null;
  /** Part id from `warranty.parts`, when known. */
  faultyPart?: string | null;
  /** Exclusion ids the flow confirmed (or detected) — see `exclusions` in policy.yaml. */
  exclusions: string[];
  /** The customer says the product was faulty at unboxing/acceptance. */
  doa?: boolean;
  /** A fault the customer did not cause. @defaultValue true */
  performanceFault?: boolean;
  /** `false` counts as the `no_proof_of_purchase` exclusion; `null`/absent: not asked yet. */
  hasProofOfPurchase?: boolean | null;
  /** Our last repair of this unit. */
  lastRepair?: { finishedOn: string } | null;
  /** Now, as an instant; the date is taken in `timezone`. */
  today: Date;
  /** @defaultValue the policy's `hours.timezone` */
  timezone?: string;
}

export type WarrantyOption = 'return' | 'exchange' | 'repair';

export interface WarrantyDecision {
  decision: 'replace' | 'free_repair' | 'paid_repair' | 'needs_review';
  /**
   * Stable id of the rule that decided: `doa_replace`, `within_7_days` (return window),
   * `within_15_days` (exchange window), `unit_period`, `main_part_period`, `repair_redo_30_days`,
   * `exclusion:<id>`, `customer_caused`, `expired`, `unknown_date`, `imprecise_date`,
   * `main_part_unknown`, `unknown_category`. The day counts in the names are the 三包 defaults.
   */
  rule: string;
  /** What the customer may choose, for replacements and free repairs. */
  options?: WarrantyOption[];
  /** Last covered days (inclusive), from acceptance or purchase; for a vague date, the earliest possible. */
  coverage: { unitEnds: string | null; mainPartsEnds: string | null };
  explanation: Text;
}

/** Decides the warranty outcome for one fault. */
export function decideWarranty(input: WarrantyInput, policy: Policy): WarrantyDecision {
  const today = localDate(input.today, input.timezone ?? policy.hours.timezone);
  const terms = effectiveTerms(policy.warranty, input.category);
  const noCoverage = { unitEnds: null, mainPartsEnds: null };
  if (!terms) {
    return {
      decision: 'needs_review',
      rule: 'unknown_category',
      coverage: noCoverage,
      explanation: explain('unknown_category', { terms: null }, policy),
    };
  }
  const purchase = dateRange(input.purchaseDate, today);
  const accepted = input.acceptanceDate;
  const acceptance: DateRange | null =
    isIsoDate(accepted) && accepted <= today
      ? { earliest: accepted, latest: accepted, precision: 'day' }
      : null;
  const basis = acceptance ?? purchase;
  const coverage = basis
    ? {
        unitEnds: periodEnd(basis.earliest, terms.unit_period),
        mainPartsEnds: periodEnd(basis.earliest, terms.main_parts_period),
      }
    : noCoverage;
  const base: ExplanationFacts = {
    terms,
    part: input.faultyPart,
    unitEnds: coverage.unitEnds,
    mainEnds: coverage.mainPartsEnds,
    since: basis ? { range: basis, acceptance: acceptance !== null } : undefined,
  };
  const decide = (
    decision: WarrantyDecision['decision'],
    rule: string,
    key: ExplanationKey,
    facts: Partial<ExplanationFacts> = {},
    options?: WarrantyOption[],
  ): WarrantyDecision => ({
    decision,
    rule,
    ...(options ? { options } : {}),
    coverage,
    explanation: explain(key, { ...base, ...facts }, policy),
  });

  const route = freeRoute(input, terms, basis, today);
  const claimed = new Set(input.exclusions);
  if (input.hasProofOfPurchase === false) claimed.add(PROOF_OF_PURCHASE_EXCLUSION);
  const blocking = policy.exclusions.filter(
    (e) =>
      claimed.has(e.id) &&
      e.applies_to.includes(route) &&
      (!e.categories || e.categories.includes(input.category)),
  );
  const paid = blocking.find((e) => e.outcome === 'paid_repair');
  if (paid) return decide('paid_repair', `exclusion:${paid.id}`, 'exclusion_paid', { exclusion: paid.label });
  // An id the policy does not define is a flow/policy mismatch: a person decides, never "free".
  const unknown = [...claimed].find((id) => !policy.exclusions.some((e) => e.id === id));
  if (unknown) {
    return decide('needs_review', `exclusion:${unknown}`, 'exclusion_review', {
      exclusion: { zh: unknown, en: unknown },
    });
  }
  if (input.performanceFault === false) return decide('paid_repair', 'customer_caused', 'customer_caused');

  let free: WarrantyDecision;
  if (route === 'repair_redo') {
    const repaired = input.lastRepair!.finishedOn;
    free = decide('free_repair', 'repair_redo_30_days', 'repair_redo_30_days', { repaired }, ['repair']);
  } else if (route === 'doa') {
    free = decide('replace', 'doa_replace', 'doa_replace', {}, ['exchange']);
  } else {
    free = byDates(terms, purchase, basis, input.faultyPart ?? null, policy, today, decide);
  }
  // 三包 Art. 9: without the invoice a fault is still covered if the date can be proven another way.
  const review = blocking.find((e) => e.outcome === 'needs_review');
  if (review && (free.decision === 'replace' || free.decision === 'free_repair')) {
    return decide('needs_review', `exclusion:${review.id}`, 'exclusion_review', { exclusion: review.label });
  }
  return free;
}

/** Which free route the facts point to; exclusions are then checked against that route. */
function freeRoute(
  input: WarrantyInput,
  terms: EffectiveTerms,
  basis: DateRange | null,
  today: IsoDate,
): ExclusionRoute {
  // 三包: a repaired unit must work 30 days; the period starts the day after the repair (民法典 Art. 201).
  const repaired = input.lastRepair?.finishedOn;
  if (isIsoDate(repaired) && repaired <= today && today <= addDays(repaired, terms.repair_guarantee_days)) {
    return 'repair_redo';
  }
  // Plan C: a fault found at unboxing (开箱) within the DOA window is replaced, not repaired.
  if (input.doa && basis && periodStatus(basis, { days: terms.doa_days }, today) === 'inside') return 'doa';
  return 'warranty';
}

type Decide = (
  decision: WarrantyDecision['decision'],
  rule: string,
  key: ExplanationKey,
  facts?: Partial<ExplanationFacts>,
  options?: WarrantyOption[],
) => WarrantyDecision;

/** The date rules, most generous first; the first period the date is certainly inside wins. */
function byDates(
  terms: EffectiveTerms,
  purchase: DateRange | null,
  basis: DateRange | null,
  part: string | null,
  policy: Policy,
  today: IsoDate,
  decide: Decide,
): WarrantyDecision {
  if (!basis) return decide('needs_review', 'unknown_date', 'unknown_date');
  // The 7- and 15-day windows count from the sale (三包), so only a purchase date opens them.
  if (purchase) {
    const since = { range: purchase, acceptance: false };
    if (periodStatus(purchase, terms.return_period, today) === 'inside') {
      return decide('replace', 'within_7_days', 'within_7_days', { since }, ['return', 'exchange', 'repair']);
    }
    if (periodStatus(purchase, terms.exchange_period, today) === 'inside') {
      return decide('replace', 'within_15_days', 'within_15_days', { since }, ['exchange', 'repair']);
    }
  }
  const unit = periodStatus(basis, terms.unit_period, today);
  if (unit === 'inside') return decide('free_repair', 'unit_period', 'unit_period', {}, ['repair']);
  const main = periodStatus(basis, terms.main_parts_period, today);
  const partIsMain =
    part !== null && Object.hasOwn(policy.warranty.parts, part) ? terms.mainParts.includes(part) : null;
  if (partIsMain === true && main === 'inside') {
    return decide('free_repair', 'main_part_period', 'main_part_period', {}, ['repair']);
  }
  if (unit === 'ambiguous') return decide('needs_review', 'imprecise_date', 'imprecise_date');
  if (main === 'outside' || partIsMain === false) {
    const period = partIsMain === false ? terms.unit_period : terms.main_parts_period;
    return decide('paid_repair', 'expired', 'expired', { warrantyEnds: periodEnd(basis.latest, period) });
  }
  // Whole unit over, main parts maybe not: which part failed (or the exact date) decides.
  if (partIsMain === null) return decide('needs_review', 'main_part_unknown', 'main_part_unknown');
  return decide('needs_review', 'imprecise_date', 'imprecise_date');
}
