const UNITS = [
  'zero',
  'one',
  'two',
  'three',
  'four',
  'five',
  'six',
  'seven',
  'eight',
  'nine',
  'ten',
  'eleven',
  'twelve',
  'thirteen',
  'fourteen',
  'fifteen',
  'sixteen',
  'seventeen',
  'eighteen',
  'nineteen',
];
const TENS = ['', '', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'];
const ORDINALS = [
  '',
  'first',
  'second',
  'third',
  'fourth',
  'fifth',
  'sixth',
  'seventh',
  'eighth',
  'ninth',
  'tenth',
  'eleventh',
  'twelfth',
];

const tensAlternation = TENS.filter(Boolean).join('|');
const unitsAlternation = [...UNITS].reverse().join('|');

/** Regex source (lower case) for "one"…"ninety-nine": longer words first so "fourteen" beats "four". */
export const ENGLISH_NUMBER_SOURCE = `(?:(?:${tensAlternation})(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?|${unitsAlternation})`;

/** Regex source (lower case) for "first"…"twelfth" and "1st", "2nd", "3rd", "4th"… */
export const ENGLISH_ORDINAL_SOURCE = `(?:${ORDINALS.filter(Boolean).join('|')}|\\d{1,2}(?:st|nd|rd|th))`;

/** "twelve" → 12, "twenty-five" / "twenty five" → 25 (lower case, 0–99); otherwise null. */
export function parseEnglishNumber(words: string): number | null {
  const [first = '', second, ...rest] = words.trim().split(/[- ]+/);
  if (rest.length > 0) return null;
  const unit = UNITS.indexOf(first);
  if (unit >= 0) return second === undefined ? unit : null;
  const tens = TENS.indexOf(first);
  if (tens < 2) return null;
  if (second === undefined) return tens * 10;
  const ones = UNITS.indexOf(second);
  return ones >= 1 && ones <= 9 ? tens * 10 + ones : null;
}

/** "second" → 2, "3rd" → 3 (lower case); otherwise null. */
export function parseEnglishOrdinal(word: string): number | null {
  const index = ORDINALS.indexOf(word);
  if (index > 0) return index;
  const digits = /^(\d{1,2})(?:st|nd|rd|th)$/.exec(word);
  return digits ? Number(digits[1]) : null;
}
