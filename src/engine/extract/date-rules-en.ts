/** English dates: March 15, 2025 / 15 March 2025 / last March / yesterday / last Friday… (durations: date-durations.ts) */
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
import { ENGLISH_ORDINAL_SOURCE, parseEnglishOrdinal } from './english-numbers.js';

const MONTH =
  '(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\.?';
const MONTH_KEYS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const B = '(?<![\\p{Script=Latin}\\d])';
const E = '(?![\\p{Script=Latin}\\d])';
/** After a date: "2025", "'25", "last year", "of this year" (three groups, see {@link tailYear}). */
const YEAR_TAIL =
  "(?:,?\\s+(\\d{4})(?!\\d)|\\s+'(\\d{2})(?!\\d)|\\s+(?:of\\s+)?(last|this)\\s+year(?![\\p{Script=Latin}\\d]))?";
const ORDINAL_SUFFIX = '(?:st|nd|rd|th)?';

const MONTH_DAY = new RegExp(`${B}${MONTH}\\s+(\\d{1,2})${ORDINAL_SUFFIX}${E}${YEAR_TAIL}`, 'giu');
const DAY_MONTH = new RegExp(
  `${B}(?:the\\s+)?(\\d{1,2})${ORDINAL_SUFFIX}\\s+(?:of\\s+)?${MONTH}${E}${YEAR_TAIL}`,
  'giu',
);
const MONTH_ALONE = new RegExp(
  `${B}(?:(last|this|next|in|since|during|early|late|mid|around|from|until|before|after|of)[\\s-]+)?${MONTH}${E}${YEAR_TAIL}`,
  'giu',
);
/** "March last year", "in June of this year": a month pinned to a relative year. */
const MONTH_OF_RELATIVE_YEAR = new RegExp(
  `${B}(?:(?:in|since|during|early|late|mid|around)\\s+)?${MONTH}\\s+(?:of\\s+)?(last|this)\\s+year${E}`,
  'giu',
);
const IN_YEAR = new RegExp(
  `${B}(?:in|since|during|from|of|early|late|mid)\\s+(\\d{4})${E}(?![-/.]\\d)`,
  'giu',
);
const ONLY_YEAR = /^\s*(\d{4})\s*[.!]?\s*$/giu;
const NAMED_DAY =
  /(?<![\p{Script=Latin}\d])(?:(?:the\s+)?day\s+before\s+yesterday|(?:the\s+)?day\s+after\s+tomorrow|yesterday|last\s+night|today|this\s+morning|tomorrow)(?![\p{Script=Latin}\d])/giu;
const RELATIVE_PERIOD =
  /(?<![\p{Script=Latin}\d])(last|this|next)\s+(week|month|year)(?![\p{Script=Latin}\d])/giu;
const WEEKDAY =
  /(?<![\p{Script=Latin}\d])(?:(last|this|next|on|past)\s+)?(monday|tuesday|wednesday|thursday|friday|saturday|sunday)s?(?![\p{Script=Latin}\d])/giu;
const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];
const NAMED_DAY_OFFSET: ReadonlyArray<[RegExp, number]> = [
  [/before/, -2],
  [/after/, 2],
  [/yesterday|night/, -1],
  [/tomorrow/, 1],
];

// Month words that are also ordinary English words need a year or a preposition ("you may", "march on").
const WORDLIKE_MONTHS = new Set([
  'may',
  'mar',
  'march',
  'jan',
  'jun',
  'dec',
  'sep',
  'sept',
  'oct',
  'nov',
  'aug',
  'apr',
  'feb',
]);

function monthIndex(word: string): number {
  return MONTH_KEYS.indexOf(word.slice(0, 3)) + 1;
}

/**
 * The year a YEAR_TAIL names, from its groups starting at `first`: "2025", "'25" (2025; a year past next
 * year is the last century's), "last year", "this year"; undefined without a tail.
 */
function tailYear(m: RegExpExecArray, first: number, ctx: DateContext): number | undefined {
  const [full, short, relative] = [m[first], m[first + 1], m[first + 2]];
  if (full !== undefined) return Number(full);
  if (short !== undefined) {
    const year = 2000 + Number(short);
    return year > ctx.today.year + 1 ? year - 100 : year;
  }
  if (relative !== undefined) return ctx.today.year - (relative.toLowerCase() === 'last' ? 1 : 0);
  return undefined;
}

function dayMonth(ctx: DateContext, month: number, day: number, year: number | undefined) {
  if (year === undefined) return yearless(ctx, month, day);
  return accept(ctx, calendarDay(year, month, day, ctx), 'day');
}

/** "The 21st of last month", "the first of this month": a day of a month named relative to today. */
const ORDINAL_OF_MONTH = new RegExp(
  `${B}(?:the\\s+)?(${ENGLISH_ORDINAL_SOURCE})\\s+of\\s+(last|this|next)\\s+month${E}`,
  'giu',
);
/** "Wednesday last week", "Friday of last week", "Monday this week". */
const WEEKDAY_OF_WEEK = new RegExp(
  `${B}(?:on\\s+)?(monday|tuesday|wednesday|thursday|friday|saturday|sunday)(?:\\s+of)?\\s+(last|this|next)\\s+week${E}`,
  'giu',
);
const STEP: Readonly<Record<string, number>> = { last: -1, this: 0, next: 1 };

