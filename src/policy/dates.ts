/**
 * Calendar-date arithmetic for the policy: plain `YYYY-MM-DD` strings, no time of day, no zone.
 * Instants become dates only through {@link localDate}, in the zone the caller names, so "today" is
 * always the policy's today (2026-11-26T17:00Z is already 27 Nov in Shanghai).
 */
import { DateTime } from 'luxon';

/** A calendar date, `YYYY-MM-DD`. ISO strings compare correctly with `<`. */
export type IsoDate = string;

/** A policy period: exactly one of days, months or years. */
export interface Duration {
  days?: number | undefined;
  months?: number | undefined;
  years?: number | undefined;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** True for a real calendar date in `YYYY-MM-DD` form (rejects 2026-02-30). */
export function isIsoDate(value: unknown): value is IsoDate {
  return (
    typeof value === 'string' && ISO_DATE.test(value) && DateTime.fromISO(value, { zone: 'utc' }).isValid
  );
}

function parse(date: IsoDate): DateTime {
  const parsed = DateTime.fromISO(date, { zone: 'utc' });
  if (!parsed.isValid || !ISO_DATE.test(date)) throw new RangeError(`not a YYYY-MM-DD date: ${date}`);
  return parsed;
}

/** The calendar date of `at` in `zone`. */
export function localDate(at: Date, zone: string): IsoDate {
  return DateTime.fromJSDate(at, { zone }).toISODate()!;
}

/**
 * The last day of a period that starts on `start`.
 *
 * 《民法典》第二百零一条: the start day is not counted; 第二百零二条: a period in months or years ends on the
 * corresponding day of the last month, or that month's last day when it has none. So one year from
 * 2025-03-15 covers up to and including 2026-03-15, one month from 01-31 ends on 02-28 (02-29 in a leap
 * year), and a year from 2024-02-29 ends on 2025-02-28 — exactly luxon's month-end clamping.
 */
export function periodEnd(start: IsoDate, period: Duration): IsoDate {
  return parse(start)
    .plus({ days: period.days ?? 0, months: period.months ?? 0, years: period.years ?? 0 })
    .toISODate()!;
}

/** `date` plus `days` calendar days (negative goes back). */
export function addDays(date: IsoDate, days: number): IsoDate {
  return parse(date).plus({ days }).toISODate()!;
}

/** ISO weekday of a date: 1 = Monday … 7 = Sunday. */
export function weekday(date: IsoDate): number {
  return parse(date).weekday;
}

/** First and last day of the month or year `date` falls in. */
export function spanOf(date: IsoDate, unit: 'month' | 'year'): { first: IsoDate; last: IsoDate } {
  const parsed = parse(date);
  return { first: parsed.startOf(unit).toISODate()!, last: parsed.endOf(unit).toISODate()! };
}

/** Compares two periods by their length from a fixed date (months and days are not commensurable). */
export function comparePeriods(a: Duration, b: Duration): number {
  const from = '2001-01-01';
  const endA = periodEnd(from, a);
  const endB = periodEnd(from, b);
  return endA < endB ? -1 : endA > endB ? 1 : 0;
}
