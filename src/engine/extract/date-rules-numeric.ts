/** Dates written with digits and separators: 2025-03-15, 2025/3/15, 2025.3.15, 2025-03, 15/03/2025. */
import {
  accept,
  calendarDay,
  collect,
  type DateCandidate,
  type DateContext,
  period,
} from './date-calendar.js';

// Digits glued to letters, hyphens or slashes belong to something else: "SR-2025-0312", "PF2025-03".
const ISO_DAY =
  /(?<![\p{Script=Latin}\d\-/.])(\d{4})([-/.])(\d{1,2})\2(\d{1,2})(?![\p{Script=Latin}\d]|[-/.]\d)/gu;
const ISO_MONTH = /(?<![\p{Script=Latin}\d\-/.])(\d{4})[-/](\d{1,2})(?![\p{Script=Latin}\d]|[-/.]\d)/gu;
const DAY_FIRST =
  /(?<![\p{Script=Latin}\d\-/.])(\d{1,2})([-/.])(\d{1,2})\2(\d{4})(?![\p{Script=Latin}\d]|[-/.]\d)/gu;

/** Numeric dates. "05/03/2025" (May or March?) is claimed but yields no value: we never guess d/m. */
export function numericDates(folded: string, ctx: DateContext): DateCandidate[] {
  return [
    ...collect(folded, ISO_DAY, (m) => accept(ctx, calendarDay(+m[1]!, +m[3]!, +m[4]!, ctx), 'day')),
    ...collect(folded, ISO_MONTH, (m) => {
      const month = +m[2]!;
      if (month < 1 || month > 12) return undefined;
      return period(ctx, calendarDay(+m[1]!, month, 1, ctx), 'month');
    }),
    ...collect(folded, DAY_FIRST, (m) => {
      const a = +m[1]!;
      const b = +m[3]!;
      const year = +m[4]!;
      if (a > 12 && b <= 12) return accept(ctx, calendarDay(year, b, a, ctx), 'day');
      if (b > 12 && a <= 12) return accept(ctx, calendarDay(year, a, b, ctx), 'day');
      if (a === b) return accept(ctx, calendarDay(year, a, a, ctx), 'day');
      return null;
    }),
  ];
}
