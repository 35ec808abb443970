import { escapeRegExp, foldForMatch, isWordChar } from './fold.js';
import type { Found } from './found.js';

const NOT_WORD_BEFORE = '(?<![\\p{Script=Latin}\\p{Nd}])';
const NOT_WORD_AFTER = '(?![\\p{Script=Latin}\\p{Nd}])';
/** A keyword's pattern, and a piece of it that must be in the text for the pattern to match. */
interface KeywordPattern {
  regex: RegExp;
  literal: string;
}
const patternCache = new Map<string, KeywordPattern | null>();

function keywordPattern(word: string): KeywordPattern | null {
  const cached = patternCache.get(word);
  if (cached !== undefined) return cached;
  const key = foldForMatch(word).trim().replace(/\s+/g, ' ');
  let pattern: KeywordPattern | null = null;
  if (key !== '') {
    const first = key[0];
    const last = key[key.length - 1];
    let source = escapeRegExp(key).replace(/ /g, '\\s+');
    if (isWordChar(first)) source = NOT_WORD_BEFORE + source;
    if (last !== undefined && /[a-z]/.test(last)) {
      // Simple plurals: "agent" also finds "agents", "box" finds "boxes".
      source += /(?:s|x|z|ch|sh)$/.test(key) ? '(?:es)?' : 's?';
    }
    if (isWordChar(last)) source += NOT_WORD_AFTER;
    // Most keywords are absent from most messages: a plain substring test rules them out several
    // times faster than the regular expression (the classifier tries every keyword on every example).
    const literal = key.split(' ').reduce((a, b) => (b.length > a.length ? b : a));
    pattern = { regex: new RegExp(source, 'gu'), literal };
  }
  if (patternCache.size > 2000) patternCache.clear();
  patternCache.set(word, pattern);
  return pattern;
}

/**
 * A negation that is the middle of a yes-or-no question: "能不能用" holds "不能用" and "保不保修" holds
 * "不保修", but they ask "can it be used?" and "is it covered?" (the A-not-A question), so the negative
 * keyword is not there.
 */
function isAskingForm(folded: string, start: number): boolean {
  const negation = folded[start];
  return (negation === '不' || negation === '没') && start > 0 && folded[start - 1] === folded[start + 1];
}

/**
 * The first place `word` occurs in `folded` (text already passed through `foldForMatch`): words with
 * Latin letters or digits on word boundaries (plural s allowed), Chinese as a plain substring, except a
 * negation inside an A-not-A question.
 */
export function findWord(folded: string, word: string): { start: number; end: number } | null {
  const pattern = keywordPattern(word);
  if (!pattern || !folded.includes(pattern.literal)) return null;
  const { regex } = pattern;
  regex.lastIndex = 0;
  for (let match = regex.exec(folded); match; match = regex.exec(folded)) {
    if (!isAskingForm(folded, match.index)) return { start: match.index, end: match.index + match[0].length };
    regex.lastIndex = match.index + 1;
  }
  return null;
}

/**
 * Finds the earliest of `words` in `text`, case-insensitively; on a tie the longest. Words with Latin
 * letters match whole words only ("agent" finds "agents" but not "reagent"); Chinese words match
 * anywhere, since Chinese has no spaces. `value` is the word as listed.
 */
export function findKeyword(text: string, words: readonly string[]): Found<string> | null {
  const folded = foldForMatch(text);
  let best: Found<string> | null = null;
  for (const word of words) {
    const hit = findWord(folded, word);
    if (!hit) continue;
    if (!best || hit.start < best.start || (hit.start === best.start && hit.end > best.end)) {
      best = { value: word, start: hit.start, end: hit.end };
    }
  }
  return best;
}
