/**
 * Calendar arithmetic shared by the date rules. "Today" is the calendar day in the customer's
 * timezone: at 2026-11-26T17:00Z it is already the 27th in Asia/Shanghai.
 */
import { DateTime } from 'luxon';

/** A date a customer mentioned, and how exactly they said it. */
export interface DateValue {
  /**
   * YYYY-MM-DD in the given timezone. Named months and years give their first day ("去年3月" →
   * 2025-03-01); durations give the computed day ("3 months ago" → three months before today).
   */
  date: string;
  precision: 'day' | 'month' | 'year';
  /**
   * For a date known only roughly (a duration: "半年前", "about 18 months ago"; an event: "春节前"), the
   * first and last day it can be (YYYY-MM-DD). `date` is the likeliest day within it.
   */
  range?: { earliest: string; latest: string };
}

/**
 * A span a date rule matched. `read` computes the value lazily (most candidates are never needed): a
 * value; null for a date we must not use (future, ambiguous), whose span stays claimed; undefined when
 * the match is no date after all ("you may"), which claims nothing.
 */
export interface DateCandidate {
  start: number;
  end: number;
  read: () => DateValue | null | undefined;
}

/** What every date rule needs to know about "now". */
export interface DateContext {
  /** Start of today in the customer's timezone. */
  today: DateTime;
  /** Reject dates after today; year-less dates go to the most recent occurrence. */
  past: boolean;
}

/** Units of "N … ago". */
export type DateUnit = 'day' | 'week' | 'month' | 'year';

/** Earliest and latest years we accept, so "1000年" or "9999" never become dates. */
const MIN_YEAR = 1990;
const MAX_YEAR = 2099;

/** Today in `timezone`; throws a RangeError for an unknown timezone (a configuration mistake). */
export function dateContext(now: Date, timezone: string, past: boolean): DateContext {
  const local = DateTime.fromJSDate(now, { zone: timezone });
  if (!local.isValid) throw new RangeError(`extractDate: invalid timezone or date (${timezone})`);
  return { today: local.startOf('day'), past };
}

/** A valid calendar day, or null ("2025-02-30", month 13, years outside 1990–2099). */
export function calendarDay(year: number, month: number, day: number, ctx: DateContext): DateTime | null {
  if (year < MIN_YEAR || year > MAX_YEAR) return null;
  const dt = DateTime.fromObject({ year, month, day }, { zone: ctx.today.zone });
  return dt.isValid ? dt : null;
}

/**
 * Builds a value, or null when it lies in the future and only past dates are wanted. A month or year
 * counts as past once it has begun ("今年11月" on 26 November is fine).
 */
export function accept(
  ctx: DateContext,
  dt: DateTime | null,
  precision: DateValue['precision'],
): DateValue | null {
  if (!dt || dt.year < MIN_YEAR || dt.year > MAX_YEAR) return null;
  const start = precision === 'day' ? dt : dt.startOf(precision);
  if (ctx.past && start > ctx.today) return null;
  return { date: dt.toISODate() ?? '', precision };
}

/** The first day of a named month or year, as a value. */
export function period(ctx: DateContext, dt: DateTime | null, precision: 'month' | 'year'): DateValue | null {
  return accept(ctx, dt ? dt.startOf(precision) : null, precision);
}

/**
 * A month (and day) said without a year: the most recent occurrence when only past dates are wanted
 * ("3月15日" in November → this March; "12月5日" → last December), else the next one. `strict`
 * ("last March") skips the current month.
 */
export function yearless(
  ctx: DateContext,
  month: number,
  day: number | undefined,
  strict = false,
): DateValue | null {
  const { today } = ctx;
  const precision = day === undefined ? 'month' : 'day';
  const at = (year: number) => calendarDay(year, month, day ?? 1, ctx);
  let candidate = at(today.year);
  if (!candidate) {
    // 29 February: look for the nearest leap year in the right direction.
    for (let step = 1; step <= 8 && !candidate; step++)
      candidate = at(today.year + (ctx.past ? -step : step));
    return accept(ctx, candidate, precision);
  }
  const compareTo = precision === 'day' ? today : today.startOf('month');
  const thisMonth = strict && candidate.hasSame(today, 'month');
  if (ctx.past ? candidate > compareTo || thisMonth : candidate < compareTo || thisMonth) {
    candidate = at(today.year + (ctx.past ? -1 : 1));
  }
  return accept(ctx, candidate, precision);
}

/** `amount` units before (negative: after) today. Half units are allowed for months and years. */
export function shifted(ctx: DateContext, amount: number, unit: DateUnit): DateTime {
  if (unit === 'day' || unit === 'week') {
    return ctx.today.minus({ days: Math.round(amount * (unit === 'week' ? 7 : 1)) });
  }
  const months = amount * (unit === 'year' ? 12 : 1);
  const whole = Math.trunc(months);
  return ctx.today.minus({ months: whole, days: Math.round((months - whole) * 30) });
}

/** The weekday `weekday` (1 = Monday … 7 = Sunday) `weeksBack` ISO weeks before this one. */
export function weekdayOf(ctx: DateContext, weekday: number, weeksBack: number): DateTime {
  return ctx.today
    .startOf('week')
    .minus({ weeks: weeksBack })
    .plus({ days: weekday - 1 });
}

/** A weekday named alone ("周三", "on Friday"): the most recent one (today included), or the next one. */
export function nearestWeekday(ctx: DateContext, weekday: number): DateTime {
  const diff = weekday - ctx.today.weekday;
  if (ctx.past) return ctx.today.minus({ days: diff > 0 ? 7 - diff : -diff });
  return ctx.today.plus({ days: diff < 0 ? diff + 7 : diff });
}

/**
 * Runs a global pattern over `text` and turns each match into a lazily read candidate. `read` must
 * depend on the matched text only: equal matches share one reading, so a message repeating "明天"
 * 50,000 times costs one calendar computation, not 50,000.
 */
export function collect(
  text: string,
  pattern: RegExp,
  read: (match: RegExpExecArray) => DateValue | null | undefined,
): DateCandidate[] {
  const found: DateCandidate[] = [];
  const readings = new Map<string, DateValue | null | undefined>();
  for (const match of text.matchAll(pattern)) {
    const once = () => {
      if (!readings.has(match[0])) readings.set(match[0], read(match));
      return readings.get(match[0]);
    };
    found.push({ start: match.index, end: match.index + match[0].length, read: once });
  }
  return found;
}
