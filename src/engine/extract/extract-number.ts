import { CHINESE_NUMERAL_CHARS, chineseNumeral } from './chinese-numeral.js';
import { ENGLISH_NUMBER_SOURCE, parseEnglishNumber } from './english-numbers.js';
import { foldForMatch } from './fold.js';
import type { Found } from './found.js';

// Digits glued to Latin letters are model names and serials ("X1", "T14", "PF2ABC12"), except units.
const DIGITS =
  /(?<![\p{Script=Latin}\d.,])\d{1,3}(?:,\d{3})+(?:\.\d+)?(?![\d,])|(?<![\p{Script=Latin}\d.,])\d+(?:\.\d+)?/gu;
const UNIT_SUFFIX = /^(?:st|nd|rd|th|x|pcs?|units?|sets?)?(?![\p{Script=Latin}])/u;
const CHINESE = new RegExp(`[${CHINESE_NUMERAL_CHARS}]+`, 'gu');
// A Chinese numeral inside a sentence only counts before a measure word: "两台", "三次", "十二个".
// Without one, "一直", "一下", "统一" would all be numbers.
const MEASURE =
  /^(?:个|台|部|件|次|天|周|年|月|位|人|张|只|块|元|套|箱|条|支|本|把|台电脑|小时|分钟|岁|遍|回|号|楼|层|份)/u;
const ENGLISH = new RegExp(`(?<![\\p{Script=Latin}])${ENGLISH_NUMBER_SOURCE}(?![\\p{Script=Latin}])`, 'gu');
const FILLER = /^[\s\p{P}\p{S}]*$/u;

interface Hit {
  value: number;
  start: number;
  end: number;
}

function first(hit: Hit | null, next: Hit | null): Hit | null {
  if (!next) return hit;
  return !hit || next.start < hit.start ? next : hit;
}

function digitHit(folded: string): Hit | null {
  for (const match of folded.matchAll(DIGITS)) {
    const end = match.index + match[0].length;
    if (!UNIT_SUFFIX.test(folded.slice(end, end + 6))) continue;
    return { value: Number(match[0].replace(/,/g, '')), start: match.index, end };
  }
  return null;
}

function chineseHit(text: string): Hit | null {
  for (const match of text.matchAll(CHINESE)) {
    const end = match.index + match[0].length;
    const alone = FILLER.test(text.slice(0, match.index)) && FILLER.test(text.slice(end));
    if (!alone && !MEASURE.test(text.slice(end, end + 3))) continue;
    const value = chineseNumeral(match[0]);
    if (value !== null) return { value, start: match.index, end };
  }
  return null;
}

function englishHit(folded: string): Hit | null {
  for (const match of folded.matchAll(ENGLISH)) {
    const value = parseEnglishNumber(match[0]);
    if (value !== null) return { value, start: match.index, end: match.index + match[0].length };
  }
  return null;
}

/**
 * Finds the first number in a message: digits ("3", "3.5", "1,200", full-width "３"), Chinese numerals
 * before a measure word or alone ("两台", "十二", "三"), English words ("twelve", "twenty-one").
 * Digits inside model names and serials ("X1", "T14") are not numbers.
 */
export function extractNumber(text: string): Found<number> | null {
  const folded = foldForMatch(text);
  return first(first(digitHit(folded), chineseHit(text)), englishHit(folded));
}
