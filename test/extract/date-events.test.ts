import { describe, expect, it } from 'vitest';
import { dateContext } from '../../src/engine/extract/date-calendar.js';
import { lunarFestival, springFestival } from '../../src/engine/extract/date-events.js';
import { type DateValue, extractDate } from '../../src/engine/extract/index.js';

// Thursday 26 November 2026 (Thanksgiving in the US), 10:00 in Shanghai.
const now = new Date('2026-11-26T10:00:00+08:00');
const timezone = 'Asia/Shanghai';

function read(text: string, past = true): (DateValue & { span: string }) | null {
  const found = extractDate(text, { now, timezone, past });
  return found ? { ...found.value, span: text.slice(found.start, found.end) } : null;
}

describe('lunar festivals', () => {
  // Published dates (Hong Kong Observatory, 公历农历对照), not computed here.
  const midAutumn: Record<number, string> = {
    2020: '2020-10-01',
    2023: '2023-09-29',
    2024: '2024-09-17',
    2025: '2025-10-06',
    2026: '2026-09-25',
  };
  const dragonBoat: Record<number, string> = {
    2020: '2020-06-25',
    2023: '2023-06-22',
    2024: '2024-06-10',
    2025: '2025-05-31',
    2026: '2026-06-19',
  };
  const ctx = dateContext(now, timezone, true);

  it('春节 comes from the published table, which agrees with ICU in every year but 2027 and 2030', () => {
    const differ: number[] = [];
    for (let year = 2000; year <= 2040; year++) {
      const table = springFestival(year, ctx)?.toISODate();
      expect(table).toMatch(new RegExp(`^${year}-0[12]-\\d{2}$`));
      if (table !== lunarFestival(1, 1, year, ctx)?.toISODate()) differ.push(year);
    }
    // New moons minutes before midnight in Beijing: ICU puts those New Years a day late.
    expect(differ).toEqual([2027, 2030]);
    expect(springFestival(2027, ctx)?.toISODate()).toBe('2027-02-06');
    expect(springFestival(2030, ctx)?.toISODate()).toBe('2030-02-03');
    expect(springFestival(2024, ctx)?.toISODate()).toBe('2024-02-10');
  });
  it.each(Object.entries(midAutumn))('中秋 %s', (year, day) => {
    expect(lunarFestival(8, 15, Number(year), ctx)?.toISODate()).toBe(day);
  });
  it.each(Object.entries(dragonBoat))('端午 %s (after a leap month in 2020 and 2023)', (year, day) => {
    expect(lunarFestival(5, 5, Number(year), ctx)?.toISODate()).toBe(day);
  });
});

