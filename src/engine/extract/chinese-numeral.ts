const DIGITS: Readonly<Record<string, number>> = {
  零: 0,
  〇: 0,
  一: 1,
  幺: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};
const SMALL_UNITS: Readonly<Record<string, number>> = { 十: 10, 百: 100, 千: 1000 };
const BIG_UNITS: Readonly<Record<string, number>> = { 万: 10_000, 亿: 100_000_000 };

/** Characters a Chinese numeral is written with, for building patterns. */
export const CHINESE_NUMERAL_CHARS = '零〇一幺二两三四五六七八九十百千万亿';

/**
 * Reads a Chinese numeral: "三" → 3, "十二" → 12, "二十五" → 25, "一百零五" → 105, "两万" → 20000, and
 * digit-by-digit years "二〇二五" → 2025. Returns null for anything else, including ASCII digits.
 */
export function chineseNumeral(text: string): number | null {
  const chars = [...text.trim()];
  if (chars.length === 0) return null;
  if (chars.length > 1 && chars.every((ch) => ch in DIGITS)) {
    // "二〇二五", "幺三八": read out digit by digit, as years and phone numbers are.
    return Number(chars.map((ch) => DIGITS[ch]).join(''));
  }
  let total = 0;
  let section = 0;
  let digit: number | null = null;
  let lastSmall = Number.POSITIVE_INFINITY;
  let lastBig = Number.POSITIVE_INFINITY;
  for (const ch of chars) {
    const d = DIGITS[ch];
    const small = SMALL_UNITS[ch];
    const big = BIG_UNITS[ch];
    if (d !== undefined) {
      if (digit !== null && digit !== 0) return null;
      digit = d;
    } else if (small !== undefined) {
      if (small >= lastSmall || digit === 0) return null;
      // "十二", "一百十": 十 without a digit means one ten.
      const times = digit ?? (small === 10 ? 1 : null);
      if (times === null) return null;
      section += times * small;
      digit = null;
      lastSmall = small;
    } else if (big !== undefined) {
      if (big >= lastBig) return null;
      const value = section + (digit ?? 0);
      if (value === 0) return null;
      total += value * big;
      section = 0;
      digit = null;
      lastSmall = Number.POSITIVE_INFINITY;
      lastBig = big;
    } else {
      return null;
    }
  }
  return total + section + (digit ?? 0);
}
