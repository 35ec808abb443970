/**
 * A serial number as speech recognition writes it, or as a caller spells it: letters and digits one by
 * one and spaced ("P F 2 X Y 9 8 7"), digits as words ("five C G eight eight two"), "double seven",
 * "triple zero", "oh" for zero, "P as in Peter", NATO words ("kilo"), "dash"; in Chinese the digits as
 * characters, spaced or not, with 幺 for one and 两 for two ("C N 三 九 幺 二 八 八"). Read only where the
 * context says serial (after a serial keyword, or in the answer to the serial question), because
 * "a b c" or "一 二 三" mean nothing elsewhere.
 */
import { DIGIT_WORDS, HAN_DIGITS, HAN_WORD_AFTER_DIGIT, REPEAT } from './spoken-digits.js';

/** Number words past nine, which a spelled serial may hold ("twelve" → "12"). */
const TEEN_WORDS: Readonly<Record<string, string>> = {
  ten: '10',
  eleven: '11',
  twelve: '12',
  thirteen: '13',
  fourteen: '14',
  fifteen: '15',
  sixteen: '16',
  seventeen: '17',
  eighteen: '18',
  nineteen: '19',
};
const NUMBER_WORDS: Readonly<Record<string, string>> = { ...DIGIT_WORDS, ...TEEN_WORDS };
const TENS: Readonly<Record<string, string>> = {
  twenty: '2',
  thirty: '3',
  forty: '4',
  fifty: '5',
  sixty: '6',
  seventy: '7',
  eighty: '8',
  ninety: '9',
};
const NATO = [
  'alpha',
  'alfa',
  'bravo',
  'charlie',
  'delta',
  'echo',
  'foxtrot',
  'golf',
  'hotel',
  'india',
  'juliet',
  'juliett',
  'kilo',
  'lima',
  'mike',
  'oscar',
  'papa',
  'quebec',
  'romeo',
  'sierra',
  'tango',
  'uniform',
  'victor',
  'whiskey',
  'xray',
  'x-ray',
  'yankee',
  'zulu',
];
const NATO_LETTERS = new Map(NATO.map((word) => [word, word[0]!]));
/** Letter names as speech recognition sometimes writes them; "see", "are", "why", "you" are words too. */
const LETTER_NAMES: Readonly<Record<string, string>> = {
  bee: 'b',
  dee: 'd',
  eff: 'f',
  gee: 'g',
  aitch: 'h',
  jay: 'j',
  kay: 'k',
  el: 'l',
  em: 'm',
  en: 'n',
  pee: 'p',
  cue: 'q',
  ess: 's',
  tee: 't',
  vee: 'v',
  ex: 'x',
  zed: 'z',
  zee: 'z',
};
const DASHES = new Set(['-', 'dash', 'hyphen', '杠', '横杠']);
/** Words said before the serial itself ("it's P F…", "嗯 是 P J…"). */
const FILLERS = new Set([
  'um',
  'uh',
  'er',
  'erm',
  'so',
  'okay',
  'ok',
  'yeah',
  'yes',
  'it',
  "it's",
  'its',
  'is',
  'the',
  'serial',
  'number',
  'my',
  '嗯',
  '呃',
  '额',
  '是',
  '就是',
  '那个',
]);
/** Short words that are never part of a spelled serial even without a vowel ("my", "by", "hmm"). */
const NOT_LETTERS = new Set(['my', 'by', 'why', 'hmm', 'mm', 'ty', 'thx', 'pls', 'plz', 'sry', 'shh']);
const MAX_LENGTH = 40;

interface Token {
  /** Characters the token stands for, lower case. */
  value: string;
  start: number;
  end: number;
  /** A token typed as it is printed ("pf", "987"), not spelled out. */
  typed: boolean;
  /** What it is when it is the first word: a filler may be skipped there. */
  word: string;
}

