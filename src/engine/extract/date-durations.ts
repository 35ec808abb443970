/**
 * Durations instead of dates: "半年前", "买了两年零三个月", "用了一年半", "about eighteen months ago", "the
 * printer is two years old", "had it for a year and a half". A duration is a date known only roughly,
 * so its value carries the range of days it can be:
 *
 * - the amount is taken as said to half its finest unit: "两年" ± 6 months, "一年半" ± 3 months, "三个
 *   月" or "两年零三个月" ± half a month, "两周" ± 3 days; days are exact ("二十天前");
 * - "多" (and "来": "十来天"), "over", "more than" reach up by that half ("一年多" 12–18 months, read
 *   as 15), "快", "将近", "不到", "almost", "less than" reach down ("快两年" 18–24 months, read as 21);
 * - "六七个月", "six or seven months" span both; "整整一年", "exactly a year" are exact.
 *
 * "About", "大概", "左右" add nothing: every duration is already taken as approximate. The warranty
 * decision asks for the invoice when a period's end falls inside the range (src/policy/warranty.ts).
 */
import { chineseNumeral } from './chinese-numeral.js';
import {
  accept,
  collect,
  type DateCandidate,
  type DateContext,
  type DateValue,
  shifted,
} from './date-calendar.js';
import { ENGLISH_NUMBER_SOURCE, parseEnglishNumber } from './english-numbers.js';

/** How long ago, counted in days (days, weeks) or in months (months, years), with its range. */
interface Elapsed {
  unit: 'day' | 'month';
  value: number;
  low: number;
  high: number;
}

type Lean = 'over' | 'under' | 'exact' | 'plain';

/** The finest unit said, in the counting unit: a year 12 months, half a year 6, a week 7 days… */
function elapsed(amount: number, upTo: number, unit: 'day' | 'month', finest: number, lean: Lean): Elapsed {
  const half = unit === 'day' && finest === 1 ? 0 : finest / 2;
  const value = (amount + upTo) / 2;
  if (lean === 'exact') return { unit, value, low: value, high: value };
  // "十多天", "二十多个月": 多 after a round ten is 11–19, not 10–10.5.
  const overBy = amount % 10 === 0 && amount >= 10 && finest <= 1 ? 9 : half;
  if (lean === 'over') return { unit, value: amount + overBy / 2, low: amount, high: amount + overBy };
  if (lean === 'under') return { unit, value: amount - half / 2, low: amount - half, high: amount };
  return { unit, value, low: amount - half, high: upTo + half };
}

function daysOrMonths(ctx: DateContext, amount: number, unit: 'day' | 'month') {
  return shifted(ctx, amount, unit === 'day' ? 'day' : 'month');
}

/** The value: the day `value` ago, with the first and last day it can be ("ago" = 1, "in" = -1). */
function durationValue(ctx: DateContext, span: Elapsed, sign: number): DateValue | null {
  if (span.value <= 0 || span.low < 0) return null;
  // A duration said exactly ("整整一年", "exactly a year") names a day.
  const exact = span.low === span.high;
  // Days and weeks, half a month, or said exactly: as exact as a day; otherwise about a month.
  const precision = span.unit === 'day' || exact || span.high - span.low < 1 ? 'day' : 'month';
  const value = accept(ctx, daysOrMonths(ctx, sign * span.value, span.unit), precision);
  if (!value || exact) return value;
  const [from, to] = sign > 0 ? [span.high, span.low] : [span.low, span.high];
  const earliest = daysOrMonths(ctx, sign * from, span.unit).toISODate()!;
  const latest = daysOrMonths(ctx, sign * to, span.unit).toISODate()!;
  return { ...value, range: { earliest, latest } };
}

// --- Chinese -------------------------------------------------------------------------------------

const ZH_AMOUNT = '(\\d{1,3}(?:\\.\\d)?|[一二两三四五六七八九十百]{1,4}|半)';
const ZH_UNIT = '(天|日|周|星期|礼拜|月|年)';
/** 快 / 将近 / 不到 reach down, 超过 up, 整整 is exact; 大概, 差不多, 约 change nothing. */
const ZH_LEAN = '(?:(?:(快|将近|近|不到|超过|整整|刚好|正好|足足)|大概|大约|差不多|约|有)\\s?)?';
const ZH_DURATION =
  `${ZH_LEAN}${ZH_AMOUNT}\\s*个?\\s*(多|来)?(半)?\\s*${ZH_UNIT}(半)?(多)?` +
  // "两年零三个月", "一年三个月"
  '(?:\\s*零?\\s*(\\d{1,2}|[一二两三四五六七八九十]{1,3})\\s*个\\s*(多)?\\s*月)?(?:左右|上下)?';
