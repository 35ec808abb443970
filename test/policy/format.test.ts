import { describe, expect, it } from 'vitest';
import type { Duration } from '../../src/policy/dates.js';
import { formatDate, formatDeadline, formatDuration, formatPartialDate } from '../../src/policy/format.js';
import type { Lang } from '../../src/port/messages.js';

describe('formatDeadline', () => {
  it.each<[string, Lang, string, string]>([
    ['2025-12-01T04:00:00Z', 'zh', 'Asia/Shanghai', '12月1日(周一) 12:00'],
    ['2025-12-01T04:00:00Z', 'en', 'Asia/Shanghai', 'Mon 1 Dec, 12:00'],
    ['2026-11-26T17:00:00Z', 'zh', 'Asia/Shanghai', '11月27日(周五) 01:00'],
    ['2026-11-26T17:00:00Z', 'zh', 'UTC', '11月26日(周四) 17:00'],
    ['2026-09-01T01:05:00Z', 'en', 'Asia/Shanghai', 'Tue 1 Sep, 09:05'],
    ['2026-03-29T07:00:00Z', 'en', 'Europe/Berlin', 'Sun 29 Mar, 09:00'],
    ['2026-10-04T04:00:00Z', 'zh', 'Asia/Shanghai', '10月4日(周日) 12:00'],
  ])('%s %s %s → %s', (instant, lang, zone, expected) => {
    expect(formatDeadline(new Date(instant), lang, zone)).toBe(expected);
  });
});

describe('formatDate', () => {
  it.each<[string, Lang, string]>([
    ['2025-03-15', 'zh', '2025年3月15日'],
    ['2025-03-15', 'en', '15 March 2025'],
    ['2024-02-29', 'zh', '2024年2月29日'],
    ['2024-02-29', 'en', '29 February 2024'],
    ['2026-12-01', 'en', '1 December 2026'],
  ])('%s %s → %s', (date, lang, expected) => {
    expect(formatDate(date, lang)).toBe(expected);
  });

  it('rejects an impossible date', () => {
    expect(() => formatDate('2025-02-30', 'en')).toThrow(RangeError);
  });
});

describe('formatPartialDate', () => {
  it.each<[string, 'day' | 'month' | 'year', Lang, string]>([
    ['2025-03-15', 'day', 'zh', '2025年3月15日'],
    ['2025-03-01', 'month', 'zh', '2025年3月'],
    ['2025-03-01', 'month', 'en', 'March 2025'],
    ['2025-01-01', 'year', 'zh', '2025年'],
    ['2025-01-01', 'year', 'en', '2025'],
  ])('%s (%s) %s → %s', (date, precision, lang, expected) => {
    expect(formatPartialDate(date, precision, lang)).toBe(expected);
  });
});

describe('formatDuration', () => {
  it.each<[Duration, Lang, boolean, string]>([
    [{ years: 1 }, 'zh', false, '1年'],
    [{ years: 1 }, 'en', false, '1 year'],
    [{ years: 2 }, 'en', false, '2 years'],
    [{ years: 2 }, 'en', true, '2-year'],
    [{ months: 3 }, 'zh', false, '3个月'],
    [{ months: 3 }, 'en', true, '3-month'],
    [{ days: 15 }, 'zh', false, '15天'],
    [{ days: 1 }, 'en', false, '1 day'],
    [{ days: 7 }, 'en', false, '7 days'],
  ])('%j %s adjective=%s → %s', (period, lang, adjective, expected) => {
    expect(formatDuration(period, lang, adjective)).toBe(expected);
  });
});
