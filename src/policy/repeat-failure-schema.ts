/**
 * `warranty.repeat_failure` in flows/policy.yaml: when a unit repaired under 三包 is exchanged (the rules
 * are in repeat-failure.ts). Apart from the rules so the policy schema needs nothing of the decision.
 */
import { z } from 'zod';
import { textSchema } from '../flows/schema.js';

export const repeatFailureSchema = z.strictObject({
  /** How many counted repairs make the next failure an exchange (第十一条: 修理两次). */
  repairs: z.number().int().min(1).max(10),
  /** Case decisions whose repairs count; the decision at the time the unit was repaired. */
  count_decisions: z.array(z.enum(['free_repair', 'replace', 'paid_repair', 'contract_repair'])).min(1),
  /** An exchange of the unit (a maintenance record of kind `exchange`) starts the count afresh. */
  reset_on_exchange: z.boolean(),
  /** What the customer may choose: an exchange, a refund (`return`), or both. */
  options: z.array(z.enum(['exchange', 'return'])).min(1),
  /** The customer's sentence; `{{repairs}}` lists the counted repairs, `{{count}}` how many. */
  explanation: textSchema,
  /** One repair in `{{repairs}}`: `{{date}}` and `{{ref}}`. */
  repair: textSchema,
});
export type RepeatFailurePolicy = z.infer<typeof repeatFailureSchema>;
