/**
 * The warranty terms that apply to one product category, and whether a date the customer gave (maybe
 * only to the month or year) is certainly inside a period, certainly outside it, or can't be told.
 */
import { type Duration, type IsoDate, isIsoDate, periodEnd, spanOf } from './dates.js';
import type { CategoryTerms, WarrantyPolicy } from './schema.js';

/** Category overrides applied over the warranty defaults. */
export interface EffectiveTerms {
  category: CategoryTerms;
  return_period: Duration;
  exchange_period: Duration;
  unit_period: Duration;
  main_parts_period: Duration;
  doa_days: number;
  repair_guarantee_days: number;
  /** Part ids that count as main parts (主要部件) for this category. */
  mainParts: string[];
}

/** Terms for a category id, or null when the policy does not know the category. */
export function effectiveTerms(warranty: WarrantyPolicy, categoryId: string): EffectiveTerms | null {
  const category = Object.hasOwn(warranty.categories, categoryId)
    ? warranty.categories[categoryId]
    : undefined;
  if (!category) return null;
  const mainParts =
    category.main_parts ??
    Object.entries(warranty.parts)
      .filter(([, part]) => part.main)
      .map(([id]) => id);
  return {
    category,
    return_period: category.return_period ?? warranty.return_period,
    exchange_period: category.exchange_period ?? warranty.exchange_period,
    unit_period: category.unit_period ?? warranty.unit_period,
    main_parts_period: category.main_parts_period ?? warranty.main_parts_period,
    doa_days: category.doa_days ?? warranty.doa_days,
    repair_guarantee_days: warranty.repair_guarantee_days,
    mainParts,
  };
}

/**
 * A purchase date as precise as the customer could say it: a day, a month, a year, or a date known
 * roughly ("半年前", "about 18 months ago", "春节前") with the first and last day it can be.
 */
export interface PurchaseDate {
  date: string;
  precision: 'day' | 'month' | 'year';
  range?: { earliest: string; latest: string } | undefined;
}

/**
 * The days a date could be: one day, every day of the month/year the customer named, or the range of
 * a date known roughly, cut off at today (nothing was bought tomorrow). Null when unknown, malformed,
 * or wholly in the future.
 */
export interface DateRange {
  earliest: IsoDate;
  latest: IsoDate;
  precision: 'day' | 'month' | 'year';
  /** For a date known roughly: the likeliest day, which is how it is named to the customer. */
  about?: IsoDate;
}

function spanOfDate(date: PurchaseDate): { first: IsoDate; last: IsoDate } {
  const { range } = date;
  if (range && isIsoDate(range.earliest) && isIsoDate(range.latest) && range.earliest <= range.latest)
    return { first: range.earliest, last: range.latest };
  return date.precision === 'day' ? { first: date.date, last: date.date } : spanOf(date.date, date.precision);
}

export function dateRange(date: PurchaseDate | null | undefined, today: IsoDate): DateRange | null {
  if (!date || !isIsoDate(date.date)) return null;
  const span = spanOfDate(date);
  if (span.first > today) return null;
  return {
    earliest: span.first,
    latest: span.last < today ? span.last : today,
    precision: date.precision,
    ...(date.range ? { about: date.date } : {}),
  };
}

export type PeriodStatus = 'inside' | 'outside' | 'ambiguous';

/**
 * Inside only if every possible start day leaves `today` inside the period (the earliest start ends
 * first); outside only if even the latest start has ended. "March 2025" is never guessed to be the 31st.
 */
export function periodStatus(range: DateRange, period: Duration, today: IsoDate): PeriodStatus {
  if (today <= periodEnd(range.earliest, period)) return 'inside';
  if (today > periodEnd(range.latest, period)) return 'outside';
  return 'ambiguous';
}
