import { CHINESE_NUMERAL_CHARS, chineseNumeral } from './chinese-numeral.js';
import {
  ENGLISH_NUMBER_SOURCE,
  ENGLISH_ORDINAL_SOURCE,
  parseEnglishNumber,
  parseEnglishOrdinal,
} from './english-numbers.js';
import { findWord } from './find-keyword.js';
import { foldForMatch } from './fold.js';
import type { Found } from './found.js';
import { foldSameSound, isTypoOf } from './typos.js';

/** One option of a choice question, as flows define it (`choiceOptionSchema`). */
export interface ChoiceOptionLike {
  value: string;
  label: { zh: string; en: string };
  synonyms?: { zh: readonly string[]; en: readonly string[] };
}

/** Options for {@link matchChoice}. */
export interface MatchChoiceOptions {
  /** The message answers this very question, so "2" or "第二个" may pick an option by number. */
  asked: boolean;
}

// Whole-message numbered answers: "2", "2.", "#2", "(2)", "选2", "第二个", "option 2", "the second one".
const ZH_NUMBERED = new RegExp(
  `^(?:我)?(?:选择?|要)?\\s*(?:第)?\\s*(\\d{1,2}|[${CHINESE_NUMERAL_CHARS}]{1,3})\\s*(?:个|项|种|号|条|台)?\\s*(?:吧|啦|的)?$`,
  'u',
);
const EN_NUMBERED = new RegExp(
  `^(?:(?:i\\s+(?:choose|pick|want|select)|i'll\\s+take|choose|pick|select|option|choice|number|no\\.?|#)\\s*)?` +
    `(\\d{1,2}|${ENGLISH_NUMBER_SOURCE})(?:\\s+(?:please|thanks|thank\\s+you))?$`,
  'u',
);
const EN_ORDINAL = new RegExp(
  `^(?:(?:i\\s+(?:choose|pick|want)|i'll\\s+take)\\s+)?(?:the\\s+)?(${ENGLISH_ORDINAL_SOURCE})(?:\\s+(?:one|option|choice))?(?:\\s+(?:please|thanks))?$`,
  'u',
);
const EDGES = /^[\s([（【"'“]+|[\s)\]）】.。!！,，"'”、]+$/gu;

function optionNumber(answer: string): number | null {
  const zh = ZH_NUMBERED.exec(answer);
  if (zh) return /^\d/.test(zh[1]!) ? Number(zh[1]) : chineseNumeral(zh[1]!);
  const en = EN_NUMBERED.exec(answer);
  if (en) return /^\d/.test(en[1]!) ? Number(en[1]) : parseEnglishNumber(en[1]!);
  const ordinal = EN_ORDINAL.exec(answer);
  return ordinal ? parseEnglishOrdinal(ordinal[1]!) : null;
}

/** The option a whole-message numbered answer picks: undefined when the message is not one. */
function numbered(folded: string, count: number): Found<number | null> | undefined {
  if (folded.length > 40) return undefined;
  const answer = folded.replace(EDGES, '');
  if (answer === '') return undefined;
  const n = optionNumber(answer.replace(/\s+/g, ' '));
  if (n === null) return undefined;
  const start = folded.indexOf(answer);
  return { value: n >= 1 && n <= count ? n - 1 : null, start, end: start + answer.length };
}

function namesOf(option: ChoiceOptionLike): string[] {
  return [option.label.zh, option.label.en, ...(option.synonyms?.zh ?? []), ...(option.synonyms?.en ?? [])];
}

/** The longest (then earliest) name of any option found in `folded`. */
function byName(folded: string, options: ReadonlyArray<ChoiceOptionLike>): Found<string> | null {
  let best: Found<string> | null = null;
  for (const option of options) {
    for (const word of namesOf(option)) {
      const hit = findWord(folded, word);
      if (!hit) continue;
      const longer = best === null || hit.end - hit.start > best.end - best.start;
      const earlier =
        best !== null && hit.end - hit.start === best.end - best.start && hit.start < best.start;
      if (longer || earlier) best = { value: option.value, start: hit.start, end: hit.end };
    }
  }
  return best;
}

const LATIN_WORD = /[a-z]+/g;
/** Words looked at for typos: enough for any message a customer writes, bounded for pasted logs. */
const MAX_TYPO_WORDS = 400;

/** An English name typed wrong ("prnter", "laptp") or split in two ("lap top"); the first found. */
function byTypo(folded: string, options: ReadonlyArray<ChoiceOptionLike>): Found<string> | null {
  const names = options.flatMap((option) =>
    namesOf(option)
      .map((name) => foldForMatch(name))
      .filter((name) => /^[a-z]{5,}$/.test(name))
      .map((name) => ({ name, value: option.value })),
  );
  const words = [...folded.matchAll(LATIN_WORD)].slice(0, MAX_TYPO_WORDS);
  const tried = new Set<string>();
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    const next = words[i + 1];
    const joined =
      next && next.index === word.index + word[0].length + 1 ? `${word[0]}${next[0]}` : undefined;
    for (const [typed, end] of [
      [word[0], word.index + word[0].length],
      ...(joined ? [[joined, next!.index + next![0].length] as const] : []),
    ] as const) {
      if (tried.has(typed)) continue;
      tried.add(typed);
      const found = names.find(({ name }) => name === typed || isTypoOf(typed, name));
      if (found) return { value: found.value, start: word.index, end };
    }
  }
  return null;
}

/**
 * Picks the option a message names, by label or synonym in either language, anywhere in the text
 * ("我的ThinkPad X1" → the option with synonym "ThinkPad"); the longest match wins, then the earliest.
 * Failing that, a name typed wrong: Chinese characters of the same sound ("打印鸡", "笔记笨"), an English
 * typo ("prnter") or a name split in two ("lap top").
 * When `asked`, a numbered answer ("2", "选2", "第二个", "option 2", "the second one") picks by position;
 * a number out of range gives null.
 */
export function matchChoice(
  text: string,
  options: ReadonlyArray<ChoiceOptionLike>,
  opts: MatchChoiceOptions,
): Found<string> | null {
  const folded = foldForMatch(text);
  if (opts.asked) {
    const picked = numbered(folded, options.length);
    if (picked) {
      const option = picked.value === null ? undefined : options[picked.value];
      return option ? { value: option.value, start: picked.start, end: picked.end } : null;
    }
  }
  // Same-sound folding keeps every exact name and adds the mistyped ones ("手鸡屏幕碎了": 手机 first).
  return byName(foldSameSound(folded), options) ?? byTypo(folded, options);
}
