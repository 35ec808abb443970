/**
 * The parts of flows/policy.yaml beyond fault triage (plan sections 3, 8 and plan 2 (3), (6)): service
 * contracts and their terms, preventive visits, and the cost budget of a job.
 */
import { z } from 'zod';
import { textSchema } from '../flows/schema.js';

const wholeNumber = z.number().int('must be a whole number').min(0, 'must not be negative');

export const serviceContractsSchema = z.strictObject({
  /** A contract ending within this many days produces a renewal reminder (staff, then the customer). */
  renewal_notice_days: wholeNumber.default(30),
  /** Plan 3(3)(4): what a contract repair means, told with every contract decision. */
  terms: z.strictObject({ intro: textSchema, items: z.array(textSchema).min(1) }),
  levels: z.strictObject({ onsite: textSchema, return_to_base: textSchema }),
  /** `{{number}}`, `{{end}}`, `{{level}}`, `{{response}}` (hours), `{{serial}}`. */
  covered: textSchema,
  /** Added when the contract lists exclusions: `{{excludes}}`. */
  excludes: textSchema,
  /** The contract ended (or was ended early) before the fault: `{{number}}`, `{{end}}`. */
  ended: textSchema,
  /** The contract has not started yet: `{{number}}`, `{{start}}`. */
  not_started: textSchema,
  /** Said once at the customer's next contact: `{{number}}`, `{{end}}`, `{{phone}}`. */
  renewal_notice: textSchema,
});

export const visitsPolicySchema = z.strictObject({
  /** The bot asks the customer to book this many days before a planned visit. */
  invite_days_before: wholeNumber.default(14),
  /** A visit done up to this many days after its planned date still counts as on time. */
  on_time_days: wholeNumber.default(7),
  /** New windows offered to a customer who was not there: how many, and which half-days. */
  offer_windows: z.number().int().min(1).max(6).default(3),
});

export const costsSchema = z.strictObject({
  /** The advance (预支) for parts and consumables of one job; above it the record must say why. */
  parts_budget: z.number().nonnegative(),
  currency: z.string().min(1).default('CNY'),
});
