import { describe, expect, it } from 'vitest';
import { createBusinessCalendar } from '../../src/policy/business-calendar.js';
import { hoursSchema } from '../../src/policy/hours-schema.js';
import { loadPolicy } from '../../src/policy/load.js';

const nineToSix = [{ from: '09:00', to: '18:00' }];
const weekdays = { mon: nineToSix, tue: nineToSix, wed: nineToSix, thu: nineToSix, fri: nineToSix };

/** Mon–Fri 09:00–18:00 Shanghai, no holidays. */
const plain = createBusinessCalendar(hoursSchema.parse({ timezone: 'Asia/Shanghai', weekly: weekdays }));
/** The shipped policy: 2026 holidays and 调休 make-up days. */
const china = createBusinessCalendar(loadPolicy().hours);

/** An instant given as Shanghai wall-clock time. */
const cst = (local: string) => new Date(`${local}:00+08:00`);
const iso = (date: Date) => date.toISOString();

describe('isOpen', () => {
  it.each([
    ['2026-11-24T09:00', true, 'opening minute (Tue)'],
    ['2026-11-24T08:59', false, 'a minute before opening'],
    ['2026-11-24T17:59', true, 'last minute'],
    ['2026-11-24T18:00', false, 'closing time is closed'],
    ['2026-11-28T10:00', false, 'Saturday'],
    ['2026-11-29T10:00', false, 'Sunday'],
    ['2026-10-01T10:00', false, 'National Day (Thursday)'],
    ['2026-10-10T10:00', true, 'make-up Saturday (调休)'],
    ['2026-09-20T10:00', true, 'make-up Sunday (调休)'],
    ['2026-02-16T10:00', false, 'Spring Festival Monday'],
    ['2027-02-08T10:00', false, 'provisional 2027 Spring Festival Monday'],
  ])('%s → %s (%s)', (local, open) => {
    expect(china.isOpen(cst(local))).toBe(open);
  });

  it('reads the instant in the calendar zone, not UTC', () => {
    // 01:00 UTC is 09:00 in Shanghai.
    expect(plain.isOpen(new Date('2026-11-27T01:00:00Z'))).toBe(true);
    expect(plain.isOpen(new Date('2026-11-27T00:59:00Z'))).toBe(false);
  });
});

describe('nextOpen', () => {
  it.each([
    ['2026-11-24T10:15', '2026-11-24T10:15', 'open: the instant itself'],
    ['2026-11-24T09:00', '2026-11-24T09:00', 'opening minute'],
    ['2026-11-24T07:00', '2026-11-24T09:00', 'early morning'],
    ['2026-11-27T18:00', '2026-11-30T09:00', 'Friday closing → Monday'],
    ['2026-11-28T12:00', '2026-11-30T09:00', 'Saturday → Monday'],
    ['2026-09-30T18:30', '2026-10-08T09:00', 'National Day eve → after the holiday'],
    ['2026-02-13T19:00', '2026-02-14T09:00', 'Friday evening → make-up Saturday'],
  ])('%s → %s (%s)', (from, to) => {
    expect(iso(china.nextOpen(cst(from)))).toBe(iso(cst(to)));
  });
});

describe('addBusinessMinutes', () => {
  it.each([
    [plain, '2026-11-27T17:30', 240, '2026-11-30T12:30', 'Friday 17:30 + 4 h → Monday 12:30'],
    [china, '2026-11-27T17:30', 240, '2026-11-30T12:30', 'same with the holiday calendar'],
    [plain, '2026-11-28T10:00', 60, '2026-11-30T10:00', 'start on Saturday counts from Monday 09:00'],
    [plain, '2026-11-24T07:00', 30, '2026-11-24T09:30', 'start before opening'],
    [plain, '2026-11-24T19:00', 30, '2026-11-25T09:30', 'start after closing'],
    [plain, '2026-11-24T17:00', 60, '2026-11-24T18:00', 'runs out exactly at closing'],
    [plain, '2026-11-24T17:00', 61, '2026-11-25T09:01', 'one minute more → next morning'],
    [plain, '2026-11-24T18:00', 0, '2026-11-25T09:00', 'zero minutes at closing → next opening'],
    [plain, '2026-11-24T10:00', 0, '2026-11-24T10:00', 'zero minutes while open'],
    [plain, '2026-11-24T09:00', 540 * 3, '2026-11-26T18:00', 'three whole days'],
    [china, '2026-09-30T17:00', 240, '2026-10-08T12:00', 'before National Day → after it'],
    [china, '2026-09-30T17:00', 1260, '2026-10-10T11:00', 'lands on the make-up Saturday 10 Oct'],
    [china, '2026-02-13T17:00', 240, '2026-02-14T12:00', 'Friday before Spring Festival → make-up Saturday'],
    [china, '2026-02-14T17:00', 120, '2026-02-24T10:00', 'make-up Saturday → after the 9-day holiday'],
    [china, '2026-12-31T17:00', 120, '2027-01-04T10:00', 'over New Year 2027 (provisional) and a weekend'],
  ])('%#: %s + %i min (%s)', (calendar, start, minutes, due) => {
    expect(iso(calendar.addBusinessMinutes(cst(start), minutes))).toBe(iso(cst(due)));
  });

  it('keeps seconds', () => {
    const start = new Date('2026-11-24T02:00:30Z'); // 10:00:30 Shanghai
    expect(iso(plain.addBusinessMinutes(start, 1.5))).toBe('2026-11-24T02:02:00.000Z');
  });

  it('rejects negative and non-finite minutes', () => {
    expect(() => plain.addBusinessMinutes(cst('2026-11-24T10:00'), -1)).toThrow(RangeError);
    expect(() => plain.addBusinessMinutes(cst('2026-11-24T10:00'), Number.NaN)).toThrow(RangeError);
  });

  it('skips a lunch break', () => {
    const lunch = [
      { from: '09:00', to: '12:00' },
      { from: '13:30', to: '18:00' },
    ];
    const calendar = createBusinessCalendar(hoursSchema.parse({ weekly: { mon: lunch, tue: lunch } }));
    expect(iso(calendar.addBusinessMinutes(cst('2026-11-24T11:30'), 60))).toBe(iso(cst('2026-11-24T14:00')));
    expect(calendar.isOpen(cst('2026-11-24T12:30'))).toBe(false);
    expect(iso(calendar.nextOpen(cst('2026-11-24T12:30')))).toBe(iso(cst('2026-11-24T13:30')));
    expect(calendar.businessMinutesBetween(cst('2026-11-24T11:00'), cst('2026-11-24T14:00'))).toBe(90);
  });

  it('gives up on hours that never open instead of looping', () => {
    const never = createBusinessCalendar(hoursSchema.parse({ weekly: {} }));
    expect(() => never.addBusinessMinutes(cst('2026-11-24T10:00'), 60)).toThrow(/no business hours/);
  });
});

