/**
 * Business time over the `hours` section of the policy: weekly openings in the service's time zone,
 * closed on public holidays, open on make-up working days (调休) with `makeup_day_hours`.
 * Pure: every instant is passed in, nothing reads the clock. Openings are built per local day with
 * luxon, so a DST zone (Europe/Berlin) still counts real elapsed minutes.
 */
import { DateTime } from 'luxon';
import { addDays, type IsoDate, isIsoDate, localDate, weekday } from './dates.js';
import { type BusinessHours, type Opening, weekdayKeys } from './hours-schema.js';

/** Business-time arithmetic in one time zone. Openings are half-open: 09:00 is open, 18:00 is closed. */
export interface BusinessCalendar {
  readonly timezone: string;
  /** True inside an opening. */
  isOpen(at: Date): boolean;
  /** `at` itself when open, otherwise the start of the next opening. */
  nextOpen(at: Date): Date;
  /**
   * The instant `minutes` of business time after `start`. A start outside hours begins counting at the
   * next opening; a total that runs out exactly at closing time gives the closing time.
   */
  addBusinessMinutes(start: Date, minutes: number): Date;
  /** Business minutes from `a` to `b` (negative when `b` is before `a`); not rounded. */
  businessMinutesBetween(a: Date, b: Date): number;
  /** Whether the service opens at all on this local date (`YYYY-MM-DD`). */
  isWorkingDay(isoDate: string): boolean;
}

/** Consecutive closed days after which the hours are taken to be broken rather than a long holiday. */
const MAX_CLOSED_DAYS = 400;
const MINUTE = 60_000;

/** Builds the calendar; the holiday and make-up sets are computed once. */
export function createBusinessCalendar(hours: BusinessHours): BusinessCalendar {
  const zone = hours.timezone;
  const holidays = new Set<IsoDate>();
  const makeupDays = new Set<IsoDate>();
  for (const year of hours.calendar) {
    for (const holiday of year.holidays) {
      for (let date = holiday.from; date <= (holiday.to ?? holiday.from); date = addDays(date, 1))
        holidays.add(date);
    }
    for (const makeup of year.makeup_days) makeupDays.add(makeup.date);
  }

  const openingsOn = (date: IsoDate): Opening[] => {
    if (holidays.has(date)) return [];
    if (makeupDays.has(date)) return hours.makeup_day_hours;
    return hours.weekly[weekdayKeys[weekday(date) - 1]!];
  };
  const instant = (date: IsoDate, time: string): number =>
    time === '24:00'
      ? DateTime.fromISO(addDays(date, 1), { zone }).toMillis()
      : DateTime.fromISO(`${date}T${time}`, { zone }).toMillis();
  /** Openings of a local date as [open, close) epoch milliseconds, in order. */
  const intervalsOn = (date: IsoDate): Array<[number, number]> =>
    openingsOn(date)
      .map((o): [number, number] => [instant(date, o.from), instant(date, o.to)])
      .sort((x, y) => x[0] - y[0]);

  /** Walks the openings from the day of `from`; `visit` returns a result to stop. */
  function walk<T>(from: number, visit: (open: number, close: number) => T | undefined): T {
    let date = localDate(new Date(from), zone);
    for (let closed = 0; closed <= MAX_CLOSED_DAYS; date = addDays(date, 1)) {
      const intervals = intervalsOn(date);
      closed = intervals.length === 0 ? closed + 1 : 0;
      for (const [open, close] of intervals) {
        if (close <= from) continue;
        const result = visit(open, close);
        if (result !== undefined) return result;
      }
    }
    throw new Error(`no business hours in ${MAX_CLOSED_DAYS} consecutive days after ${date}`);
  }

  const calendar: BusinessCalendar = {
    timezone: zone,
    isOpen(at) {
      const t = at.getTime();
      return intervalsOn(localDate(at, zone)).some(([open, close]) => open <= t && t < close);
    },
    nextOpen(at) {
      const t = at.getTime();
      return walk(t, (open) => new Date(Math.max(open, t)));
    },
    addBusinessMinutes(start, minutes) {
      if (!Number.isFinite(minutes) || minutes < 0)
        throw new RangeError(`minutes must be ≥ 0, got ${minutes}`);
      let remaining = Math.round(minutes * MINUTE);
      const t = start.getTime();
      return walk(t, (open, close) => {
        const from = Math.max(open, t);
        if (remaining <= close - from) return new Date(from + remaining);
        remaining -= close - from;
        return undefined;
      });
    },
    businessMinutesBetween(a, b) {
      const [from, to] = [a.getTime(), b.getTime()];
      if (to < from) return -calendar.businessMinutesBetween(b, a);
      let total = 0;
      const lastDate = localDate(b, zone);
      for (let date = localDate(a, zone); date <= lastDate; date = addDays(date, 1)) {
        for (const [open, close] of intervalsOn(date))
          total += Math.max(0, Math.min(close, to) - Math.max(open, from));
      }
      return total / MINUTE;
    },
    isWorkingDay(isoDate) {
      if (!isIsoDate(isoDate)) throw new RangeError(`not a YYYY-MM-DD date: ${isoDate}`);
      return openingsOn(isoDate).length > 0;
    },
  };
  return calendar;
}
