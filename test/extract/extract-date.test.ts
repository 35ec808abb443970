import { describe, expect, it } from 'vitest';
import { type DateValue, extractDate } from '../../src/engine/extract/index.js';

// Thursday 26 November 2026, 10:00 in Shanghai.
const now = new Date('2026-11-26T10:00:00+08:00');
const timezone = 'Asia/Shanghai';

function date(text: string, past = true): (DateValue & { span: string }) | null {
  const found = extractDate(text, { now, timezone, past });
  return found ? { ...found.value, span: text.slice(found.start, found.end) } : null;
}

type Row = [text: string, date: string, precision: DateValue['precision'], span: string];

describe('extractDate: absolute dates', () => {
  it.each<Row>([
    ['2025-03-15', '2025-03-15', 'day', '2025-03-15'],
    ['2025/3/15', '2025-03-15', 'day', '2025/3/15'],
    ['2025.3.15', '2025-03-15', 'day', '2025.3.15'],
    ['bought on 2025-03-15, broke today', '2025-03-15', 'day', '2025-03-15'],
    ['15/03/2025', '2025-03-15', 'day', '15/03/2025'],
    ['03/15/2025', '2025-03-15', 'day', '03/15/2025'],
    ['2025-03', '2025-03-01', 'month', '2025-03'],
    ['2025年3月15日', '2025-03-15', 'day', '2025年3月15日'],
    ['2025年3月15号买的', '2025-03-15', 'day', '2025年3月15号'],
    ['2025年3月', '2025-03-01', 'month', '2025年3月'],
    ['二〇二五年三月', '2025-03-01', 'month', '二〇二五年三月'],
    ['2025年', '2025-01-01', 'year', '2025年'],
    ['March 2025', '2025-03-01', 'month', 'March 2025'],
    ['15 March 2025', '2025-03-15', 'day', '15 March 2025'],
    ['March 15, 2025', '2025-03-15', 'day', 'March 15, 2025'],
    ['bought it Mar 3rd 2025', '2025-03-03', 'day', 'Mar 3rd 2025'],
    ['in 2024', '2024-01-01', 'year', 'in 2024'],
    ['2025', '2025-01-01', 'year', '2025'],
  ])('%s', (text, expected, precision, span) => {
    expect(date(text)).toEqual({ date: expected, precision, span });
  });
});

describe('extractDate: dates without a year go to the most recent occurrence', () => {
  it.each<Row>([
    ['3月15日', '2026-03-15', 'day', '3月15日'],
    ['三月十五日', '2026-03-15', 'day', '三月十五日'],
    ['12月5日', '2025-12-05', 'day', '12月5日'],
    ['11月26日', '2026-11-26', 'day', '11月26日'],
    ['11月27日', '2025-11-27', 'day', '11月27日'],
    ['3月份买的', '2026-03-01', 'month', '3月份'],
    ['12月', '2025-12-01', 'month', '12月'],
    ['March 15', '2026-03-15', 'day', 'March 15'],
    ['I bought it on the 3rd of March', '2026-03-03', 'day', 'the 3rd of March'],
    ['May 5', '2026-05-05', 'day', 'May 5'],
    ['I bought it in March', '2026-03-01', 'month', 'in March'],
    ['January', '2026-01-01', 'month', 'January'],
    ['last March', '2026-03-01', 'month', 'last March'],
    ['last December', '2025-12-01', 'month', 'last December'],
    ['last November', '2025-11-01', 'month', 'last November'],
  ])('%s', (text, expected, precision, span) => {
    expect(date(text)).toEqual({ date: expected, precision, span });
  });
});

