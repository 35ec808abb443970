import { describe, expect, it } from 'vitest';
import { extractDate } from '../../src/engine/extract/index.js';
import { decide, on } from './warranty-helpers.js';

// Thursday 26 November 2026 in Shanghai; a laptop: whole unit 1 year, main parts 2 years.
const today = on('2026-11-26');

/** The purchase date as the bot reads it from the customer's words. */
function said(words: string) {
  const found = extractDate(words, { now: today, timezone: 'Asia/Shanghai' });
  if (!found) throw new Error(`no date in ${words}`);
  return found.value;
}

describe('decideWarranty: a date known roughly is decided only when its whole range agrees', () => {
  it.each([
    ['用了半年', 'free_repair', 'unit_period'],
    ['bought it eight months ago', 'free_repair', 'unit_period'],
    ['买了十一个月', 'free_repair', 'unit_period'],
    // 6 to 18 months: the one-year warranty may have ended, or not.
    ['用了一年', 'needs_review', 'imprecise_date'],
    ['about a year old', 'needs_review', 'imprecise_date'],
    ['一年多前买的', 'needs_review', 'imprecise_date'],
    // 30 to 42 months: past both periods whatever the day.
    ['三年前买的', 'paid_repair', 'expired'],
    ['bought it three years ago', 'paid_repair', 'expired'],
  ])('%s → %s (%s)', (words, decision, rule) => {
    const result = decide({ purchaseDate: said(words), faultyPart: 'battery', today });
    expect({ decision: result.decision, rule: result.rule }).toEqual({ decision, rule });
  });

  it('a main part bought "two years ago" is near its 2-year end: the invoice decides', () => {
    const result = decide({ purchaseDate: said('两年前买的'), faultyPart: 'mainboard', today });
    expect(result.rule).toBe('imprecise_date');
    expect(result.explanation.zh).toContain('大约2024年11月购买');
    expect(result.explanation.zh).toContain('发票');
    expect(result.explanation.en).toContain('Bought around November 2024');
    expect(result.explanation.en).toContain('invoice');
  });

  it('"去年1月" is every day of January 2025, not a range around it', () => {
    const result = decide({ purchaseDate: said('去年1月买的'), faultyPart: 'mainboard', today });
    expect(result.rule).toBe('main_part_period');
  });
});
