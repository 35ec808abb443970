/**
 * Keeps an SMS reply within the segment budget (SMS_SEGMENT_BUDGET): a longer reply becomes several
 * messages, cut after a sentence (。！？ . ! ? followed by a space) or a line break. A single sentence
 * longer than the budget is cut between words, or failing that between characters — user-perceived
 * characters (grapheme clusters), so an emoji, a surrogate pair or an accent is never cut in half.
 */
import { countSmsSegments } from '../../src/port/sms-segments.js';

const FULL_STOPS = new Set('。！？');
const HALF_STOPS = new Set('.!?');
const CLOSERS = new Set('”’」』）)"\']');

/** Sentences with their closing punctuation (and closing quotes); a line break ends one too. */
export function sentencesOf(text: string): string[] {
  const chars = Array.from(text);
  const sentences: string[] = [];
  let current = '';
  for (let i = 0; i < chars.length; i++) {
    const char = chars[i]!;
    current += char;
    let ends = char === '\n';
    if (FULL_STOPS.has(char) || HALF_STOPS.has(char)) {
      while (
        i + 1 < chars.length &&
        (CLOSERS.has(chars[i + 1]!) || FULL_STOPS.has(chars[i + 1]!) || HALF_STOPS.has(chars[i + 1]!))
      ) {
        current += chars[++i];
      }
      // "2.5", "v1.2": a half-width stop ends a sentence only before a space or the end, and the "1."
      // of a numbered list is not a sentence.
      const next = chars[i + 1];
      const listMarker = /^\s*\d{1,2}\.$/.test(current);
      ends = FULL_STOPS.has(char) || next === undefined || (/\s/.test(next) && !listMarker);
    }
    if (ends) {
      sentences.push(current);
      current = '';
    }
  }
  if (current) sentences.push(current);
  return sentences;
}

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

function fits(text: string, budget: number): boolean {
  return countSmsSegments(text).segments <= budget;
}

/** The longest prefix of `text` that fits, ending at a word boundary if there is one. */
function longestFittingPrefix(text: string, budget: number): string {
  const clusters = Array.from(graphemes.segment(text), (segment) => segment.segment);
  let low = 1;
  let high = clusters.length;
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (fits(clusters.slice(0, mid).join(''), budget)) low = mid;
    else high = mid - 1;
  }
  const prefix = clusters.slice(0, low).join('');
  const lastSpace = prefix.lastIndexOf(' ');
  return lastSpace > prefix.length / 2 ? prefix.slice(0, lastSpace + 1) : prefix;
}

/** Cuts one over-long sentence into pieces that each fit. */
function cutSentence(sentence: string, budget: number): string[] {
  const pieces: string[] = [];
  let rest = sentence;
  while (rest.length > 0 && !fits(rest, budget)) {
    const prefix = longestFittingPrefix(rest, budget);
    pieces.push(prefix);
    rest = rest.slice(prefix.length);
  }
  if (rest.length > 0) pieces.push(rest);
  return pieces;
}

/** The reply as one or more messages, each within `budget` segments; whitespace at the cuts dropped. */
export function splitForBudget(text: string, budget: number): string[] {
  const trimmed = text.trim();
  if (fits(trimmed, budget)) return trimmed ? [trimmed] : [];
  const parts: string[] = [];
  let current = '';
  for (const sentence of sentencesOf(trimmed).flatMap((s) =>
    fits(s, budget) ? [s] : cutSentence(s, budget),
  )) {
    if (fits(current + sentence, budget)) {
      current += sentence;
      continue;
    }
    if (current.trim()) parts.push(current.trim());
    current = sentence;
  }
  if (current.trim()) parts.push(current.trim());
  return parts;
}