const SPLIT = /[a-z0-9'-]+|[\u4e00-\u9fff]|\S/gu;

/** The words and characters of `folded` from `from`, with their spans. */
function words(
  folded: string,
  from: number,
  to: number,
): Array<{ word: string; start: number; end: number }> {
  const out: Array<{ word: string; start: number; end: number }> = [];
  const pattern = new RegExp(SPLIT.source, 'gu');
  pattern.lastIndex = from;
  for (let m = pattern.exec(folded); m && m.index < to; m = pattern.exec(folded)) {
    out.push({ word: m[0], start: m.index, end: m.index + m[0].length });
  }
  return out;
}

/** A typed chunk that can be part of a spelled serial: "pf", "xy", "987", "2xy"; not "fan" or "and". */
function typedChunk(word: string): boolean {
  if (/^[0-9]{1,4}$/.test(word)) return true;
  if (/^[a-z]$/.test(word)) return true;
  if (/^[a-z]{2,3}$/.test(word)) return !/[aeiou]/.test(word) && !NOT_LETTERS.has(word);
  return /^[a-z0-9]{2,5}$/.test(word) && /[0-9]/.test(word) && /[a-z]/.test(word);
}

/**
 * The token starting at `words[i]` and how many words it used: "double seven" is one token "77",
 * "p as in peter" one token "p", "twenty two" one token "22".
 */
function tokenAt(
  list: ReadonlyArray<{ word: string; start: number; end: number }>,
  i: number,
  folded: string,
): { token: Token; used: number } | null {
  const { word, start, end } = list[i]!;
  const make = (value: string, used: number, typed = false) => ({
    token: { value, start, end: list[i + used - 1]!.end, typed, word },
    used,
  });
  if (word in HAN_DIGITS) {
    const next = folded[end];
    if (next !== undefined && HAN_WORD_AFTER_DIGIT.has(next)) return null;
    return make(HAN_DIGITS[word]!, 1);
  }
  if (DASHES.has(word)) return make('-', 1);
  const repeat = REPEAT[word];
  if (repeat !== undefined && i + 1 < list.length) {
    const next = tokenAt(list, i + 1, folded);
    if (next && next.used === 1 && next.token.value.length === 1)
      return make(next.token.value.repeat(repeat), 2);
    return null;
  }
  if (word in NUMBER_WORDS) return make(NUMBER_WORDS[word]!, 1);
  if (word in TENS) {
    const unit = list[i + 1]?.word;
    const ones = unit !== undefined ? DIGIT_WORDS[unit] : undefined;
    if (ones !== undefined && ones.length === 1 && ones !== '0' && unit !== 'oh')
      return make(`${TENS[word]}${ones}`, 2);
    return make(`${TENS[word]}0`, 1);
  }
  if (/^[0-9]$/.test(word)) return make(word, 1);
  if (/^[a-z]$/.test(word)) {
    // "P as in Peter", "K for kilo": the word after only says which letter was meant.
    const after = list[i + 1]?.word;
    if (after === 'as' && list[i + 2]?.word === 'in' && list[i + 3]) return make(word, 4);
    if (after === 'for' && list[i + 2] && /^[a-z]+$/.test(list[i + 2]!.word) && list[i + 2]!.word[0] === word)
      return make(word, 3);
    return make(word, 1);
  }
  const nato = NATO_LETTERS.get(word);
  if (nato) return make(nato, 1);
  const letter = LETTER_NAMES[word];
  if (letter) return make(letter, 1);
  if (typedChunk(word)) return make(word, 1, true);
  return null;
}

/**
 * Tokens from `list[i]` on, until a word that cannot be part of a spelled serial, and how many words
 * they used. "…9 8 7 I bought it": a lone "a" or "I" before more words is English, not the serial.
 */
function runFrom(
  list: ReadonlyArray<{ word: string; start: number; end: number }>,
  i: number,
  folded: string,
): { tokens: Token[]; used: number } {
  const tokens: Token[] = [];
  let length = 0;
  let j = i;
  while (j < list.length) {
    const next = tokenAt(list, j, folded);
    if (!next || length + next.token.value.length > MAX_LENGTH) break;
    length += next.token.value.length;
    tokens.push(next.token);
    j += next.used;
  }
  const last = tokens.at(-1);
  if (last && j < list.length && (last.value === 'a' || last.value === 'i') && last.word.length === 1)
    tokens.pop();
  while (tokens.at(-1)?.value === '-') tokens.pop();
  return { tokens, used: Math.max(1, j - i) };
}

/** A spelled-out serial: its characters (upper case, dashes kept) and span. */
export interface SpokenSerial {
  value: string;
  start: number;
  end: number;
}

/**
 * The longest prefix of a run that has a digit and fits `shape`; a run of only typed chunks is the
 * keyword reader's business, and so is a single token.
 */
function accept(tokens: readonly Token[], shape: (bare: string) => boolean): SpokenSerial | null {
  if (tokens.length < 3 || tokens.every((token) => token.typed)) return null;
  for (let n = tokens.length; n >= 3; n--) {
    const value = tokens
      .slice(0, n)
      .map((token) => token.value)
      .join('');
    const bare = value.replace(/-/g, '');
    if (/[0-9]/.test(bare) && shape(bare))
      return { value: value.toUpperCase(), start: tokens[0]!.start, end: tokens[n - 1]!.end };
  }
  return null;
}

/**
 * A serial spelled out right at `from` (just after a serial keyword and its "is"/"是"), fillers
 * skipped; null when what follows is not spelled out.
 */
export function spokenSerialAt(
  folded: string,
  from: number,
  shape: (bare: string) => boolean,
): SpokenSerial | null {
  const list = words(folded, from, Math.min(folded.length, from + 400));
  let i = 0;
  while (i < list.length && FILLERS.has(list[i]!.word)) i++;
  return accept(runFrom(list, i, folded).tokens, shape);
}

/** The longest spelled-out serial anywhere in an answer to the serial question. */
export function findSpokenSerial(folded: string, shape: (bare: string) => boolean): SpokenSerial | null {
  const list = words(folded, 0, Math.min(folded.length, 2000));
  let best: SpokenSerial | null = null;
  for (let i = 0; i < list.length; ) {
    const { tokens, used } = runFrom(list, i, folded);
    const found = accept(tokens, shape);
    if (found && (!best || found.value.length > best.value.length)) best = found;
    // A run's tail never beats the run itself.
    i += used;
  }
  return best;
}

/**
 * Short Latin keywords as speech recognition writes them spelled out: "sn" and "s/n" also as "s n",
 * "s slash n".
 */
export function spokenKeywords(keywords: readonly string[]): string[] {
  const extra: string[] = [];
  for (const keyword of keywords) {
    const letters = keyword.toLowerCase().replace(/[/\s]/g, '');
    if (/^[a-z]{2,3}$/.test(letters) && keyword.length <= 4) {
      extra.push(letters.split('').join(' '));
      if (keyword.includes('/')) extra.push(letters.split('').join(' slash '));
    }
  }
  return [...new Set([...keywords, ...extra])];
}
