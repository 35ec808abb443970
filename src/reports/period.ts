/**
 * The period a report covers, from what staff typed: dates (whole days in the business timezone, `to`
 * included) or ISO date-times. Without `from`, a report starts on the first day of the month eleven
 * months before `to`: a year of months for the trend.
 */
import { DateTime } from 'luxon';
import { z } from 'zod';
import { SupportError } from '../errors.js';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export const dayOrTime = z
  .string()
  .trim()
  .refine(
    (value) =>
      DATE.test(value)
        ? DateTime.fromISO(value).isValid
        : DateTime.fromISO(value, { setZone: true }).isValid && /T/.test(value),
    {
      message: 'must be a date (2026-11-01) or an ISO 8601 date-time with a zone',
    },
  )
  .optional()
  .or(z.literal('').transform(() => undefined));

export interface Period {
  from: Date;
  /** Exclusive. */
  to: Date;
  /** The days as staff chose them (YYYY-MM-DD, `to` included), for forms and file names. */
  fromDay: string;
  toDay: string;
}

function end(value: string | undefined, zone: string, now: Date): DateTime {
  if (!value) return DateTime.fromJSDate(now, { zone }).plus({ days: 1 }).startOf('day');
  if (DATE.test(value)) return DateTime.fromISO(value, { zone }).plus({ days: 1 }).startOf('day');
  return DateTime.fromISO(value, { zone });
}

export function reportPeriod(
  input: { from?: string | undefined; to?: string | undefined },
  zone: string,
  now: Date,
): Period {
  const to = end(input.to, zone, now);
  const from = input.from
    ? DateTime.fromISO(input.from, { zone }).startOf(DATE.test(input.from) ? 'day' : 'millisecond')
    : to.minus({ milliseconds: 1 }).startOf('month').minus({ months: 11 });
  if (from >= to) throw new SupportError('SUPPORT_ERR_VALIDATION', 'from: must be before to');
  return {
    from: from.toJSDate(),
    to: to.toJSDate(),
    fromDay: from.toISODate()!,
    toDay: to.minus({ milliseconds: 1 }).toISODate()!,
  };
}
