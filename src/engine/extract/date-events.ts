/**
 * Dates tied to events: "去年双十一", "春节前", "last Black Friday", "the day after Christmas", "国庆期间".
 *
 * Read: fixed-date days (元旦/New Year's Day, 情人节/Valentine's Day, 五一, 618, 国庆, 双十一/Singles' Day,
 * 双十二, 平安夜/Christmas Eve, 圣诞/Christmas, Boxing Day, New Year's Eve); lunar festivals: 春节/过年/
 * Chinese New Year, 除夕 and 元宵 from a table of published dates (2000–2040), 端午 and 中秋 from the
 * Chinese calendar of ICU (Intl); the American shopping days (感恩节/Thanksgiving, 黑五/Black Friday,
 * Cyber Monday) from the fourth Thursday of November.
 * Asked, not read (claimed with no value, so the purchase date is asked for): 开学/back to school (the
 * spring or the autumn term?) and Prime Day (its date changes every year and by country).
 *
 * Without a year the most recent occurrence counts (the next one for future dates); "去年", "last year",
 * "2024", "'24" pick the year; "last Black Friday" is the one before today. "X前"/"before X" is the month
 * before it (a range), "前几天"/"just before" the week before, "后"/"after" the month after, "期间"/
 * "holiday"/"weekend" the days of the holiday.
 */
import type { DateTime } from 'luxon';
import {
  accept,
  calendarDay,
  collect,
  type DateCandidate,
  type DateContext,
  type DateValue,
} from './date-calendar.js';

/** The day an event falls on in a year; null when it cannot be computed. */
type DayIn = (year: number, ctx: DateContext) => DateTime | null;

interface EventDef {
  /** How the event is written, as regex sources (folded text: lower case, simplified Chinese). */
  names: readonly string[];
  /** Null: the event is recognised but its date is asked for, never guessed. */
  dayIn: DayIn | null;
  /** Days of the holiday around the day, from and to (期间, "holiday", "weekend"). */
  holiday?: [number, number];
}

const fixed =
  (month: number, day: number): DayIn =>
  (year, ctx) =>
    calendarDay(year, month, day, ctx);

/** The fourth Thursday of November, plus `days`: Thanksgiving, Black Friday (1), Cyber Monday (4). */
const thanksgiving =
  (days: number): DayIn =>
  (year, ctx) => {
    const first = calendarDay(year, 11, 1, ctx);
    if (!first) return null;
    return first.plus({ days: ((4 - first.weekday + 7) % 7) + 21 + days });
  };

/**
 * 春节, 2000–2040, as published (Hong Kong Observatory, 紫金山天文台). Not ICU's: its Chinese calendar
 * puts the New Year of 2027 and 2030 a day late (the new moon falls minutes before midnight in Beijing).
 */
const SPRING_FESTIVAL = [
  '0205 0124 0212 0201 0122 0209 0129 0218 0207 0126', // 2000–2009
  '0214 0203 0123 0210 0131 0219 0208 0128 0216 0205', // 2010–2019
  '0125 0212 0201 0122 0210 0129 0217 0206 0126 0213', // 2020–2029
  '0203 0123 0211 0131 0219 0208 0128 0215 0204 0124', // 2030–2039
  '0212', // 2040
]
  .join(' ')
  .split(' ');

/** The first day of the Chinese year in `year`: the table, else ICU. */
export function springFestival(year: number, ctx: DateContext): DateTime | null {
  const published = SPRING_FESTIVAL[year - 2000];
  if (published === undefined) return lunarFestival(1, 1, year, ctx);
  return calendarDay(year, Number(published.slice(0, 2)), Number(published.slice(2)), ctx);
}

const newYear =
  (offset: number): DayIn =>
  (year, ctx) =>
    springFestival(year, ctx)?.plus({ days: offset }) ?? null;

