import { describe, expect, it } from 'vitest';
import { comparePeriods, type Duration, isIsoDate, localDate, periodEnd } from '../../src/policy/dates.js';

describe('periodEnd (民法典 Art. 201–202: start day not counted, ends on the corresponding day)', () => {
  it.each<[string, Duration, string]>([
    ['2025-03-15', { years: 1 }, '2026-03-15'],
    ['2025-03-15', { days: 7 }, '2025-03-22'],
    ['2025-03-15', { days: 15 }, '2025-03-30'],
    ['2026-01-31', { months: 1 }, '2026-02-28'],
    ['2028-01-31', { months: 1 }, '2028-02-29'],
    ['2024-02-29', { years: 1 }, '2025-02-28'],
    ['2024-02-29', { years: 4 }, '2028-02-29'],
    ['2025-12-31', { days: 1 }, '2026-01-01'],
    ['2025-08-31', { months: 6 }, '2026-02-28'],
  ])('%s + %j → %s', (start, period, end) => {
    expect(periodEnd(start, period)).toBe(end);
  });
});

describe('isIsoDate', () => {
  it.each([
    ['2026-02-28', true],
    ['2028-02-29', true],
    ['2026-02-29', false],
    ['2026-13-01', false],
    ['2026-1-1', false],
    ['20260101', false],
    [20260101, false],
    [null, false],
  ])('%j → %s', (value, valid) => {
    expect(isIsoDate(value)).toBe(valid);
  });
});

describe('localDate', () => {
  it('takes the date in the given zone', () => {
    const at = new Date('2026-11-26T17:00:00Z');
    expect(localDate(at, 'Asia/Shanghai')).toBe('2026-11-27');
    expect(localDate(at, 'UTC')).toBe('2026-11-26');
    expect(localDate(at, 'America/Los_Angeles')).toBe('2026-11-26');
  });
});

describe('comparePeriods', () => {
  it.each<[Duration, Duration, number]>([
    [{ days: 7 }, { days: 15 }, -1],
    [{ days: 15 }, { months: 1 }, -1],
    [{ months: 12 }, { years: 1 }, 0],
    [{ years: 3 }, { years: 2 }, 1],
  ])('%j vs %j → %i', (a, b, order) => {
    expect(comparePeriods(a, b)).toBe(order);
  });
});
