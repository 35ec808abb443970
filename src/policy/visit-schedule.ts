/**
 * Preventive visits (定期维护, 巡检 — plan section 8; plan 2 (1) "定期维护产品"), pure: the dates a
 * contract plans, the next one after a day, and the windows offered to a customer who must book again.
 */
import { DateTime } from 'luxon';
import type { BusinessCalendar } from './business-calendar.js';
import type { Contract } from './contract.js';
import { lastCoveredDay } from './contracts.js';
import { type IsoDate, periodEnd } from './dates.js';

/** Every planned visit of a contract, in order, inside its (possibly shortened) term. */
export function visitDates(contract: Pick<Contract, 'start' | 'end' | 'endedEarly' | 'visits'>): IsoDate[] {
  const schedule = contract.visits;
  if (!schedule) return [];
  const last = lastCoveredDay(contract);
  if (schedule.dates) {
    return [...new Set(schedule.dates)].filter((date) => date >= contract.start && date <= last).sort();
  }
  const dates: IsoDate[] = [];
  for (let n = 1; n <= 240; n++) {
    const date = periodEnd(contract.start, { months: n * schedule.everyMonths! });
    if (date > last) break;
    dates.push(date);
  }
  return dates;
}

/** The first planned visit strictly after `after`, or null when none is left. */
export function nextVisit(
  contract: Pick<Contract, 'start' | 'end' | 'endedEarly' | 'visits'>,
  after: IsoDate,
): IsoDate | null {
  return visitDates(contract).find((date) => date > after) ?? null;
}

/** Morning and afternoon windows, local time: how visits are booked on site. */
const HALF_DAYS = [
  { from: 9, to: 12 },
  { from: 14, to: 17 },
] as const;

/**
 * The next `count` half-day windows on working days, starting the day after `now` (an engineer needs a
 * day to plan the route — the plan rewards grouping visits).
 */
export function offerWindows(
  now: Date,
  count: number,
  calendar: BusinessCalendar,
  timezone: string,
): Array<{ start: string; end: string }> {
  const windows: Array<{ start: string; end: string }> = [];
  let day = DateTime.fromJSDate(now, { zone: timezone }).startOf('day');
  for (let n = 0; n < 60 && windows.length < count; n++) {
    day = day.plus({ days: 1 });
    if (!calendar.isWorkingDay(day.toISODate()!)) continue;
    for (const half of HALF_DAYS) {
      if (windows.length >= count) break;
      windows.push({
        start: day.set({ hour: half.from }).toISO({ suppressMilliseconds: true })!,
        end: day.set({ hour: half.to }).toISO({ suppressMilliseconds: true })!,
      });
    }
  }
  return windows;
}
