/** Chinese dates: 2025年3月15日, 去年3月, 上个月, 上周五, 昨天… (durations: date-durations.ts) */
import { chineseNumeral } from './chinese-numeral.js';
import {
  accept,
  calendarDay,
  collect,
  type DateCandidate,
  type DateContext,
  nearestWeekday,
  period,
  weekdayOf,
  yearless,
} from './date-calendar.js';

const CN_DIGIT = '[〇零一二三四五六七八九]';
const NUM = '(\\d{1,2}|[一二三四五六七八九十]{1,3})';
/** "2025", "二〇二五", and the short "25" ("25年3月", "24年底"). */
const YEAR = `(\\d{4}|\\d{2}|${CN_DIGIT}{4})`;
// Not preceded by a digit: "12025年" is not a year, "13月" is not month 3.
const NO_DIGIT_BEFORE = '(?<![\\d〇零一二三四五六七八九十])';

const YEAR_MONTH_DAY = new RegExp(
  `${NO_DIGIT_BEFORE}(?:${YEAR}\\s*年\\s*|(今|去|大前|前|明)年\\s*)?${NUM}\\s*月份?(?:\\s*${NUM}\\s*[日号]|(\\d{1,2})(?![\\d日号]))?`,
  'gu',
);
const YEAR_ONLY = new RegExp(`${NO_DIGIT_BEFORE}${YEAR}\\s*年(年底|年末|年初|底|末|初)?(?![代前后])`, 'gu');
const RELATIVE_YEAR = /(今|去|大前|前|明)年(年底|年末|年初|底|末|初)?/gu;
const RELATIVE_DAY = /大前天|前天|昨天|昨日|昨晚|昨夜|今天|今日|明天|明日|大后天|后天/gu;
const RELATIVE_MONTH = new RegExp(`(上上|上|这|本|下)个?月(?:${NUM}[日号])?`, 'gu');
const WEEK = /(上上|上|这|本|下)?个?(?:周|星期|礼拜)([一二三四五六日天1-7])?/gu;

const YEAR_OFFSET: Readonly<Record<string, number>> = { 今: 0, 去: -1, 前: -2, 大前: -3, 明: 1 };
const DAY_OFFSET: Readonly<Record<string, number>> = {
  大前天: -3,
  前天: -2,
  昨天: -1,
  昨日: -1,
  昨晚: -1,
  昨夜: -1,
  今天: 0,
  今日: 0,
  明天: 1,
  明日: 1,
  后天: 2,
  大后天: 3,
};
const WEEKS_BACK: Readonly<Record<string, number>> = { 上上: 2, 上: 1, 这: 0, 本: 0, 下: -1 };
const MONTHS_BACK = WEEKS_BACK;
const WEEKDAY: Readonly<Record<string, number>> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 日: 7, 天: 7 };

function readNumber(text: string): number | null {
  return /^\d/.test(text) ? Number(text) : chineseNumeral(text);
}

/** A year as written: "25" is 2025 (a year past next year is the last century's). */
function readYear(text: string, ctx: DateContext): number | null {
  const year = readNumber(text);
  if (year === null || text.length !== 2) return year;
  return 2000 + year > ctx.today.year + 1 ? 1900 + year : 2000 + year;
}

/** Chinese calendar dates and relative expressions. */
export function chineseDates(folded: string, ctx: DateContext): DateCandidate[] {
  const { today } = ctx;
  return [
    ...collect(folded, YEAR_MONTH_DAY, (m) => {
      const month = readNumber(m[3]!);
      const dayText = m[4] ?? m[5];
      const day = dayText === undefined ? undefined : readNumber(dayText);
      if (month === null || month < 1 || month > 12 || day === null) return undefined;
      const year =
        m[1] !== undefined
          ? readYear(m[1], ctx)
          : m[2] !== undefined
            ? today.year + YEAR_OFFSET[m[2]]!
            : null;
      if (year === null) return yearless(ctx, month, day);
      if (day === undefined) return period(ctx, calendarDay(year, month, 1, ctx), 'month');
      return accept(ctx, calendarDay(year, month, day, ctx), 'day');
    }),
    ...collect(folded, YEAR_ONLY, (m) => {
      const year = readYear(m[1]!, ctx);
      if (year === null) return undefined;
      // "24年底" → December, "25年初" → January.
      if (m[2] !== undefined)
        return period(ctx, calendarDay(year, m[2].endsWith('初') ? 1 : 12, 1, ctx), 'month');
      return period(ctx, calendarDay(year, 1, 1, ctx), 'year');
    }),
    ...collect(folded, RELATIVE_YEAR, (m) => {
      const year = today.year + YEAR_OFFSET[m[1]!]!;
      // "去年底" → December, "今年初" → January: the month is as exact as the customer gets.
      if (m[2] === undefined) return period(ctx, calendarDay(year, 1, 1, ctx), 'year');
      return period(ctx, calendarDay(year, m[2].endsWith('初') ? 1 : 12, 1, ctx), 'month');
    }),
    ...collect(folded, RELATIVE_DAY, (m) => accept(ctx, today.plus({ days: DAY_OFFSET[m[0]]! }), 'day')),
    ...collect(folded, RELATIVE_MONTH, (m) => {
      const month = today.startOf('month').minus({ months: MONTHS_BACK[m[1]!]! });
      if (m[2] === undefined) return period(ctx, month, 'month');
      const day = readNumber(m[2]);
      return day === null ? undefined : accept(ctx, calendarDay(month.year, month.month, day, ctx), 'day');
    }),
    ...collect(folded, WEEK, (m) => {
      const weekday = m[2] === undefined ? undefined : (WEEKDAY[m[2]] ?? Number(m[2]));
      if (m[1] === undefined)
        return weekday === undefined ? undefined : accept(ctx, nearestWeekday(ctx, weekday), 'day');
      const weeksBack = WEEKS_BACK[m[1]]!;
      // "上周" alone: about a week ago.
      if (weekday === undefined) return accept(ctx, today.minus({ weeks: weeksBack }), 'day');
      return accept(ctx, weekdayOf(ctx, weekday, weeksBack), 'day');
    }),
  ];
}