describe('extractDate: relative dates (now = 2026-11-26, Shanghai)', () => {
  it.each<Row>([
    ['去年3月', '2025-03-01', 'month', '去年3月'],
    ['去年三月份', '2025-03-01', 'month', '去年三月份'],
    ['去年3月15日', '2025-03-15', 'day', '去年3月15日'],
    ['前年5月', '2024-05-01', 'month', '前年5月'],
    ['今年5月', '2026-05-01', 'month', '今年5月'],
    ['今年11月', '2026-11-01', 'month', '今年11月'],
    ['去年', '2025-01-01', 'year', '去年'],
    ['前年', '2024-01-01', 'year', '前年'],
    ['今年', '2026-01-01', 'year', '今年'],
    ['去年年底', '2025-12-01', 'month', '去年年底'],
    ['今年初', '2026-01-01', 'month', '今年初'],
    ['上个月', '2026-10-01', 'month', '上个月'],
    ['上月', '2026-10-01', 'month', '上月'],
    ['上上个月', '2026-09-01', 'month', '上上个月'],
    ['这个月', '2026-11-01', 'month', '这个月'],
    ['上个月15号', '2026-10-15', 'day', '上个月15号'],
    ['十天前', '2026-11-16', 'day', '十天前'],
    ['上周', '2026-11-19', 'day', '上周'],
    ['上个礼拜', '2026-11-19', 'day', '上个礼拜'],
    ['上周五', '2026-11-20', 'day', '上周五'],
    ['上星期天', '2026-11-22', 'day', '上星期天'],
    ['这周一', '2026-11-23', 'day', '这周一'],
    ['周三', '2026-11-25', 'day', '周三'],
    ['星期四', '2026-11-26', 'day', '星期四'],
    ['周五', '2026-11-20', 'day', '周五'],
    ['今天', '2026-11-26', 'day', '今天'],
    ['昨天', '2026-11-25', 'day', '昨天'],
    ['前天', '2026-11-24', 'day', '前天'],
    ['大前天', '2026-11-23', 'day', '大前天'],
    ['10 days ago', '2026-11-16', 'day', '10 days ago'],
    ['yesterday', '2026-11-25', 'day', 'yesterday'],
    ['Yesterday', '2026-11-25', 'day', 'Yesterday'],
    ['the day before yesterday', '2026-11-24', 'day', 'the day before yesterday'],
    ['today', '2026-11-26', 'day', 'today'],
    ['last week', '2026-11-19', 'day', 'last week'],
    ['last month', '2026-10-01', 'month', 'last month'],
    ['last year', '2025-01-01', 'year', 'last year'],
    ['this year', '2026-01-01', 'year', 'this year'],
    ['last Friday', '2026-11-20', 'day', 'last Friday'],
    ['last Thursday', '2026-11-19', 'day', 'last Thursday'],
    ['on Monday', '2026-11-23', 'day', 'on Monday'],
  ])('%s', (text, expected, precision, span) => {
    expect(date(text)).toEqual({ date: expected, precision, span });
  });
});

describe('extractDate: inside sentences', () => {
  it('finds the purchase date in a message that also carries a model and a serial', () => {
    const text = '我的ThinkPad X1 序列号PF2ABC12 去年3月买的，开不了机';
    const found = extractDate(text, { now, timezone });
    expect(found).toEqual({ value: { date: '2025-03-01', precision: 'month' }, start: 26, end: 30 });
    expect(text.slice(found!.start, found!.end)).toBe('去年3月');
  });

  it('finds an English date after a serial and a phone number', () => {
    expect(date('SN PF2ABC12, call 13800138000, bought it 3 weeks ago')).toMatchObject({
      date: '2026-11-05',
      precision: 'day',
      span: '3 weeks ago',
    });
  });

  it('takes the first date when there are several', () => {
    // "买了两年了" is the purchase (two years ago); "去年3月" is when it was repaired.
    expect(date('买了两年了，去年3月修过一次')).toMatchObject({ date: '2024-11-26', span: '两年' });
    expect(date('去年3月修过一次，买了两年了')).toMatchObject({ date: '2025-03-01', span: '去年3月' });
    expect(date('去年3月买的，上个月修过')).toEqual({
      date: '2025-03-01',
      precision: 'month',
      span: '去年3月',
    });
  });

  it('works on full-width digits without normalizing first', () => {
    expect(date('２０２５年３月１５日')).toEqual({
      date: '2025-03-15',
      precision: 'day',
      span: '２０２５年３月１５日',
    });
  });
});

describe('extractDate: not dates', () => {
  it.each([
    '',
    '😀',
    '3',
    '15',
    'PF2ABC12',
    'X1',
    'ThinkPad T14',
    'ThinkPad X1 Carbon Gen 9',
    'HP LaserJet Pro M404dn',
    '13800138000',
    '+86 138-0013-8000',
    '010-12345678',
    'SR-2025-0312',
    'SR-2611',
    'v2025.3.1',
    '北京市海淀区中关村大街27号',
    '3号楼',
    'you may want to check',
    'march on',
    'sat down and cried',
    'at 3pm',
    '3个月保修',
    '维修用了一周',
    'I had a blue screen for two days',
    'it broke in 2 days',
  ])('%j', (text) => {
    expect(extractDate(text, { now, timezone })).toBeNull();
  });

  it('refuses day/month-ambiguous numeric dates rather than guessing', () => {
    expect(extractDate('05/03/2025', { now, timezone })).toBeNull();
  });

  it.each(['2025-02-30', '2025-13-01', '2025年2月30日', '32 March 2025', '1800-01-01'])(
    'invalid: %s',
    (text) => {
      expect(extractDate(text, { now, timezone })).toBeNull();
    },
  );
});