const chineseCalendar = (() => {
  try {
    const format = new Intl.DateTimeFormat('en-u-ca-chinese', {
      timeZone: 'UTC',
      month: 'numeric',
      day: 'numeric',
    });
    return format.resolvedOptions().calendar === 'chinese' ? format : null;
  } catch {
    return null;
  }
})();
const lunarDays = new Map<string, { month: number; day: number } | null>();

/**
 * The Gregorian day of lunar month/day (not a leap month) in `year`: every lunar festival of a
 * Gregorian year falls between 20 January and 20 November of it. Null without ICU's Chinese calendar.
 */
/**
 * The Gregorian day of lunar month/day (not a leap month) in `year`, by ICU's Chinese calendar: every
 * lunar festival of a Gregorian year falls between 20 January and 20 November of it. Null without it.
 */
export function lunarFestival(month: number, day: number, year: number, ctx: DateContext): DateTime | null {
  const key = `${year}-${month}-${day}`;
  if (!lunarDays.has(key)) lunarDays.set(key, findLunar(year, month, day));
  const found = lunarDays.get(key);
  return found ? calendarDay(year, found.month, found.day, ctx) : null;
}

function lunar(month: number, day: number): DayIn {
  return (year, ctx) => lunarFestival(month, day, year, ctx);
}

function findLunar(year: number, month: number, day: number): { month: number; day: number } | null {
  if (!chineseCalendar) return null;
  const start = Date.UTC(year, 0, 20);
  for (let n = 0; n < 305; n++) {
    const at = new Date(start + n * 86_400_000);
    const parts = chineseCalendar.formatToParts(at);
    const m = parts.find((part) => part.type === 'month')?.value;
    const d = parts.find((part) => part.type === 'day')?.value;
    if (m === String(month) && d === String(day))
      return { month: at.getUTCMonth() + 1, day: at.getUTCDate() };
  }
  return null;
}

/** Every event we know, most specific names first ("christmas eve" before "christmas"). */
const EVENTS: readonly EventDef[] = [
  { names: ["new year'?s eve", '跨年夜'], dayIn: fixed(12, 31) },
  { names: ["new year'?s day", '元旦'], dayIn: fixed(1, 1), holiday: [0, 2] },
  { names: ["valentine'?s(?: day)?", '情人节'], dayIn: fixed(2, 14) },
  { names: ['五一', '劳动节'], dayIn: fixed(5, 1), holiday: [0, 4] },
  { names: ['(?<![\\d.])618(?![\\d.])', '六一八'], dayIn: fixed(6, 18) },
  { names: ['国庆节?', 'national day'], dayIn: fixed(10, 1), holiday: [0, 6] },
  {
    names: ['双十一', '双11', "singles'? day", 'double (?:11|eleven)', '(?<![\\d./])11[./]11(?![\\d./])'],
    dayIn: fixed(11, 11),
  },
  {
    names: ['双十二', '双12', 'double (?:12|twelve)', '(?<![\\d./])12[./]12(?![\\d./])'],
    dayIn: fixed(12, 12),
  },
  { names: ['christmas eve', '平安夜'], dayIn: fixed(12, 24) },
  { names: ['christmas(?: day)?', 'xmas(?: day)?', '圣诞节?'], dayIn: fixed(12, 25), holiday: [-1, 1] },
  { names: ['boxing day'], dayIn: fixed(12, 26) },
  { names: ['halloween', '万圣节'], dayIn: fixed(10, 31) },
  { names: ['thanksgiving', '感恩节'], dayIn: thanksgiving(0), holiday: [0, 3] },
  { names: ['black friday', '黑五', '黑色星期五'], dayIn: thanksgiving(1), holiday: [0, 2] },
  { names: ['cyber monday'], dayIn: thanksgiving(4) },
  { names: ['除夕', '大年三十'], dayIn: newYear(-1) },
  {
    names: ['春节', '过年', '(?:chinese|lunar) new year', 'spring festival'],
    dayIn: newYear(0),
    holiday: [-1, 6],
  },
  { names: ['元宵节?', 'lantern festival'], dayIn: newYear(14) },
  { names: ['端午节?', 'dragon boat festival'], dayIn: lunar(5, 5), holiday: [0, 2] },
  { names: ['中秋节?', 'mid-autumn festival'], dayIn: lunar(8, 15), holiday: [0, 2] },
  { names: ['开学', 'back to school', 'start of the school year', 'school year started'], dayIn: null },
  { names: ['prime day'], dayIn: null },
];