/** Before a duration, a purchase or use said with 了 ("买了", "用了", "入手", "采购"); "修好用了一周" is how long a repair took. */
const ZH_SINCE =
  '(?<=(?<![修等花耗费]|修好|修完|换好)(?:买|购买?|购置|采购|用|使用|入手|到手|收到|到货|验收|装|安装|上线|运行)(?:了|来|回来)?(?:\\s?(?:才|刚|已经|都|就))*\\s?)';
const ZH_AGO = new RegExp(`(?<![\\d.\\p{Script=Latin}])${ZH_DURATION}\\s*[以之]?(前|后)`, 'gu');
const ZH_ELAPSED = new RegExp(`${ZH_SINCE}${ZH_DURATION}(?!\\s*[以之]?[前后])`, 'gu');
const ZH_UNITS: Readonly<Record<string, { unit: 'day' | 'month'; size: number }>> = {
  天: { unit: 'day', size: 1 },
  日: { unit: 'day', size: 1 },
  周: { unit: 'day', size: 7 },
  星期: { unit: 'day', size: 7 },
  礼拜: { unit: 'day', size: 7 },
  月: { unit: 'month', size: 1 },
  年: { unit: 'month', size: 12 },
};
/** "六七个月", "两三年": two neighbouring digits say a range. */
const NEIGHBOURS = /^([一两二三四五六七八])([两二三四五六七八九])$/u;

function zhNumber(text: string): [number, number] | null {
  const pair = NEIGHBOURS.exec(text);
  if (pair) {
    const a = chineseNumeral(pair[1]!)!;
    const b = chineseNumeral(pair[2]!)!;
    if (b === a + 1) return [a, b];
  }
  const n = /^\d/.test(text) ? Number(text) : chineseNumeral(text);
  return n === null ? null : [n, n];
}

function zhLean(word: string | undefined, over: boolean): Lean {
  if (over) return 'over';
  if (word === '快' || word === '将近' || word === '近' || word === '不到') return 'under';
  if (word === '超过') return 'over';
  return word === undefined ? 'plain' : 'exact';
}

/** Reads a Chinese duration match (groups as in ZH_DURATION). */
function zhElapsed(m: RegExpExecArray): Elapsed | null {
  const [
    ,
    leanWord,
    amountText,
    moreBefore,
    halfBefore,
    unitWord,
    halfAfter,
    moreAfter,
    extraText,
    extraMore,
  ] = m;
  const unit = ZH_UNITS[unitWord!]!;
  const half = halfBefore !== undefined || halfAfter !== undefined;
  let range = amountText === '半' ? (half ? null : ([0.5, 0.5] as [number, number])) : zhNumber(amountText!);
  if (!range) return null;
  let finest = unit.size;
  if (half) {
    range = [range[0] + 0.5, range[1] + 0.5];
    finest = unit.size / 2;
  } else if (amountText === '半') finest = unit.size / 2;
  let [from, to] = range.map((n) => n * unit.size) as [number, number];
  if (extraText !== undefined) {
    if (unitWord !== '年') return null;
    const extra = zhNumber(extraText)?.[0];
    if (extra === undefined) return null;
    [from, to] = [from + extra, to + extra];
    finest = 1;
  }
  if (from === 0 || (unit.unit === 'day' && !Number.isInteger(from))) return null;
  const over = moreBefore !== undefined || moreAfter !== undefined || extraMore !== undefined;
  return elapsed(from, to, unit.unit, finest, zhLean(leanWord, over));
}

/** Chinese durations: "三个月前", "半年前", "两周后", and since a purchase, "买了两年零三个月", "用了一年半". */
export function chineseDurations(folded: string, ctx: DateContext): DateCandidate[] {
  return [
    ...collect(folded, ZH_AGO, (m) => {
      const span = zhElapsed(m);
      return span ? durationValue(ctx, span, m[10] === '前' ? 1 : -1) : undefined;
    }),
    ...collect(folded, ZH_ELAPSED, (m) => {
      const span = zhElapsed(m);
      return span ? durationValue(ctx, span, 1) : undefined;
    }),
  ];
}

// --- English -------------------------------------------------------------------------------------

const B = '(?<![\\p{Script=Latin}\\d])';
const E = '(?![\\p{Script=Latin}\\d])';
const EN_AMOUNT = `(\\d{1,3}|an?|a\\s+couple\\s+of|couple\\s+of|a\\s+few|few|half\\s+an?|${ENGLISH_NUMBER_SOURCE})`;
const EN_LEAN =
  '(?:(almost|nearly|close\\s+to|less\\s+than|under|just\\s+under|over|more\\s+than|a\\s+little\\s+over|a\\s+bit\\s+over|a\\s+little\\s+more\\s+than|just\\s+over|exactly|about|around|roughly|approximately|some)\\s+)?';
