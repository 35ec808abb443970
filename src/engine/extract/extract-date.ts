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
import { chineseDurations, englishDurations } from './date-durations.js';
import { eventDates } from './date-events.js';
import { englishDates } from './date-rules-en.js';
import { numericDates } from './date-rules-numeric.js';
import { chineseDates } from './date-rules-zh.js';
import { foldForMatch, isWordChar } from './fold.js';
import type { Found } from './found.js';
import { textWindows } from './windows.js';

export type { DateValue } from './date-calendar.js';

/** Options for {@link extractDate}. */
export interface ExtractDateOptions {
  /** The moment the message arrived (an injected clock, never `new Date()` here). */
  now: Date;
  /** IANA timezone in which "today" is counted, e.g. `Asia/Shanghai`. */
  timezone: string;
  /**
   * Only dates up to today (purchase dates): a future date is rejected, a month or day without a
   * year goes to its most recent occurrence; false: a year-less date goes to its next occurrence.
   * @defaultValue true
   */
  past?: boolean;
}

function fromChrono(result: chrono.ParsedResult, ctx: DateContext): DateValue | null | undefined {
  const c = result.start;
  // Only real calendar dates: never a bare weekday ("sat down"), a time ("at 3") or a number.
  if (!/\p{L}/u.test(result.text) || !c.isCertain('month') || !(c.isCertain('day') || c.isCertain('year'))) {
    return undefined;
  }
  const month = c.get('month') ?? 1;
  const day = c.isCertain('day') ? (c.get('day') ?? 1) : undefined;
  if (!c.isCertain('year')) return yearless(ctx, month, day);
  return accept(
    ctx,
    calendarDay(c.get('year') ?? 0, month, day ?? 1, ctx),
    day === undefined ? 'month' : 'day',
  );
}

// chrono covers forms our rules do not ("Mar 3rd", "2025年3月15日下午3点"). It runs on windows: its
// Chinese parser is quadratic on long runs of spaces.
function chronoDates(folded: string, ctx: DateContext, now: Date): DateCandidate[] {
  const reference = { instant: now, timezone: ctx.today.offset };
  const options = { forwardDate: !ctx.past };
  const found: DateCandidate[] = [];
  for (const window of textWindows(folded.length)) {
    const part = folded.slice(window.start, window.end);
    if (!/[\p{L}\p{N}]/u.test(part)) continue;
    for (const result of [
      ...chrono.en.parse(part, reference, options),
      ...chrono.zh.hans.parse(part, reference, options),
    ]) {
      const start = window.start + result.index;
      const end = start + result.text.length;
      if (start < window.keepFrom || end > window.keepTo) continue;
      if (isWordChar(folded[start - 1]) || isWordChar(folded[end])) continue;
      found.push({ start, end, read: () => fromChrono(result, ctx) });
    }
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
  const cased = foldForMatch(text, false);
  const ours = [
    ...numericDates(folded, ctx),
    // Before the calendar rules: "用了10年" is ten years of use, not the year 2010.
    ...chineseDurations(folded, ctx),
    ...chineseDates(folded, ctx),
    ...eventDates(folded, ctx),
    ...englishDates(cased, ctx),
    ...englishDurations(cased, ctx),
  ];
  const candidates = [...ours, ...chronoDates(folded, ctx, opts.now)];
  // Left to right, longest first, our rules before chrono on the same span. A span recognised but
  // refused (a future purchase date) hides whatever overlaps it.
  const rank = new Map(candidates.map((c, i) => [c, i < ours.length ? 0 : 1]));
  candidates.sort((a, b) => a.start - b.start || b.end - a.end || rank.get(a)! - rank.get(b)!);
  let claimedUntil = -1;
  for (const candidate of candidates) {
    if (candidate.start < claimedUntil) continue;
    const value = candidate.read();
    if (value === undefined) continue;
    if (value) return { value, start: candidate.start, end: candidate.end };
    claimedUntil = candidate.end;
  }
  return null;
}
