import * as chrono from 'chrono-node';
import {
  accept,
  calendarDay,
  type DateCandidate,
  type DateContext,
  type DateValue,
  dateContext,
  yearless,
} from './date-calendar.js';
import { englishDates } from './date-rules-en.js';
import { numericDates } from './date-rules-numeric.js';
import { chineseDates } from './date-rules-zh.js';
import { foldForMatch, isWordChar } from './fold.js';
import type { Found } from './found.js';

export type { DateValue } from './date-calendar.js';

/** Options for {@link extractDate}. */
export interface ExtractDateOptions {
  /** The moment the message arrived (an injected clock, never `new Date()` here). */
  now: Date;
  /** IANA timezone in which "today" is counted, e.g. `Asia/Shanghai`. */
  timezone: string;
  /**
   * Only dates up to today (purchase dates): a future date is rejected, a month or day without a
   * year goes to its most recent occurrence. @defaultValue true
   */
  past?: boolean;
}

// chrono covers forms our rules do not ("Mar 3rd", "the 3rd of March 2025 at noon", "2025年3月15日下午");
// it is only trusted for real calendar dates, never for bare numbers, times or weekday names.
function chronoDates(text: string, ctx: DateContext, now: Date): DateCandidate[] {
  const reference = { instant: now, timezone: ctx.today.offset };
  const options = { forwardDate: !ctx.past };
  const results = [
    ...chrono.en.parse(text, reference, options),
    ...chrono.zh.hans.parse(text, reference, options),
  ];
  const found: DateCandidate[] = [];
  for (const result of results) {
    const start = result.index;
    const end = start + result.text.length;
    if (!/\p{L}/u.test(result.text) || isWordChar(text[start - 1]) || isWordChar(text[end])) continue;
    const c = result.start;
    if (!c.isCertain('month') || !(c.isCertain('day') || c.isCertain('year'))) continue;
    const month = c.get('month') ?? 1;
    const day = c.isCertain('day') ? (c.get('day') ?? 1) : undefined;
    let value: DateValue | null;
    if (!c.isCertain('year')) value = yearless(ctx, month, day);
    else
      value = accept(
        ctx,
        calendarDay(c.get('year') ?? 0, month, day ?? 1, ctx),
        day === undefined ? 'month' : 'day',
      );
    found.push({ start, end, value });
  }
  return found;
}

/**
 * Finds the first date in a message, Chinese or English, absolute ("2025-03-15", "2025年3月15日",
 * "March 15, 2025") or relative ("去年3月", "三个月前", "上周", "3 weeks ago", "last March"), counted
 * in the customer's timezone. Serial numbers, phone numbers, model names and bare numbers are not
 * dates; "05/03/2025" (day or month first?) is refused rather than guessed.
 */
export function extractDate(text: string, opts: ExtractDateOptions): Found<DateValue> | null {
  const ctx = dateContext(opts.now, opts.timezone, opts.past ?? true);
  const folded = foldForMatch(text);
  const ours = [
    ...numericDates(folded, ctx),
    ...chineseDates(folded, ctx),
    ...englishDates(text, folded, ctx),
  ];
  const candidates = [...ours, ...chronoDates(folded, ctx, opts.now)];
  // Our rules before chrono on the same span; otherwise left to right, longest first. A span that was
  // recognised but refused (a future date) still hides what overlaps it.
  const rank = new Map(candidates.map((c, i) => [c, i < ours.length ? 0 : 1]));
  candidates.sort((a, b) => a.start - b.start || b.end - a.end || rank.get(a)! - rank.get(b)!);
  let claimedUntil = -1;
  for (const candidate of candidates) {
    if (candidate.start < claimedUntil) continue;
    if (candidate.value) return { value: candidate.value, start: candidate.start, end: candidate.end };
    claimedUntil = candidate.end;
  }
  return null;
}
