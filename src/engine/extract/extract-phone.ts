import { type CountryCode, findPhoneNumbersInText } from 'libphonenumber-js/max';
import { foldForMatch } from './fold.js';
import type { Found } from './found.js';

/** Options for {@link extractPhone}. */
export interface ExtractPhoneOptions {
  /** ISO 3166 region for numbers written without a country code, e.g. `CN`. */
  defaultRegion: string;
}

/**
 * Finds the first valid phone number and returns it in E.164 ("13800138000" → "+8613800138000",
 * "(415) 555-2671" with region US → "+14155552671", "010-12345678" → "+861012345678"). Uses the full
 * metadata so that "valid" means an assigned number range, not just a plausible length.
 */
export function extractPhone(text: string, opts: ExtractPhoneOptions): Found<string> | null {
  // Full-width digits would be read by libphonenumber too, but folding keeps the spans identical.
  const folded = foldForMatch(text);
  const region = opts.defaultRegion.toUpperCase() as CountryCode;
  for (const found of findPhoneNumbersInText(folded, { defaultCountry: region })) {
    if (found.number.isValid())
      return { value: found.number.number, start: found.startsAt, end: found.endsAt };
  }
  return null;
}