describe('extractDate: past and future', () => {
  it.each([
    '明天',
    '后天',
    'tomorrow',
    '下个月',
    'next month',
    'next Friday',
    '今年12月',
    '2027-01-05',
    'December 2026',
  ])('a future date is rejected for a purchase date: %s', (text) => {
    expect(extractDate(text, { now, timezone })).toBeNull();
  });

  it.each<Row>([
    ['明天', '2026-11-27', 'day', '明天'],
    ['后天', '2026-11-28', 'day', '后天'],
    ['tomorrow', '2026-11-27', 'day', 'tomorrow'],
    ['下周三', '2026-12-02', 'day', '下周三'],
    ['next Friday', '2026-11-27', 'day', 'next Friday'],
    ['next month', '2026-12-01', 'month', 'next month'],
    ['3天后', '2026-11-29', 'day', '3天后'],
    ['3月15日', '2027-03-15', 'day', '3月15日'],
    ['12月5日', '2026-12-05', 'day', '12月5日'],
    ['2027-01-05', '2027-01-05', 'day', '2027-01-05'],
    ['yesterday', '2026-11-25', 'day', 'yesterday'],
  ])('past: false accepts %s', (text, expected, precision, span) => {
    expect(date(text, false)).toEqual({ date: expected, precision, span });
  });

  it('skips a refused future date and keeps looking', () => {
    expect(date('明天上门，电脑是去年3月买的')).toEqual({
      date: '2025-03-01',
      precision: 'month',
      span: '去年3月',
    });
  });
});

describe('extractDate: timezone', () => {
  it('counts "today" in the customer timezone, not UTC', () => {
    // 17:00 UTC on the 26th is already 01:00 on the 27th in Shanghai.
    const late = new Date('2026-11-26T17:00:00Z');
    expect(extractDate('今天', { now: late, timezone })?.value).toEqual({
      date: '2026-11-27',
      precision: 'day',
    });
    expect(extractDate('yesterday', { now: late, timezone })?.value).toEqual({
      date: '2026-11-26',
      precision: 'day',
    });
    expect(extractDate('yesterday', { now: late, timezone: 'UTC' })?.value).toEqual({
      date: '2026-11-25',
      precision: 'day',
    });
  });

  it('handles a year boundary', () => {
    const newYear = new Date('2027-01-02T09:00:00+08:00');
    expect(extractDate('上个月', { now: newYear, timezone })?.value).toEqual({
      date: '2026-12-01',
      precision: 'month',
    });
    expect(extractDate('去年12月', { now: newYear, timezone })?.value).toEqual({
      date: '2026-12-01',
      precision: 'month',
    });
    expect(extractDate('last week', { now: newYear, timezone })?.value).toEqual({
      date: '2026-12-26',
      precision: 'day',
    });
  });

  it('rejects an unknown timezone loudly', () => {
    expect(() => extractDate('今天', { now, timezone: 'Mars/Olympus' })).toThrow(RangeError);
  });
});

describe('extractDate: a month of last or this year', () => {
  const now = new Date('2026-11-26T10:00:00+08:00');
  it.each([
    ['bought in March last year', '2025-03-01'],
    ['March of last year', '2025-03-01'],
    ['in June this year', '2026-06-01'],
  ])('%s', (text, date) => {
    expect(extractDate(text, { now, timezone: 'Asia/Shanghai' })?.value).toEqual({
      date,
      precision: 'month',
    });
  });
});

type DurationRow = [
  text: string,
  date: string,
  precision: DateValue['precision'],
  earliest: string,
  latest: string,
];

