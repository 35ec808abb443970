import { type CountryCode, findPhoneNumbersInText } from 'libphonenumber-js/max';
import { foldForMatch } from './fold.js';
import type { Found } from './found.js';

/** Options for {@link extractPhone}. */
export interface ExtractPhoneOptions {
  /** ISO 3166 region for numbers written without a country code, e.g. `CN`. */
  defaultRegion: string;
}

// Stretches shaped like a phone number: an optional "+86 " or "(415) ", then groups of two or more
// digits joined by single separators ("138 0013 8000", "010-12345678", "555.2671"). libphonenumber
// costs ~7 µs per digit-heavy character, so it only sees these stretches, never the whole text.
const CANDIDATE =
  /(?<![\d+])(?:\+\s?\d{1,3}[\s.\-–]?)?(?:\(\d{1,5}\)\s?)?\d{2,12}(?:[\s.\-–]\d{2,12}){0,4}(?!\d)/gu;
const MIN_DIGITS = 7;
/**
 * An extension after the number: "转 808", "分机808", "ext. 808", "x808". It is kept in the tel-URI
 * form (RFC 3966) "+862154321234;ext=808": E.164 has no place for it, and staff need it to get through.
 */
const EXTENSION = /^\s*(?:转|分机|分机号|ext\.?|extension|x|#)\s*(\d{1,6})(?!\d)/u;
const GLUED_EXTENSION = /-(\d{1,5})$/u;

/**
 * Finds the first valid phone number and returns it in E.164 ("13800138000" → "+8613800138000",
 * "(415) 555-2671" with region US → "+14155552671", "010-12345678" → "+861012345678"). Uses the full
 * metadata, so "valid" means an assigned number range, not just a plausible length. An extension
 * ("010-12345678 转 123") is kept after the number: "+861012345678;ext=123".
 */
export function extractPhone(text: string, opts: ExtractPhoneOptions): Found<string> | null {
  const folded = foldForMatch(text);
  const region = opts.defaultRegion.toUpperCase() as CountryCode;
  for (const candidate of folded.matchAll(CANDIDATE)) {
    if (candidate[0].replace(/\D/g, '').length < MIN_DIGITS) continue;
    // "021-54321234-808": a switchboard number with its extension glued on by a hyphen.
    const glued = GLUED_EXTENSION.exec(candidate[0]);
    const tries = glued ? [candidate[0], candidate[0].slice(0, glued.index)] : [candidate[0]];
    for (const stretch of tries) {
      for (const found of findPhoneNumbersInText(stretch, { defaultCountry: region })) {
        if (!found.number.isValid()) continue;
        const start = candidate.index + found.startsAt;
        let end = candidate.index + found.endsAt;
        let extension = found.number.ext;
        const after = EXTENSION.exec(folded.slice(end, end + 16));
        if (stretch !== candidate[0] && glued) {
          extension = glued[1];
          end = candidate.index + candidate[0].length;
        } else if (after) {
          extension = after[1];
          end += after[0].length;
        }
        const value = extension ? `${found.number.number};ext=${extension}` : found.number.number;
        return { value, start, end };
      }
    }
  }
  return null;
}