function relativeDays(cased: string, ctx: DateContext): DateCandidate[] {
  return [
    ...collect(cased, ORDINAL_OF_MONTH, (m) => {
      const day = parseEnglishOrdinal(m[1]!.toLowerCase());
      const month = ctx.today.startOf('month').plus({ months: STEP[m[2]!.toLowerCase()]! });
      return day === null ? undefined : accept(ctx, calendarDay(month.year, month.month, day, ctx), 'day');
    }),
    ...collect(cased, WEEKDAY_OF_WEEK, (m) => {
      const weekday = WEEKDAYS.indexOf(m[1]!.toLowerCase()) + 1;
      return accept(ctx, weekdayOf(ctx, weekday, -STEP[m[2]!.toLowerCase()]!), 'day');
    }),
  ];
}

/**
 * English calendar dates and relative expressions. `cased` is the text folded with its case kept:
 * a capital letter tells the month "May" from the verb "may".
 */
export function englishDates(cased: string, ctx: DateContext): DateCandidate[] {
  const { today } = ctx;
  return [
    ...collect(cased, MONTH_OF_RELATIVE_YEAR, (m) => {
      const year = today.year - (m[2]!.toLowerCase() === 'last' ? 1 : 0);
      return period(ctx, calendarDay(year, monthIndex(m[1]!.toLowerCase()), 1, ctx), 'month');
    }),
    ...collect(cased, MONTH_DAY, (m) => {
      // "may 5 people…": a word-like month needs its capital letter or a year.
      const word = m[1]!.toLowerCase();
      const year = tailYear(m, 3, ctx);
      if (WORDLIKE_MONTHS.has(word) && year === undefined && !/^[A-Z]/.test(m[0])) return undefined;
      return dayMonth(ctx, monthIndex(word), Number(m[2]), year);
    }),
    ...collect(cased, DAY_MONTH, (m) =>
      dayMonth(ctx, monthIndex(m[2]!.toLowerCase()), Number(m[1]), tailYear(m, 3, ctx)),
    ),
    ...collect(cased, MONTH_ALONE, (m) => {
      const prefix = m[1]?.toLowerCase();
      const word = m[2]!.toLowerCase();
      const year = tailYear(m, 3, ctx);
      const month = monthIndex(word);
      if (year !== undefined) return period(ctx, calendarDay(year, month, 1, ctx), 'month');
      if (prefix === undefined) {
        const capitalised = /^[A-Z]/.test(m[0]);
        return WORDLIKE_MONTHS.has(word) || !capitalised ? undefined : yearless(ctx, month, undefined);
      }
      if (prefix === 'this') return period(ctx, calendarDay(today.year, month, 1, ctx), 'month');
      if (prefix === 'next') return ctx.past ? null : yearless(ctx, month, undefined, true);
      return yearless(ctx, month, undefined, prefix === 'last');
    }),
    ...collect(cased, IN_YEAR, (m) => period(ctx, calendarDay(Number(m[1]), 1, 1, ctx), 'year')),
    ...collect(cased, ONLY_YEAR, (m) => period(ctx, calendarDay(Number(m[1]), 1, 1, ctx), 'year')),
    ...collect(cased, NAMED_DAY, (m) => {
      const offset = NAMED_DAY_OFFSET.find(([pattern]) => pattern.test(m[0].toLowerCase()))?.[1] ?? 0;
      return accept(ctx, today.plus({ days: offset }), 'day');
    }),
    ...collect(cased, RELATIVE_PERIOD, (m) => {
      const which = m[1]!.toLowerCase();
      const step = which === 'last' ? -1 : which === 'next' ? 1 : 0;
      // "last week" has no calendar unit of its own: about a week ago.
      const unit = m[2]!.toLowerCase() as 'week' | 'month' | 'year';
      if (unit === 'week') return accept(ctx, today.plus({ weeks: step }), 'day');
      return period(ctx, today.plus({ [unit === 'month' ? 'months' : 'years']: step }), unit);
    }),
    ...relativeDays(cased, ctx),
    ...collect(cased, WEEKDAY, (m) => {
      const weekday = WEEKDAYS.indexOf(m[2]!.toLowerCase()) + 1;
      const prefix = m[1]?.toLowerCase();
      if (prefix === 'this') return accept(ctx, weekdayOf(ctx, weekday, 0), 'day');
      if (prefix === 'last' || prefix === 'past') {
        const back = nearestWeekday({ ...ctx, past: true }, weekday);
        return accept(ctx, back.hasSame(today, 'day') ? back.minus({ weeks: 1 }) : back, 'day');
      }
      if (prefix === 'next') {
        const ahead = nearestWeekday({ ...ctx, past: false }, weekday);
        return accept(ctx, ahead.hasSame(today, 'day') ? ahead.plus({ weeks: 1 }) : ahead, 'day');
      }
      return accept(ctx, nearestWeekday(ctx, weekday), 'day');
    }),
  ];
}