describe('extractDate: durations are dates known roughly, with the range of days they can be', () => {
  it.each<DurationRow>([
    // To half the finest unit said: years ± 6 months, half years ± 3, months ± half a month, weeks ± 3 days.
    ['两年前', '2024-11-26', 'month', '2024-05-26', '2025-05-26'],
    ['a year ago', '2025-11-26', 'month', '2025-05-26', '2026-05-26'],
    ['半年前', '2026-05-26', 'month', '2026-02-26', '2026-08-26'],
    ['half a year ago', '2026-05-26', 'month', '2026-02-26', '2026-08-26'],
    ['一年半以前', '2025-05-26', 'month', '2025-02-26', '2025-08-26'],
    ['a year and a half ago', '2025-05-26', 'month', '2025-02-26', '2025-08-26'],
    ['三个月前', '2026-08-26', 'month', '2026-08-11', '2026-09-11'],
    ['two months ago', '2026-09-26', 'month', '2026-09-11', '2026-10-11'],
    ['半个月前', '2026-11-11', 'day', '2026-11-03', '2026-11-18'],
    ['两周前', '2026-11-12', 'day', '2026-11-08', '2026-11-15'],
    ['两个星期前', '2026-11-12', 'day', '2026-11-08', '2026-11-15'],
    ['3 weeks ago', '2026-11-05', 'day', '2026-11-01', '2026-11-08'],
    ['a couple of weeks ago', '2026-11-12', 'day', '2026-11-08', '2026-11-15'],
    // Since a purchase or since it has been used: the age of the unit.
    ['买了两年零三个月', '2024-08-26', 'month', '2024-08-11', '2024-09-11'],
    ['电脑用了一年零两个月了', '2025-09-26', 'month', '2025-09-11', '2025-10-11'],
    ['入手八个月', '2026-03-26', 'month', '2026-03-11', '2026-04-11'],
    ['才用了两个半月', '2026-09-11', 'day', '2026-09-03', '2026-09-18'],
    ['the scanner is 4 months old', '2026-07-26', 'month', '2026-07-11', '2026-08-11'],
    ['it is three years and two months old', '2023-09-26', 'month', '2023-09-11', '2023-10-11'],
    ["we've had it for seven months", '2026-04-26', 'month', '2026-04-11', '2026-05-11'],
    ['been using the dock for two and a half years', '2024-05-26', 'month', '2024-02-26', '2024-08-26'],
    // 多 / over reach up by that half; 快 / almost / 不到 / less than reach down.
    ['一年多前', '2025-08-26', 'month', '2025-05-26', '2025-11-26'],
    ['买了快两年了', '2025-02-26', 'month', '2024-11-26', '2025-05-26'],
    ['不到三个月前', '2026-09-03', 'day', '2026-08-26', '2026-09-11'],
    ['a bit over four years old', '2022-08-26', 'month', '2022-05-26', '2022-11-26'],
    ['less than a year old', '2026-02-26', 'month', '2025-11-26', '2026-05-26'],
    ['十多天前', '2026-11-11', 'day', '2026-11-07', '2026-11-16'],
    // Two numbers say a span; "a few" is two to four.
    ['买了七八个月', '2026-04-11', 'month', '2026-03-11', '2026-05-11'],
    ['five or six months old', '2026-06-11', 'month', '2026-05-11', '2026-07-11'],
    ['a few weeks ago', '2026-11-05', 'day', '2026-10-25', '2026-11-15'],
  ])('%s', (text, expected, precision, earliest, latest) => {
    const found = extractDate(text, { now, timezone });
    expect(found?.value).toEqual({ date: expected, precision, range: { earliest, latest } });
  });

  it('a duration said exactly, or in days, names a day', () => {
    expect(date('整整一年前')).toEqual({ date: '2025-11-26', precision: 'day', span: '整整一年前' });
    expect(date('exactly two years old')).toEqual({
      date: '2024-11-26',
      precision: 'day',
      span: 'exactly two years old',
    });
    expect(date('十天前')).toEqual({ date: '2026-11-16', precision: 'day', span: '十天前' });
    expect(date('bought it 12 days ago')).toEqual({
      date: '2026-11-14',
      precision: 'day',
      span: '12 days ago',
    });
  });

  it('"about", 大概 and 左右 add nothing: every duration is already approximate', () => {
    expect(date('大概三个月前')?.range).toEqual(date('三个月前')?.range);
    expect(date('about two months ago')?.range).toEqual(date('two months ago')?.range);
    expect(date('用了一年左右')?.range).toEqual(date('一年前')?.range);
  });

  it('how long a repair or a fault took is not the age of the unit', () => {
    expect(date('上次维修用了一周')).toBeNull();
    expect(date('等了三天')).toBeNull();
    expect(date('I had a blue screen for two days')).toBeNull();
    expect(date('保修两年')).toBeNull();
  });

  it('looks ahead when the date is in the future', () => {
    expect(date('in 2 weeks', false)).toMatchObject({
      date: '2026-12-10',
      precision: 'day',
      span: 'in 2 weeks',
    });
    expect(date('三天后', false)).toEqual({ date: '2026-11-29', precision: 'day', span: '三天后' });
  });
});