describe('extractDate: dates tied to events', () => {
  it.each([
    ['前年双十一在天猫下的单', '2024-11-11', '前年双十一'],
    ['双11那天买的', '2026-11-11', '双11那天'],
    ['去年双12入手', '2025-12-12', '去年双12'],
    ['24年的618抢的', '2024-06-18', '24年的618'],
    ['今年元宵节买的', '2026-03-03', '今年元宵节'],
    ['去年除夕到的货', '2025-01-28', '去年除夕'],
    ['今年中秋节', '2026-09-25', '今年中秋节'],
    ['平安夜买的', '2025-12-24', '平安夜'],
    ['Bought it on Black Friday last year', '2025-11-28', 'Black Friday last year'],
    ['got it on black friday 2023', '2023-11-24', 'black friday 2023'],
    ["picked it up on Singles' Day 2024", '2024-11-11', "Singles' Day 2024"],
    ['a gift for Christmas last year', '2025-12-25', 'Christmas last year'],
    ["arrived on New Year's Day 2025", '2025-01-01', "New Year's Day 2025"],
    ['ordered it on Cyber Monday 2024', '2024-12-02', 'Cyber Monday 2024'],
    ['got it during Lunar New Year 2024', '2024-02-10', 'during Lunar New Year 2024'],
  ])('%s', (text, date, span) => {
    expect(read(text)).toMatchObject({ date, span });
  });

  it('without a year: the most recent occurrence, "last" the one before today', () => {
    // Today is Thanksgiving 2026; Black Friday 2026 is tomorrow.
    expect(read('bought it on Black Friday')?.date).toBe('2025-11-28');
    expect(read('bought it on Thanksgiving')?.date).toBe('2026-11-26');
    expect(read('bought it last Thanksgiving')?.date).toBe('2025-11-27');
    expect(read('中秋节买的')?.date).toBe('2026-09-25');
    expect(read('端午买的')?.date).toBe('2026-06-19');
    // For a future date (an appointment) the next one.
    expect(read('black friday', false)?.date).toBe('2026-11-27');
  });

  it('before, after and during an event are ranges; the day before or after is a day', () => {
    expect(read('中秋前买的')).toEqual({
      date: '2026-09-10',
      precision: 'month',
      range: { earliest: '2026-08-26', latest: '2026-09-24' },
      span: '中秋前',
    });
    expect(read('端午后买的')?.range).toEqual({ earliest: '2026-06-20', latest: '2026-07-19' });
    expect(read('五一假期买的')).toMatchObject({
      date: '2026-05-01',
      range: { earliest: '2026-05-01', latest: '2026-05-05' },
    });
    expect(read('过年的时候买的')).toMatchObject({ date: '2026-02-17', precision: 'day' });
    expect(read('the day before Christmas Eve')).toMatchObject({ date: '2025-12-23', precision: 'day' });
    expect(read('the day before Valentine’s Day')).toMatchObject({ date: '2026-02-13', precision: 'day' });
    expect(read('the day after Thanksgiving last year')).toMatchObject({ date: '2025-11-28' });
    expect(read('right before Singles Day')).toMatchObject({
      date: '2026-11-08',
      range: { earliest: '2026-11-04', latest: '2026-11-10' },
    });
    // Without a year the event is the last one that has happened: "圣诞节前" said in November is last
    // Christmas, "春节前" said in January (before this year's festival) last year's.
    expect(read('圣诞节前买的')?.range).toEqual({ earliest: '2025-11-25', latest: '2025-12-24' });
    const january = extractDate('买于春节前', { now: new Date('2026-01-20T10:00:00+08:00'), timezone });
    expect(january?.value).toEqual({
      date: '2025-01-14',
      precision: 'month',
      range: { earliest: '2024-12-30', latest: '2025-01-28' },
    });
  });

  it('asks about 开学, back to school and Prime Day: their dates are claimed, never guessed', () => {
    expect(read('开学买的')).toBeNull();
    expect(read('开学前买的电脑')).toBeNull();
    expect(read('got it for back to school')).toBeNull();
    expect(read('bought during Prime Day last year')).toBeNull();
  });

  it('a number is an event only when something says so', () => {
    expect(read('型号618')).toBeNull();
    expect(read('618活动买的')?.date).toBe('2026-06-18');
    expect(read('房间618')).toBeNull();
    expect(read('11.11 sale')?.date).toBe('2026-11-11');
  });
});

describe('extractDate: ordinals, short years and weekdays of a named week', () => {
  it.each([
    ['the 3rd of May last year', '2025-05-03', 'day'],
    ['on the 9th of January this year', '2026-01-09', 'day'],
    ['April 21st last year', '2025-04-21', 'day'],
    ['the 30th of last month', '2026-10-30', 'day'],
    ['the second of this month', '2026-11-02', 'day'],
    ["in July '24", '2024-07-01', 'month'],
    ["Aug 9th '25", '2025-08-09', 'day'],
    ['Tuesday of last week', '2026-11-17', 'day'],
    ['on Thursday last week', '2026-11-19', 'day'],
    ['Sunday this week', null, 'day'],
    ['24年5月买的', '2024-05-01', 'month'],
    ['22年底', '2022-12-01', 'month'],
    ['25年初', '2025-01-01', 'month'],
    ['19年买的', '2019-01-01', 'year'],
    ['25年6月8号', '2025-06-08', 'day'],
    ['上星期二', '2026-11-17', 'day'],
    ['上个礼拜六', '2026-11-21', 'day'],
  ] as const)('%s', (text, date, precision) => {
    const found = extractDate(text, { now, timezone });
    if (date === null) expect(found).toBeNull();
    else expect(found?.value).toEqual({ date, precision });
  });

  it('a two-digit year past next year is the last century', () => {
    expect(extractDate('98年买的', { now, timezone })?.value.date).toBe('1998-01-01');
  });

  it('"用了10年" is ten years of use, not 2010', () => {
    expect(extractDate('用了10年', { now, timezone })?.value.date).toBe('2016-11-26');
  });
});

describe('event dates: more names and the year said with them', () => {
  it.each([
    ['desktop purchased on Halloween', '2026-10-31'],
    ['万圣节买的', '2026-10-31'],
    ['got the projector on Christmas Day 2024', '2024-12-25'],
    ['got the printer on 11/11 last year', '2025-11-11'],
    ['12/12 买的', '2025-12-12'],
    ['bought the router the day after Christmas', '2025-12-26'],
  ])('%s → %s', (text, date) => {
    expect(read(text)?.date).toBe(date);
  });

  it('a date written as 11/11/2025 is a date, not Singles’ Day read twice', () => {
    expect(read('bought 11/11/2025')?.date).toBe('2025-11-11');
  });
});
