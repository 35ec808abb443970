/**
 * Reply-deadline promises and their warning times (docs/cases.md, "The deadline promise": deadlines
 * are kept or escalated, and the assignee is warned before a breach). Pure: `now` comes from the caller's clock.
 * The plan's phone etiquette: if we can't answer now, give the customer a concrete deadline.
 */
import type { Priority } from '../flows/schema.js';
import type { BusinessCalendar } from './business-calendar.js';
import type { Policy } from './schema.js';

export interface PromiseInput {
  now: Date;
  priority: Priority;
  kind: 'first_response' | 'resolution';
  /** Cases ahead of this one in the team's queue. */
  waitingAhead: number;
  /** Staff on duty for the team; null (unknown) and 0 count as one person. */
  staffOnDuty: number | null;
  /**
   * A service contract's response time in business minutes: it is what the customer bought, so it
   * replaces the priority's target and no queue allowance is added.
   */
  targetMinutes?: number;
}

export interface PromiseDeadline {
  /** When we promise to reply (or resolve). */
  due: Date;
  /** Business minutes the promise is for: the SLA target plus the queue allowance. */
  businessMinutes: number;
  openNow: boolean;
  /** When the team is next open, if closed now (for "we're back at …"); otherwise null. */
  backAt: Date | null;
}

/**
 * The deadline to promise: the priority's target plus
 * `ceil(waitingAhead / max(1, staffOnDuty ?? 1)) × minutes_per_waiting_case`, added in business time.
 * Rounding up: a person with one case ahead still has to finish it first.
 */
export function promiseDeadline(
  input: PromiseInput,
  policy: Pick<Policy, 'sla'>,
  calendar: BusinessCalendar,
): PromiseDeadline {
  const { sla } = policy;
  const ahead = Math.max(0, Math.floor(input.waitingAhead));
  const perPerson = Math.ceil(ahead / Math.max(1, input.staffOnDuty ?? 1));
  const businessMinutes =
    input.targetMinutes ?? sla.targets[input.priority][input.kind] + perPerson * sla.minutes_per_waiting_case;
  const openNow = calendar.isOpen(input.now);
  return {
    due: calendar.addBusinessMinutes(input.now, businessMinutes),
    businessMinutes,
    openNow,
    backAt: openNow ? null : calendar.nextOpen(input.now),
  };
}

/**
 * When to warn the assignee: once `warn_fraction` of the business time between the promise and its
 * deadline has passed. Never later than `due` itself.
 */
export function warningAt(
  madeAt: Date,
  due: Date,
  policy: Pick<Policy, 'sla'>,
  calendar: BusinessCalendar,
): Date {
  const total = Math.max(0, calendar.businessMinutesBetween(madeAt, due));
  const warning = calendar.addBusinessMinutes(madeAt, total * policy.sla.warn_fraction);
  return warning.getTime() > due.getTime() ? due : warning;
}
