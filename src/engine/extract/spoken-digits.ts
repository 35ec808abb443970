/**
 * Digits read out one by one, as callers say them and speech recognition writes them: "1 3 8 0 0…",
 * "one three eight double zero…", "一三八零零…", "幺三九 幺二三四…" (幺 is one and 两 two when a number
 * is read digit by digit). Serial numbers and phone numbers are both said this way.
 */

/** English digit words; "oh" is zero when digits are read out. */
export const DIGIT_WORDS: Readonly<Record<string, string>> = {
  zero: '0',
  oh: '0',
  nought: '0',
  one: '1',
  two: '2',
  three: '3',
  four: '4',
  five: '5',
  six: '6',
  seven: '7',
  eight: '8',
  nine: '9',
};

/** Chinese digits, with 幺 (one) and 两 (two) as numbers are read out. */
export const HAN_DIGITS: Readonly<Record<string, string>> = {
  零: '0',
  〇: '0',
  一: '1',
  幺: '1',
  二: '2',
  两: '2',
  三: '3',
  四: '4',
  五: '5',
  六: '6',
  七: '7',
  八: '8',
  九: '9',
  // How radio and telephone operators read digits so none is misheard: 洞 for 0, 拐 for 7 (as 幺 for 1).
  洞: '0',
  拐: '7',
};

/** A Chinese digit right before one of these belongs to a word ("一直", "两个", "三年"), not a number read out. */
export const HAN_WORD_AFTER_DIGIT: ReadonlySet<string> = new Set([
  ...'个年月日号天周次台块位直下些点岁份十百千万样',
]);

/** "double five" → "55", "triple zero" → "000". */
export const REPEAT: Readonly<Record<string, number>> = { double: 2, triple: 3 };

const HAN_CLASS = `[${Object.keys(HAN_DIGITS).join('')}]`;
const HAN_RUN = new RegExp(`${HAN_CLASS}(?:[\\s-]?${HAN_CLASS})+`, 'gu');
const WORD = `(?:${[...Object.keys(DIGIT_WORDS), ...Object.keys(REPEAT)].join('|')})`;
const WORD_RUN = new RegExp(`(?<![a-z])${WORD}(?:[\\s,-]+${WORD})+(?![a-z])`, 'gu');
const SPACED_RUN = /(?<![\d.])\d(?: \d)+(?![\d.])/gu;

/** A run of digits read out, with its span and the digits it stands for. */
export interface DigitRun {
  digits: string;
  start: number;
  end: number;
}

function hanRun(match: RegExpMatchArray, folded: string): DigitRun | null {
  let written = match[0];
  // "…八零零一直打不通": the last 一 starts the word 一直.
  if (HAN_WORD_AFTER_DIGIT.has(folded[match.index! + written.length] ?? '')) written = written.slice(0, -1);
  const digits = [...written].map((ch) => HAN_DIGITS[ch] ?? '').join('');
  return { digits, start: match.index!, end: match.index! + written.length };
}

function wordRun(match: RegExpMatchArray): DigitRun | null {
  const words = match[0].split(/[\s,-]+/);
  let digits = '';
  for (let i = 0; i < words.length; i++) {
    const repeat = REPEAT[words[i]!];
    if (repeat === undefined) {
      digits += DIGIT_WORDS[words[i]!] ?? '';
      continue;
    }
    const next = DIGIT_WORDS[words[i + 1] ?? ''];
    if (next === undefined) return null;
    digits += next.repeat(repeat);
    i++;
  }
  return { digits, start: match.index!, end: match.index! + match[0].length };
}

/** Every run of at least `minDigits` digits read out one by one in `folded` (text through foldForMatch). */
export function spokenDigitRuns(folded: string, minDigits: number): DigitRun[] {
  const runs: DigitRun[] = [];
  for (const match of folded.matchAll(HAN_RUN)) {
    const run = hanRun(match, folded);
    if (run) runs.push(run);
  }
  for (const match of folded.matchAll(WORD_RUN)) {
    const run = wordRun(match);
    if (run) runs.push(run);
  }
  for (const match of folded.matchAll(SPACED_RUN))
    runs.push({ digits: match[0].replace(/ /g, ''), start: match.index, end: match.index + match[0].length });
  return runs.filter((run) => run.digits.length >= minDigits);
}
