/**
 * What the intent classifier sees of a message: words and character n-grams. Chinese has no spaces,
 * so its characters and character pairs and triples stand in for words ("断网", "不开机"); English
 * gets whole words plus n-grams inside words, so "jammed" and "jamming" share "jam". Digits all look
 * alike ("SR-2611-0042" and "SR-2612-0100" are the same shape). A yes-or-no question asked the
 * Chinese way ("保不保修", "能不能用") is read as the thing asked about plus a question mark, not as
 * the negation inside it ("不保修" is a warranty exclusion, "不能用" a fault).
 */
import { foldForMatch } from '../extract/fold.js';

const HAN = /\p{Script=Han}+/gu;
const LATIN = /[a-z][a-z0-9']*|[0-9]+/gu;
/** A-not-A: a character, 不 or 没, the same character again ("有没有", "在不在"). */
const A_NOT_A = /(\p{Script=Han})[不没]\1/gu;

/** Feature strings of a text; each appears once. */
export function textFeatures(text: string): string[] {
  const folded = foldForMatch(text).replace(/[0-9]/g, '0');
  const features = new Set<string>();
  for (const written of folded.match(HAN) ?? []) {
    const run = written.replace(A_NOT_A, '$1');
    if (run !== written) features.add('q:a-not-a');
    const chars = [...run];
    for (let i = 0; i < chars.length; i++) {
      features.add(`c:${chars[i]}`);
      if (i + 1 < chars.length) features.add(`c:${chars[i]}${chars[i + 1]}`);
      if (i + 2 < chars.length) features.add(`c:${chars[i]}${chars[i + 1]}${chars[i + 2]}`);
    }
  }
  const words = (folded.match(LATIN) ?? []).map((word) => word.replace(/'s?$/, ''));
  words.forEach((word, i) => {
    features.add(`w:${word}`);
    if (i + 1 < words.length) features.add(`b:${word} ${words[i + 1]}`);
    const padded = `<${word}>`;
    for (let n = 3; n <= 4; n++) {
      for (let k = 0; k + n <= padded.length; k++) features.add(`g:${padded.slice(k, k + n)}`);
    }
  });
  return [...features];
}
