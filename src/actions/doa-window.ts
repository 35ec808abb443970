/**
 * `doa_window`: is the purchase recent enough that a fault found at unboxing/acceptance means a
 * replacement (plan C)? Outcome `within`, `outside` or `unknown` — the flow only asks about
 * dead-on-arrival where it matters.
 */
import { DateTime } from 'luxon';
import { defineAction } from '../engine/actions.js';
import type { Policy } from '../policy/schema.js';
import { effectiveTerms } from '../policy/warranty-terms.js';

export function doaWindowAction(policy: Policy) {
  return defineAction({
    outcomes: ['within', 'outside', 'unknown'],
    run(turn) {
      const { product, purchase_date: purchase } = turn.session.slots as {
        product?: string;
        purchase_date?: { date: string };
      };
      const terms = effectiveTerms(policy.warranty, product ?? '');
      if (!purchase?.date || !terms) return { outcome: 'unknown' };
      const zone = policy.hours.timezone;
      const today = DateTime.fromJSDate(turn.now, { zone }).startOf('day');
      const bought = DateTime.fromISO(purchase.date, { zone });
      const days = Math.floor(today.diff(bought, 'days').days);
      return { outcome: days <= terms.doa_days ? 'within' : 'outside', value: { days } };
    },
  });
}