describe('businessMinutesBetween', () => {
  it.each([
    [plain, '2026-11-27T17:30', '2026-11-30T12:30', 240],
    [plain, '2026-11-30T12:30', '2026-11-27T17:30', -240],
    [plain, '2026-11-24T10:00', '2026-11-24T11:30', 90],
    [plain, '2026-11-28T10:00', '2026-11-29T10:00', 0],
    [plain, '2026-11-24T07:00', '2026-11-24T20:00', 540],
    [china, '2026-09-30T17:00', '2026-10-08T10:00', 120],
    [china, '2026-10-09T17:00', '2026-10-10T10:00', 120],
  ])('%#: %s → %s = %i', (calendar, a, b, minutes) => {
    expect(calendar.businessMinutesBetween(cst(a), cst(b))).toBe(minutes);
  });

  it('is the inverse of addBusinessMinutes from an open instant', () => {
    const start = cst('2026-09-29T11:17');
    for (const minutes of [1, 59, 540, 1000, 2700]) {
      expect(china.businessMinutesBetween(start, china.addBusinessMinutes(start, minutes))).toBe(minutes);
    }
  });
});

describe('isWorkingDay', () => {
  it.each([
    ['2026-11-24', true, 'Tuesday'],
    ['2026-11-28', false, 'Saturday'],
    ['2026-10-01', false, 'National Day'],
    ['2026-10-08', true, 'day after National Day'],
    ['2026-10-10', true, 'make-up Saturday'],
    ['2026-10-11', false, 'ordinary Sunday'],
    ['2026-01-04', true, 'make-up Sunday after New Year'],
    ['2027-10-01', false, 'provisional National Day 2027'],
  ])('%s → %s (%s)', (date, working) => {
    expect(china.isWorkingDay(date)).toBe(working);
  });

  it('rejects an impossible date', () => {
    expect(() => china.isWorkingDay('2026-02-30')).toThrow(RangeError);
  });
});

describe('a time zone with daylight saving (Europe/Berlin)', () => {
  const berlin = createBusinessCalendar(hoursSchema.parse({ timezone: 'Europe/Berlin', weekly: weekdays }));
  const always = Array.from({ length: 7 }, () => [{ from: '00:00', to: '24:00' }]);
  const [mon, tue, wed, thu, fri, sat, sun] = always;
  const allDay = createBusinessCalendar(
    hoursSchema.parse({ timezone: 'Europe/Berlin', weekly: { mon, tue, wed, thu, fri, sat, sun } }),
  );

  it('opens at 09:00 local time on both sides of the spring change', () => {
    // Friday 27 March 2026 is CET (UTC+1); Monday 30 March is CEST (UTC+2).
    expect(berlin.isOpen(new Date('2026-03-27T08:00:00Z'))).toBe(true);
    expect(berlin.isOpen(new Date('2026-03-30T07:00:00Z'))).toBe(true);
    expect(berlin.isOpen(new Date('2026-03-30T06:59:00Z'))).toBe(false);
    expect(iso(berlin.addBusinessMinutes(new Date('2026-03-27T16:00:00Z'), 120))).toBe(
      '2026-03-30T08:00:00.000Z',
    );
  });

  it('counts the real length of the 23-hour and 25-hour days', () => {
    expect(
      allDay.businessMinutesBetween(new Date('2026-03-28T23:00:00Z'), new Date('2026-03-29T22:00:00Z')),
    ).toBe(23 * 60);
    expect(
      allDay.businessMinutesBetween(new Date('2026-10-24T22:00:00Z'), new Date('2026-10-25T23:00:00Z')),
    ).toBe(25 * 60);
    // 23:00 CET + 3 h of real time is 03:00 CEST.
    expect(iso(allDay.addBusinessMinutes(new Date('2026-03-28T22:00:00Z'), 180))).toBe(
      '2026-03-29T01:00:00.000Z',
    );
  });
});
