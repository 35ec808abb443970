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
 * The days a date could be: one day, or every day of the month/year the customer named, cut off at
 * today (nothing was bought tomorrow). Null when unknown, malformed, or wholly in the future.
 */
export interface DateRange {
  earliest: IsoDate;
  latest: IsoDate;
  precision: 'day' | 'month' | 'year';
}

export function dateRange(
  date: { date: string; precision: 'day' | 'month' | 'year' } | null | undefined,
  today: IsoDate,
): DateRange | null {
  if (!date || !isIsoDate(date.date)) return null;
  const span =
    date.precision === 'day' ? { first: date.date, last: date.date } : spanOf(date.date, date.precision);
  if (span.first > today) return null;
  return { earliest: span.first, latest: span.last < today ? span.last : today, precision: date.precision };
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
