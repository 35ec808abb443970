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
 * Finds the first valid phone number and returns it in E.164 ("13800138000" → "+8613800138000",
 * "(415) 555-2671" with region US → "+14155552671", "010-12345678" → "+861012345678"). Uses the full
 * metadata, so "valid" means an assigned number range, not just a plausible length.
 */
export function extractPhone(text: string, opts: ExtractPhoneOptions): Found<string> | null {
  const folded = foldForMatch(text);
  const region = opts.defaultRegion.toUpperCase() as CountryCode;
  for (const candidate of folded.matchAll(CANDIDATE)) {
    if (candidate[0].replace(/\D/g, '').length < MIN_DIGITS) continue;
    for (const found of findPhoneNumbersInText(candidate[0], { defaultCountry: region })) {
      if (!found.number.isValid()) continue;
      const start = candidate.index + found.startsAt;
      return { value: found.number.number, start, end: candidate.index + found.endsAt };
    }
  }
  return null;
}
