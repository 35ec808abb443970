/**
 * A length-preserving fold used by every matcher, so that an index in the folded text is an index in
 * the text the caller passed in (spans must point into the original, the engine cuts them out).
 * Full NFKC and `toLowerCase()` can change lengths; this only maps one code unit to one code unit.
 * Traditional Chinese characters fold to simplified ones (traditional.ts), so "電腦開不了機" finds
 * the keyword 开不了机 and a customer writing 繁體 is understood like one writing 简体.
 */
import { TO_SIMPLIFIED } from './traditional.js';

const FULL_WIDTH_FIRST = 0xff01;
const FULL_WIDTH_LAST = 0xff5e;
const FULL_WIDTH_OFFSET = 0xff01 - 0x21;

/**
 * Same length as `text`: full-width ASCII → ASCII, odd spaces → ' ', curly apostrophes → "'",
 * traditional Chinese → simplified, and (unless `lower` is false) lower case.
 */
export function foldForMatch(text: string, lower = true): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= FULL_WIDTH_FIRST && code <= FULL_WIDTH_LAST) {
      const ascii = String.fromCharCode(code - FULL_WIDTH_OFFSET);
      out += lower ? ascii.toLowerCase() : ascii;
    } else if (code === 0x3000 || code === 0xa0 || code === 0x09 || code === 0x0a || code === 0x0d) {
      out += ' ';
    } else if (code === 0x2018 || code === 0x2019) {
      out += "'";
    } else if (code >= 0x4e00 && code <= 0x9fff) {
      const ch = text[i] as string;
      out += TO_SIMPLIFIED.get(ch) ?? ch;
    } else if (code < 0x80 || !lower) {
      out += lower && code >= 0x41 && code <= 0x5a ? String.fromCharCode(code + 32) : text[i];
    } else {
      const ch = text[i] as string;
      const lower = ch.toLowerCase();
      out += lower.length === 1 ? lower : ch;
    }
  }
  return out;
}

const WORD_CHAR = /[\p{Script=Latin}\p{Nd}]/u;

/**
 * Latin letters and digits form words; Han characters do not, because Chinese has no spaces and
 * "我的ThinkPad坏了" must still match "ThinkPad" on word boundaries.
 */
export function isWordChar(ch: string | undefined): boolean {
  return ch !== undefined && WORD_CHAR.test(ch);
}

/** Escapes a literal for use inside a RegExp. */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