const EN_DURATION =
  `${EN_LEAN}${EN_AMOUNT}(?:\\s+(?:or|to)\\s+${EN_AMOUNT})?(\\s+and\\s+a\\s+half)?\\s+(day|week|month|year)s?` +
  `(?:\\s+and\\s+(?:(a\\s+half)|${EN_AMOUNT}\\s+(month|week|day)s?))?`;
const EN_AGO = new RegExp(`${B}${EN_DURATION}\\s+(ago|back|old)${E}`, 'giu');
const EN_AHEAD = new RegExp(`${B}in\\s+${EN_DURATION}${E}`, 'giu');
/** "had it for a year", "owned the server for almost three years", "been using it for 14 months", "had the phone a year". */
const EN_HELD = new RegExp(
  `(?<=${B}(?:had|owned|using|used|running)(?:\\s{1,3}(?:it|them|this|that|the|my|our)(?:\\s{1,3}[a-z]+)?)?\\s{1,3})(?:for\\s+)?${EN_DURATION}(?!\\s+(?:ago|back|old))${E}`,
  'giu',
);
const EN_DAYS: Readonly<Record<string, { unit: 'day' | 'month'; size: number }>> = {
  day: { unit: 'day', size: 1 },
  week: { unit: 'day', size: 7 },
  month: { unit: 'month', size: 1 },
  year: { unit: 'month', size: 12 },
};

function enNumber(words: string): [number, number] | null {
  const text = words.toLowerCase().replace(/\s+/g, ' ');
  if (/^\d/.test(text)) return [Number(text), Number(text)];
  if (text === 'a' || text === 'an') return [1, 1];
  if (text.endsWith('couple of')) return [2, 2];
  if (text.endsWith('few')) return [2, 4];
  if (text.startsWith('half')) return [0.5, 0.5];
  const n = parseEnglishNumber(text);
  return n === null ? null : [n, n];
}

function enLean(word: string | undefined): Lean {
  const lean = word?.toLowerCase().replace(/\s+/g, ' ');
  if (lean === undefined || ['about', 'around', 'roughly', 'approximately', 'some'].includes(lean))
    return 'plain';
  if (lean === 'exactly') return 'exact';
  return /over|more/.test(lean) ? 'over' : 'under';
}

/** Reads an English duration match (groups as in EN_DURATION). */
function enElapsed(m: RegExpExecArray): Elapsed | null {
  const [, leanWord, amountText, upToText, halfAfterAmount, unitWord, andAHalf, extraText, extraUnit] = m;
  const unit = EN_DAYS[unitWord!.toLowerCase()]!;
  const first = enNumber(amountText!);
  const upTo = upToText === undefined ? first : enNumber(upToText);
  if (!first || !upTo) return null;
  const half = halfAfterAmount !== undefined || andAHalf !== undefined;
  if (half && amountText!.toLowerCase().startsWith('half')) return null;
  let finest = amountText!.toLowerCase().startsWith('half') || half ? unit.size / 2 : unit.size;
  let from = (first[0] + (half ? 0.5 : 0)) * unit.size;
  let to = (upTo[1] + (half ? 0.5 : 0)) * unit.size;
  if (extraText !== undefined) {
    const extraAmount = enNumber(extraText)?.[0];
    const extra = extraUnit ? EN_DAYS[extraUnit.toLowerCase()] : undefined;
    if (extraAmount === undefined || !extra || extra.unit !== unit.unit || extra.size >= unit.size)
      return null;
    from += extraAmount * extra.size;
    to += extraAmount * extra.size;
    finest = extra.size;
  }
  if (unit.unit === 'day' && !Number.isInteger(from)) return null;
  // "a few weeks" is two to four of them, whatever leans on it.
  return elapsed(from, to, unit.unit, finest, first[0] !== first[1] ? 'plain' : enLean(leanWord));
}

/** English durations: "3 weeks ago", "about eighteen months ago", "two years old", "had it for a year", "in 3 days". */
export function englishDurations(cased: string, ctx: DateContext): DateCandidate[] {
  return [
    ...collect(cased, EN_AGO, (m) => {
      const span = enElapsed(m);
      return span ? durationValue(ctx, span, 1) : undefined;
    }),
    ...collect(cased, EN_AHEAD, (m) => {
      const span = enElapsed(m);
      return span ? durationValue(ctx, span, -1) : undefined;
    }),
    ...collect(cased, EN_HELD, (m) => {
      const span = enElapsed(m);
      return span ? durationValue(ctx, span, 1) : undefined;
    }),
  ];
}