const YEAR_WORDS: Readonly<Record<string, number>> = { 今: 0, 去: -1, 前: -2, 大前: -3 };

/** Where the date lies from the event's day: from/to (days) and the likeliest day. */
interface Shift {
  from: number;
  to: number;
  at: number;
  precision: DateValue['precision'];
}

const SHIFTS: ReadonlyArray<[RegExp, Shift]> = [
  [/^(?:前一天|the day before)$/, { from: -1, to: -1, at: -1, precision: 'day' }],
  [/^(?:后一天|第二天|the day after)$/, { from: 1, to: 1, at: 1, precision: 'day' }],
  [/^(?:前一周|前一个星期|the week before)$/, { from: -10, to: -4, at: -7, precision: 'day' }],
  [
    /^(?:前几天|前夕|just before|right before|a few days before)$/,
    { from: -7, to: -1, at: -3, precision: 'day' },
  ],
  [/^(?:前|之前|以前|before)$/, { from: -30, to: -1, at: -15, precision: 'month' }],
  [/^(?:后|之后|以后|after)$/, { from: 1, to: 30, at: 15, precision: 'month' }],
];

const ZH_BEFORE = '(?:(今|去|大前|前)年|(\\d{2}|\\d{4})年)?的?';
const ZH_AFTER =
  '(前一天|后一天|第二天|前一周|前一个星期|前几天|前夕|之前|以前|之后|以后|前|后|期间|假期|的时候|那天|当天)?';
const EN_BEFORE =
  "(?:(the day before|the day after|the week before|just before|right before|a few days before|before|after|during|over|the weekend of)\\s+)?(?:(last|this)\\s+(?:year'?s\\s+)?)?(?:the\\s+)?";
const EN_AFTER =
  "(?:\\s+(weekend|holidays?|sale|season))?(?:\\s+(?:of\\s+)?(last|this)\\s+year|,?\\s+(\\d{4})(?!\\d)|\\s+'(\\d{2})(?!\\d))?";

function eventPattern(event: EventDef): { zh: RegExp | null; en: RegExp | null } {
  const zhNames = event.names.filter((name) => /\p{Script=Han}|\d/u.test(name));
  const enNames = event.names.filter((name) => /[a-z]/.test(name) || /\d/.test(name));
  const join = (names: string[]) => `(?:${names.join('|')})`;
  return {
    zh: zhNames.length ? new RegExp(`${ZH_BEFORE}${join(zhNames)}${ZH_AFTER}`, 'gu') : null,
    en: enNames.length
      ? new RegExp(
          `(?<![\\p{Script=Latin}\\d])${EN_BEFORE}${join(enNames)}${EN_AFTER}(?![\\p{Script=Latin}])`,
          'giu',
        )
      : null,
  };
}

const PATTERNS = EVENTS.map((event) => ({ event, ...eventPattern(event) }));

function shiftOf(word: string | undefined, event: EventDef): Shift | null {
  if (word === undefined) return null;
  const lower = word.toLowerCase();
  const found = SHIFTS.find(([pattern]) => pattern.test(lower));
  if (found) return found[1];
  if (/^(?:期间|假期|during|over|weekend|holidays?|the weekend of)$/.test(lower) && event.holiday) {
    const [from, to] = event.holiday;
    return { from, to, at: 0, precision: 'day' };
  }
  return null;
}

function twoDigitYear(text: string, ctx: DateContext): number {
  const n = Number(text);
  if (text.length === 4) return n;
  const century = Math.floor(ctx.today.year / 100) * 100;
  return century + n > ctx.today.year + 1 ? century - 100 + n : century + n;
}

