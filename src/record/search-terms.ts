/**
 * What a search box's text may be, worked out before any SQL: a case reference, a phone number in any
 * spelling (normalised to E.164 with libphonenumber, as the channels store it), an email address, a
 * serial or contract number, a customer's name, and the words of the conversation (Chinese segmented
 * with jieba exactly as the record indexed it, English left to PostgreSQL's stemming).
 */
import { type CountryCode, parsePhoneNumberFromString } from 'libphonenumber-js';
import { searchWords } from '../db/words.js';

export interface SearchTerms {
  /** The text as typed, trimmed. */
  text: string;
  /** Upper-cased: how references and serial numbers are stored. */
  code: string | null;
  /** Identity addresses to look up: E.164 phone numbers, a lower-cased email address. */
  addresses: string[];
  /** A customer's name, or its beginning (lower-cased). */
  name: string | null;
  /** The query's words segmented for `plainto_tsquery('simple', …)`. */
  words: string;
}

const CODE = /^[A-Za-z0-9][A-Za-z0-9._/-]{2,63}$/;
const EMAIL = /^[^\s@<>]+@[^\s@<>]+$/;
const PHONE_CHARACTERS = /^[+\d\s().-]{5,}$/;

/** The phone numbers a text may mean: as written in the default region, and as an international one. */
export function phoneCandidates(text: string, region: string): string[] {
  if (!PHONE_CHARACTERS.test(text)) return [];
  const digits = text.replace(/[^\d+]/g, '');
  const found = new Set<string>();
  for (const spelling of [text, digits.startsWith('+') ? digits : `+${digits}`]) {
    const phone = parsePhoneNumberFromString(spelling, region as CountryCode);
    if (phone?.isValid()) found.add(phone.number);
  }
  // A number stored as the channel delivered it, not valid for libphonenumber (a short code, a test
  // number): the digits as typed still find it.
  if (found.size === 0 && digits.replace('+', '').length >= 5) {
    found.add(digits.startsWith('+') ? digits : `+${digits}`);
  }
  return [...found];
}

export function searchTerms(query: string, region: string): SearchTerms {
  const text = query.trim().slice(0, 200);
  const compact = text.replace(/\s+/g, '');
  const addresses = EMAIL.test(text) ? [text.toLowerCase()] : phoneCandidates(text, region);
  const hasLetter = /\p{L}/u.test(text);
  return {
    text,
    code: CODE.test(compact) ? compact.toUpperCase() : null,
    addresses,
    name: hasLetter && !EMAIL.test(text) && text.length <= 60 ? text.toLowerCase() : null,
    words: searchWords(text),
  };
}

/** The words a snippet centres on: the query's segments, longest first. */
export function highlightWords(terms: SearchTerms): string[] {
  return [...new Set([...terms.words.split(' '), ...terms.text.split(/\s+/)])]
    .filter((word) => word.length > 0)
    .sort((a, b) => b.length - a.length);
}

/** Up to `width` characters of a line around the first word of the query it contains. */
export function snippetOf(text: string, words: readonly string[], width = 80): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= width) return flat;
  const lower = flat.toLowerCase();
  const at = words.reduce<number>((best, word) => {
    const index = lower.indexOf(word.toLowerCase());
    return index >= 0 && (best < 0 || index < best) ? index : best;
  }, -1);
  const start = Math.max(0, Math.min(flat.length - width, Math.max(at, 0) - Math.floor(width / 3)));
  const cut = flat.slice(start, start + width);
  return `${start > 0 ? '…' : ''}${cut}${start + width < flat.length ? '…' : ''}`;
}
