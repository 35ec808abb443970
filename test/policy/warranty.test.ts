import { describe, expect, it } from 'vitest';
import type { Policy } from '../../src/policy/schema.js';
import { checkRow, day, decide, month, on, policy, type Row, year } from './warranty-helpers.js';

/** Date rules: 三包 windows, whole unit and main parts, acceptance, vague dates, categories. */
const rows: Row[] = [
  // 三包 7- and 15-day windows, counted from the purchase (start day not counted, last day included).
  [
    '7th day after purchase',
    { purchaseDate: day('2026-03-15'), today: on('2026-03-22') },
    'replace',
    'within_7_days',
  ],
  ['8th day', { purchaseDate: day('2026-03-15'), today: on('2026-03-23') }, 'replace', 'within_15_days'],
  ['15th day', { purchaseDate: day('2026-03-15'), today: on('2026-03-30') }, 'replace', 'within_15_days'],
  ['16th day', { purchaseDate: day('2026-03-15'), today: on('2026-03-31') }, 'free_repair', 'unit_period'],
  ['bought today', { purchaseDate: day('2026-03-15'), today: on('2026-03-15') }, 'replace', 'within_7_days'],
  // Whole unit 1 year, main parts 2 years.
  [
    'last day of the unit year',
    { purchaseDate: day('2025-03-15'), today: on('2026-03-15') },
    'free_repair',
    'unit_period',
  ],
  [
    'day after, mainboard',
    { purchaseDate: day('2025-03-15'), faultyPart: 'mainboard', today: on('2026-03-16') },
    'free_repair',
    'main_part_period',
  ],
  [
    'day after, battery',
    { purchaseDate: day('2025-03-15'), faultyPart: 'battery', today: on('2026-03-16') },
    'paid_repair',
    'expired',
  ],
  [
    'day after, part unknown',
    { purchaseDate: day('2025-03-15'), today: on('2026-03-16') },
    'needs_review',
    'main_part_unknown',
  ],
  [
    'day after, part not in the list',
    { purchaseDate: day('2025-03-15'), faultyPart: 'flux_capacitor', today: on('2026-03-16') },
    'needs_review',
    'main_part_unknown',
  ],
  [
    'last day of the main-part years',
    { purchaseDate: day('2024-03-15'), faultyPart: 'hard_drive', today: on('2026-03-15') },
    'free_repair',
    'main_part_period',
  ],
  [
    'day after the main-part years',
    { purchaseDate: day('2024-03-15'), faultyPart: 'hard_drive', today: on('2026-03-16') },
    'paid_repair',
    'expired',
  ],
  [
    'both over, part unknown',
    { purchaseDate: day('2024-03-15'), today: on('2026-03-16') },
    'paid_repair',
    'expired',
  ],
  // Leap day: 2024-02-29 + 1 year ends 2025-02-28.
  [
    'leap day, 2025-02-28',
    { purchaseDate: day('2024-02-29'), today: on('2025-02-28') },
    'free_repair',
    'unit_period',
  ],
  [
    'leap day, 2025-03-01, keyboard',
    { purchaseDate: day('2024-02-29'), faultyPart: 'keyboard', today: on('2025-03-01') },
    'free_repair',
    'main_part_period',
  ],
  // "Today" is the Shanghai date: 2026-11-26T17:00Z is already 27 Nov there.
  [
    'Shanghai date decides',
    { purchaseDate: day('2025-11-26'), faultyPart: 'fan', today: new Date('2026-11-26T17:00:00Z') },
    'paid_repair',
    'expired',
  ],
  [
    'an explicit UTC zone sees 26 Nov',
    {
      purchaseDate: day('2025-11-26'),
      faultyPart: 'fan',
      today: new Date('2026-11-26T17:00:00Z'),
      timezone: 'UTC',
    },
    'free_repair',
    'unit_period',
  ],
  // Acceptance (验收) counts for the free-repair periods, not for the 7/15-day windows.
  [
    'acceptance extends the unit period',
    { purchaseDate: day('2025-01-10'), acceptanceDate: '2025-03-01', today: on('2026-02-15') },
    'free_repair',
    'unit_period',
  ],
  [
    'acceptance does not open the 7-day window',
    { purchaseDate: day('2026-01-01'), acceptanceDate: '2026-03-15', today: on('2026-03-18') },
    'free_repair',
    'unit_period',
  ],
  [
    'acceptance alone',
    { acceptanceDate: '2025-06-01', today: on('2026-06-01') },
    'free_repair',
    'unit_period',
  ],
  [
    'acceptance in the future is ignored',
    { acceptanceDate: '2026-06-01', today: on('2026-03-01') },
    'needs_review',
    'unknown_date',
  ],
  // Unknown or vague dates: never free on a guess.
  ['no date', { today: on('2026-03-01') }, 'needs_review', 'unknown_date'],
  [
    'malformed date',
    { purchaseDate: day('2025-13-01'), today: on('2026-03-01') },
    'needs_review',
    'unknown_date',
  ],
  [
    'future date',
    { purchaseDate: day('2026-04-01'), today: on('2026-03-01') },
    'needs_review',
    'unknown_date',
  ],
  [
    'March 2025, every day inside',
    { purchaseDate: month('2025-03-01'), today: on('2026-03-01') },
    'free_repair',
    'unit_period',
  ],
  [
    'March 2025, some days outside',
    { purchaseDate: month('2025-03-01'), faultyPart: 'battery', today: on('2026-03-02') },
    'needs_review',
    'imprecise_date',
  ],
  [
    'March 2025, some days outside but a main part',
    { purchaseDate: month('2025-03-01'), faultyPart: 'mainboard', today: on('2026-03-02') },
    'free_repair',
    'main_part_period',
  ],
  [
    'March 2025, every day outside',
    { purchaseDate: month('2025-03-01'), faultyPart: 'battery', today: on('2026-04-01') },
    'paid_repair',
    'expired',
  ],
  [
    'this month, every possible day within 7 days',
    { purchaseDate: month('2026-03-01'), today: on('2026-03-05') },
    'replace',
    'within_7_days',
  ],
  [
    'this month, only the 15-day window is certain',
    { purchaseDate: month('2026-03-01'), today: on('2026-03-10') },
    'replace',
    'within_15_days',
  ],
  [
    'year 2024, main part certain',
    { purchaseDate: year('2024-01-01'), faultyPart: 'cpu', today: on('2026-01-01') },
    'free_repair',
    'main_part_period',
  ],
  [
    'year 2024, main part uncertain',
    { purchaseDate: year('2024-01-01'), faultyPart: 'cpu', today: on('2026-06-01') },
    'needs_review',
    'imprecise_date',
  ],
  [
    'year 2024, not a main part',
    { purchaseDate: year('2024-01-01'), faultyPart: 'fan', today: on('2026-01-01') },
    'paid_repair',
    'expired',
  ],
  // Categories.
  [
    'server: 3 years, last day',
    { category: 'server', purchaseDate: day('2023-06-01'), today: on('2026-06-01') },
    'free_repair',
    'unit_period',
  ],
  [
    'server: day after',
    { category: 'server', purchaseDate: day('2023-06-01'), today: on('2026-06-02') },
    'paid_repair',
    'expired',
  ],
  [
    'printer printhead is a main part',
    {
      category: 'printer',
      purchaseDate: day('2024-06-01'),
      faultyPart: 'printhead',
      today: on('2025-12-01'),
    },
    'free_repair',
    'main_part_period',
  ],
  [
    'printer keyboard is not',
    { category: 'printer', purchaseDate: day('2024-06-01'), faultyPart: 'keyboard', today: on('2025-12-01') },
    'paid_repair',
    'expired',
  ],
  [
    'unknown category',
    { category: 'camera', purchaseDate: day('2026-03-01'), today: on('2026-03-02') },
    'needs_review',
    'unknown_category',
  ],
];

