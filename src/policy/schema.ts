/**
 * The service policy a support manager edits in flows/policy.yaml, as zod schemas: warranty terms,
 * out-of-warranty causes, paid-repair terms, business hours, SLA targets and contact details.
 * Checks that span sections (part ids, holiday overlaps, period order) live in checks.ts.
 */
import { z } from 'zod';
import { lexiconSchema, textSchema } from '../flows/schema.js';
import { hoursSchema } from './hours-schema.js';
import { repeatFailureSchema } from './repeat-failure-schema.js';
import { costsSchema, serviceContractsSchema, visitsPolicySchema } from './service-plan-schema.js';

const id = z
  .string()
  .regex(/^[a-z][a-z0-9_]*$/, 'must be lower_snake_case (letters, digits, _), starting with a letter');
const wholeNumber = z.number().int('must be a whole number').min(0, 'must not be negative');

/** A period: exactly one of `{ days: N }`, `{ months: N }`, `{ years: N }`. */
export const durationSchema = z
  .strictObject({
    days: wholeNumber.optional(),
    months: wholeNumber.optional(),
    years: wholeNumber.optional(),
  })
  .refine((d) => [d.days, d.months, d.years].filter((n) => n !== undefined).length === 1, {
    message: 'give exactly one of days, months or years, e.g. { years: 1 }',
  });

/** Periods a product category may override. */
const periodFields = {
  /** 三包 Art.: a listed performance fault within 7 days of sale → return, exchange or repair. */
  return_period: durationSchema,
  /** The plan's "N个月内免费包换"; 三包: within 15 days → exchange or repair. */
  exchange_period: durationSchema,
  /** Whole-unit free repair, counted from acceptance (the plan) or purchase. */
  unit_period: durationSchema,
  /** Main parts (主要部件) free repair or replacement. */
  main_parts_period: durationSchema,
  /** Dead on arrival: a fault found at unboxing/acceptance within this many days → replacement. */
  doa_days: wholeNumber,
};

export const categorySchema = z.strictObject({
  name: textSchema,
  return_period: durationSchema.optional(),
  exchange_period: durationSchema.optional(),
  unit_period: durationSchema.optional(),
  main_parts_period: durationSchema.optional(),
  doa_days: wholeNumber.optional(),
  /** Replaces the parts list's `main: true` flags for this category. */
  main_parts: z.array(id).optional(),
});
/** One product category's overrides (everything but `name` falls back to the warranty defaults). */
export type CategoryTerms = z.infer<typeof categorySchema>;

export const partSchema = z.strictObject({ name: textSchema, main: z.boolean().default(false) });

/** Every rule's customer sentence; see warranty-text.ts for the `{{placeholders}}`. */
export const explanationKeys = [
  'doa_replace',
  'within_7_days',
  'within_15_days',
  'unit_period',
  'main_part_period',
  'repair_redo_30_days',
  'exclusion_paid',
  'exclusion_review',
  'customer_caused',
  'expired',
  'unknown_date',
  'imprecise_date',
  'main_part_unknown',
  'unknown_category',
] as const;
export type ExplanationKey = (typeof explanationKeys)[number];

export const warrantySchema = z.strictObject({
  ...periodFields,
  /** 三包: a repaired unit must work at least this many days, or the repair is redone free. */
  repair_guarantee_days: wholeNumber,
  /** 三包: a unit repaired twice that fails again is exchanged or refunded (src/policy/repeat-failure.ts). */
  repeat_failure: repeatFailureSchema,
  /** Words saying a fault was found at unboxing or acceptance (开箱): the flow does not ask it again. */
  unboxing_words: lexiconSchema,
  categories: z.record(id, categorySchema),
  parts: z.record(id, partSchema),
  /** How the date a period counts from is named in explanations (`{{date}}` is filled in). */
  since: z.strictObject({
    purchase_day: textSchema,
    purchase_month: textSchema,
    purchase_year: textSchema,
    /** A date known only roughly ("半年前", "about 18 months ago"), named by its likeliest month. */
    purchase_about: textSchema,
    acceptance: textSchema,
  }),
  explanations: z.strictObject(
    Object.fromEntries(explanationKeys.map((key) => [key, textSchema])) as Record<
      ExplanationKey,
      typeof textSchema
    >,
  ),
  /**
   * Answers to general warranty questions ("how long is the warranty on monitors", "电池保吗"), composed
   * from the periods above; and the end dates told with a warranty check (src/policy/warranty-answers.ts).
   */
  answers: z.strictObject({
    general: textSchema,
    category: textSchema,
    exception: textSchema,
    part_main: textSchema,
    part_unit: textSchema,
    part_any: textSchema,
    ask_date: textSchema,
    ends: textSchema,
    ends_about: textSchema,
  }),
});

/** Which free route an out-of-warranty cause blocks: the warranty periods, DOA, or a repair redo. */
export const exclusionRoutes = ['warranty', 'doa', 'repair_redo'] as const;
export type ExclusionRoute = (typeof exclusionRoutes)[number];

export const exclusionSchema = z.strictObject({
  id,
  label: textSchema,
  /** Words that suggest this cause in a customer's message; the flow confirms before relying on them. */
  keywords: lexiconSchema,
  /** `needs_review` when staff can still prove coverage another way (三包 Art. 9: lost invoice). */
  outcome: z.enum(['paid_repair', 'needs_review']).default('paid_repair'),
  applies_to: z
    .array(z.enum(exclusionRoutes))
    .min(1)
    .default([...exclusionRoutes]),
  /** Only these product categories (default: all). */
  categories: z.array(id).min(1).optional(),
});

export const paidRepairTermsSchema = z.strictObject({
  intro: textSchema,
  terms: z.array(z.strictObject({ id, text: textSchema })).min(1),
});

const minutes = z.number().int('must be whole minutes').positive('must be more than 0 minutes');
const slaTarget = z.strictObject({ first_response: minutes, resolution: minutes });

export const slaSchema = z.strictObject({
  /** Warn the assignee when this fraction of the promised business time has passed. */
  warn_fraction: z.number().gt(0, 'must be above 0').lt(1, 'must be below 1').default(0.8),
  /** Each case ahead in the team queue, per staff member on duty, moves a promise this much later. */
  minutes_per_waiting_case: wholeNumber,
  targets: z.strictObject({ urgent: slaTarget, high: slaTarget, normal: slaTarget, low: slaTarget }),
});

export const contactSchema = z.strictObject({
  service_name: textSchema,
  phone: z.string().min(1),
  fax: z.string().min(1),
  /** Faxes arrive as email through this fax-to-email gateway address. */
  fax_email: z.email('must be an email address'),
  email: z.email('must be an email address'),
  remote_session: textSchema,
  hours_text: textSchema,
});

export const policySchema = z.strictObject({
  warranty: warrantySchema,
  exclusions: z.array(exclusionSchema).min(1),
  paid_repair_terms: paidRepairTermsSchema,
  hours: hoursSchema,
  sla: slaSchema,
  contact: contactSchema,
  service_contracts: serviceContractsSchema,
  visits: visitsPolicySchema,
  costs: costsSchema,
});

/** The whole validated policy. */
export type Policy = z.output<typeof policySchema>;
export type WarrantyPolicy = Policy['warranty'];
export type Exclusion = Policy['exclusions'][number];
export type SlaPolicy = Policy['sla'];
