/**
 * Dates and deadlines as customers read them, in their language and the service's time zone.
 * Month and weekday names are spelled out here rather than taken from ICU, whose short forms change
 * between versions (en-GB "Sept"), so a promise reads the same on every server.
 */
import { DateTime } from 'luxon';
import type { Lang } from '../port/messages.js';
import type { Duration, IsoDate } from './dates.js';

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const WEEKDAYS_EN = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const WEEKDAYS_ZH = ['周一', '周二', '周三', '周四', '周五', '周六', '周日'];

/**
 * A reply deadline: zh `12月1日(周一) 12:00`, en `Mon 1 Dec, 12:00`, in `timezone`.
 * No year: promises are days ahead, and the weekday already disambiguates.
 */
export function formatDeadline(date: Date, lang: Lang, timezone: string): string {
  const at = DateTime.fromJSDate(date, { zone: timezone });
  const time = at.toFormat('HH:mm');
  if (lang === 'zh') return `${at.month}月${at.day}日(${WEEKDAYS_ZH[at.weekday - 1]}) ${time}`;
  return `${WEEKDAYS_EN[at.weekday - 1]} ${at.day} ${MONTHS[at.month - 1]!.slice(0, 3)}, ${time}`;
}

function parts(isoDate: IsoDate): { year: number; month: number; day: number } {
  const parsed = DateTime.fromISO(isoDate, { zone: 'utc' });
  if (!parsed.isValid) throw new RangeError(`not a YYYY-MM-DD date: ${isoDate}`);
  return { year: parsed.year, month: parsed.month, day: parsed.day };
}

/** A calendar date: zh `2025年3月15日`, en `15 March 2025`. */
export function formatDate(isoDate: IsoDate, lang: Lang): string {
  const { year, month, day } = parts(isoDate);
  return lang === 'zh' ? `${year}年${month}月${day}日` : `${day} ${MONTHS[month - 1]} ${year}`;
}

/**
 * A date known only to some precision, as the customer said it: day → {@link formatDate};
 * month → `2025年3月` / `March 2025`; year → `2025年` / `2025`.
 */
export function formatPartialDate(isoDate: IsoDate, precision: 'day' | 'month' | 'year', lang: Lang): string {
  if (precision === 'day') return formatDate(isoDate, lang);
  const { year, month } = parts(isoDate);
  if (precision === 'year') return lang === 'zh' ? `${year}年` : String(year);
  return lang === 'zh' ? `${year}年${month}月` : `${MONTHS[month - 1]} ${year}`;
}

/**
 * A policy period: zh `1年`, `3个月`, `15天`; en `1 year`, `3 months`, `15 days`, or with
 * `adjective` `1-year`, `3-month`, `15-day` ("the 1-year whole-unit warranty").
 */
export function formatDuration(period: Duration, lang: Lang, adjective = false): string {
  const [unit, n] =
    period.years !== undefined
      ? (['year', period.years] as const)
      : period.months !== undefined
        ? (['month', period.months] as const)
        : (['day', period.days ?? 0] as const);
  if (lang === 'zh') return `${n}${{ year: '年', month: '个月', day: '天' }[unit]}`;
  if (adjective) return `${n}-${unit}`;
  return `${n} ${unit}${n === 1 ? '' : 's'}`;
}