describe('decideWarranty', () => {
  it.each(rows)('%s', (...row) => checkRow(row));

  it('offers return, exchange or repair in 7 days, exchange or repair in 15, replacement for DOA', () => {
    expect(decide({ purchaseDate: day('2026-03-15'), today: on('2026-03-16') }).options).toEqual([
      'return',
      'exchange',
      'repair',
    ]);
    expect(decide({ purchaseDate: day('2026-03-15'), today: on('2026-03-25') }).options).toEqual([
      'exchange',
      'repair',
    ]);
    expect(decide({ purchaseDate: day('2026-03-15'), doa: true, today: on('2026-03-16') }).options).toEqual([
      'exchange',
    ]);
    expect(decide({ purchaseDate: day('2025-03-15'), today: on('2025-12-01') }).options).toEqual(['repair']);
    expect(decide({ purchaseDate: day('2020-03-15'), today: on('2025-12-01') }).options).toBeUndefined();
  });

  it('reports coverage ends, from acceptance when known and the earliest end for a vague date', () => {
    expect(decide({ purchaseDate: day('2024-02-29'), today: on('2025-01-01') }).coverage).toEqual({
      unitEnds: '2025-02-28',
      mainPartsEnds: '2026-02-28',
    });
    expect(
      decide({ purchaseDate: day('2025-01-10'), acceptanceDate: '2025-03-01', today: on('2025-04-01') })
        .coverage,
    ).toEqual({
      unitEnds: '2026-03-01',
      mainPartsEnds: '2027-03-01',
    });
    expect(decide({ purchaseDate: month('2025-03-01'), today: on('2025-04-01') }).coverage).toEqual({
      unitEnds: '2026-03-01',
      mainPartsEnds: '2027-03-01',
    });
    expect(
      decide({ category: 'server', purchaseDate: day('2025-03-15'), today: on('2025-04-01') }).coverage,
    ).toEqual({
      unitEnds: '2028-03-15',
      mainPartsEnds: '2028-03-15',
    });
    expect(decide({ today: on('2025-04-01') }).coverage).toEqual({ unitEnds: null, mainPartsEnds: null });
  });

  it('follows a month-based period to the month end (Jan 31 + 1 month → Feb 28)', () => {
    const monthly = structuredClone(policy) as Policy;
    monthly.warranty.exchange_period = { months: 1 };
    const bought = { purchaseDate: day('2026-01-31') };
    expect(decide({ ...bought, today: on('2026-02-28') }, monthly).rule).toBe('within_15_days');
    expect(decide({ ...bought, today: on('2026-03-01') }, monthly).rule).toBe('unit_period');
  });
});