/**
 * The value for the event's day in `year`, shifted. For a past date, a range that has begun by today
 * ends today ("春节前" said in January: the weeks up to now), and one that has not begun is refused.
 */
function onYear(event: EventDef, year: number, shift: Shift | null, ctx: DateContext): DateValue | null {
  const day = event.dayIn?.(year, ctx);
  if (!day) return null;
  const first = day.plus({ days: shift?.from ?? 0 });
  const last = day.plus({ days: shift?.to ?? 0 });
  if (ctx.past && first > ctx.today) return null;
  const cap = (dt: DateTime) => (ctx.past && dt > ctx.today ? ctx.today : dt);
  const value = accept(ctx, cap(day.plus({ days: shift?.at ?? 0 })), shift?.precision ?? 'day');
  if (!value || first.equals(last)) return value;
  return { ...value, range: { earliest: first.toISODate()!, latest: cap(last).toISODate()! } };
}

/**
 * Without a year: the most recent occurrence of the event (`strict`: before today) — "圣诞节前" said in
 * November is last Christmas — or for future dates the next one.
 */
function nearest(event: EventDef, shift: Shift | null, ctx: DateContext, strict: boolean): DateValue | null {
  const today = ctx.today;
  for (const year of ctx.past ? [today.year, today.year - 1, today.year - 2] : [today.year, today.year + 1]) {
    const day = event.dayIn?.(year, ctx);
    if (!day) continue;
    const passed = strict ? day < today : day <= today;
    if (ctx.past ? passed : day >= today) return onYear(event, year, shift, ctx);
  }
  return null;
}

function read(
  event: EventDef,
  year: number | null,
  shift: Shift | null,
  ctx: DateContext,
  strict: boolean,
): DateValue | null | undefined {
  if (!event.dayIn) return null;
  if (year === null) return nearest(event, shift, ctx, strict);
  return onYear(event, year, shift, ctx);
}

/**
 * "618", "11.11" written alone are numbers until something says event: a year ("今年618"), a word
 * after ("618的时候", "618买的", "618 sale") or before ("在618", "on 618").
 */
function numberSaysEvent(m: RegExpExecArray): boolean {
  if (!/^[\d.]+$/.test(m[0])) return true;
  const before = m.input.slice(Math.max(0, m.index - 4), m.index);
  const after = m.input.slice(m.index + m[0].length, m.index + m[0].length + 6);
  return (
    /(?:在|趁|on |during |for )$/.test(before) ||
    /^(?:的时候|期间|活动|大促|那天|当天|时|买|购|入手|抢|促销|\s*sale)/.test(after)
  );
}

/** Dates tied to events, in Chinese and English (text folded: lower case, simplified). */
export function eventDates(folded: string, ctx: DateContext): DateCandidate[] {
  const found: DateCandidate[] = [];
  for (const { event, zh, en } of PATTERNS) {
    if (zh) {
      found.push(
        ...collect(folded, zh, (m) => {
          if (!numberSaysEvent(m)) return undefined;
          const year =
            m[1] !== undefined ? ctx.today.year + YEAR_WORDS[m[1]]! : m[2] ? twoDigitYear(m[2], ctx) : null;
          return read(event, year, shiftOf(m[3], event), ctx, false);
        }),
      );
    }
    if (en) {
      found.push(
        ...collect(folded, en, (m) => {
          if (!numberSaysEvent(m)) return undefined;
          const [, lead, which, tail, relative, full, short] = m;
          const yearWord = relative ?? (which && /year/.test(m[0].toLowerCase()) ? which : undefined);
          let year: number | null = null;
          if (full) year = Number(full);
          else if (short) year = twoDigitYear(short, ctx);
          else if (yearWord) year = ctx.today.year - (yearWord.toLowerCase() === 'last' ? 1 : 0);
          const strict = which?.toLowerCase() === 'last' && year === null;
          return read(event, year, shiftOf(tail ?? lead, event), ctx, strict);
        }),
      );
    }
  }
  return found;
}
