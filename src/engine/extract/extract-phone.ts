import {
  type CountryCode,
  findPhoneNumbersInText,
  type PhoneNumber,
  parsePhoneNumberFromString,
} from 'libphonenumber-js/max';
import { foldForMatch } from './fold.js';
import type { Found } from './found.js';
import { spokenDigitRuns } from './spoken-digits.js';

/** Options for {@link extractPhone}. */
export interface ExtractPhoneOptions {
  /** ISO 3166 region for numbers written without a country code, e.g. `CN`. */
  defaultRegion: string;
  /**
   * The region of the number the customer writes from (SMS, a call), tried first: a caller from +1
   * writes their own numbers the American way.
   */
  customerRegion?: string;
}

// Stretches shaped like a phone number: an optional "+86 " or "(415) ", then groups of two or more
// digits joined by single separators ("138 0013 8000", "010-12345678", "555.2671"). libphonenumber
// costs ~7 µs per digit-heavy character, so it only sees these stretches, never the whole text.
const CANDIDATE =
  /(?<![\d+])(?:\+\s?\d{1,3}[\s.\-–]?)?(?:\(\d{1,5}\)\s?)?\d{2,12}(?:[\s.\-–]\d{2,12}){0,4}(?!\d)/gu;
const MIN_DIGITS = 7;
/**
 * An extension after the number: "转 808", "分机808", "ext. 808", "x808", "extension 12", "and ask for
 * extension 2308". It is kept in the tel-URI form (RFC 3966) "+862154321234;ext=808": E.164 has no
 * place for it, and staff need it to get through.
 */
const EXTENSION =
  /^[\s,]*(?:(?:and\s+)?(?:ask\s+for|then\s+dial|dial)\s+)?(?:转|分机号?|ext\.?|extension|x|#)\s*(\d{1,6})(?!\d)/u;
const GLUED_EXTENSION = /-(\d{1,5})$/u;
const COUNTRY_IN_BRACKETS = /^\((\d{1,3})\)\s?(.+)$/u;
/**
 * The North American layout: "(415) 555-0134", "415-555-0134", "415.555.0134", or ten digits that
 * can only be North American (no Chinese number has ten digits starting 2–9). A number laid out like
 * this is read as American even where the default region is another.
 */
const NANP_LAYOUT =
  /^(?:\+?1[\s.-]?)?(?:\(\s?[2-9]\d{2}\s?\)\s?|[2-9]\d{2}[\s.-])[2-9]\d{2}[\s.-]\d{4}$|^[2-9]\d{2}[2-9]\d{6}$/u;

/**
 * Written the way people of that region write it: where landlines are dialled with a leading 0 (China,
 * Britain: the national format starts with it), "4155550134" is not a Chinese landline whose 0 was
 * forgotten but someone else's number.
 */
function writtenNationally(written: string, number: PhoneNumber): boolean {
  const raw = written.replace(/[^\d+]/g, '');
  if (raw.startsWith('+') || raw.startsWith('00')) return true;
  return !number.formatNational().replace(/\D/g, '').startsWith('0') || raw.startsWith('0');
}

/** A stretch of text that may be a number, and the text libphonenumber should read for it. */
interface Stretch {
  /** What to parse: the stretch itself, or the digits a spoken number stands for. */
  text: string;
  start: number;
  end: number;
}

function regionsFor(stretch: Stretch, opts: ExtractPhoneOptions): CountryCode[] {
  const regions = [opts.customerRegion, opts.defaultRegion];
  if (NANP_LAYOUT.test(stretch.text.trim())) regions.unshift('US');
  return [...new Set(regions.filter((r): r is string => !!r).map((r) => r.toUpperCase()))] as CountryCode[];
}

type Reading = { number: PhoneNumber; startsAt: number; endsAt: number } | null;

/**
 * Readings of the stretches of one message by text: a long message repeating the same digits ("12 12
 * 12…") parses each distinct stretch once (libphonenumber is the expensive part).
 */
const readings = new Map<string, Reading>();

/** The first valid number in a stretch, in the first region where it is one. */
function readStretch(stretch: Stretch, regions: readonly CountryCode[]): Reading {
  const key = `${regions.join(',')}|${stretch.text}`;
  if (readings.has(key)) return readings.get(key)!;
  const reading = readUncached(stretch, regions);
  if (readings.size >= 500) readings.clear();
  readings.set(key, reading);
  return reading;
}

function readUncached(stretch: Stretch, regions: readonly CountryCode[]): Reading {
  for (const region of regions) {
    for (const found of findPhoneNumbersInText(stretch.text, { defaultCountry: region })) {
      const written = stretch.text.slice(found.startsAt, found.endsAt);
      if (found.number.isValid() && writtenNationally(written, found.number)) return found;
    }
  }
  return null;
}

function typedStretches(folded: string): Stretch[] {
  const stretches: Stretch[] = [];
  for (const candidate of folded.matchAll(CANDIDATE)) {
    if (candidate[0].replace(/\D/g, '').length < MIN_DIGITS) continue;
    stretches.push({
      text: candidate[0],
      start: candidate.index,
      end: candidate.index + candidate[0].length,
    });
  }
  return stretches;
}

function withExtension(folded: string, number: PhoneNumber, start: number, end: number, ext?: string) {
  const after = ext === undefined ? EXTENSION.exec(folded.slice(end, end + 32)) : null;
  const extension = ext ?? after?.[1] ?? number.ext;
  const value = extension ? `${number.number};ext=${extension}` : number.number;
  return { value, start, end: end + (after?.[0].length ?? 0) };
}

/** A typed stretch: the number, or "021-54321234-808", a switchboard number with its extension glued on. */
function readTyped(folded: string, stretch: Stretch, opts: ExtractPhoneOptions): Found<string> | null {
  const regions = regionsFor(stretch, opts);
  const found = readStretch(stretch, regions);
  if (found) {
    const start = stretch.start + found.startsAt;
    return withExtension(folded, found.number, start, stretch.start + found.endsAt);
  }
  // "(86) 10 8888 6666": a country code in brackets, which libphonenumber takes for an area code.
  const bracketed = COUNTRY_IN_BRACKETS.exec(stretch.text);
  if (bracketed) {
    const plus = readStretch({ ...stretch, text: `+${bracketed[1]} ${bracketed[2]}` }, regions);
    if (plus) return withExtension(folded, plus.number, stretch.start, stretch.end);
  }
  const glued = GLUED_EXTENSION.exec(stretch.text);
  if (!glued) return null;
  const trunk = readStretch({ ...stretch, text: stretch.text.slice(0, glued.index) }, regions);
  if (!trunk) return null;
  return withExtension(folded, trunk.number, stretch.start + trunk.startsAt, stretch.end, glued[1]);
}

/**
 * Finds the first valid phone number and returns it in E.164 ("13800138000" → "+8613800138000",
 * "(415) 555-2671" → "+14155552671", "010-12345678" → "+861012345678"). Uses the full metadata, so
 * "valid" means an assigned number range, not just a plausible length. Reads the forms customers use:
 * spaces, dashes, dots, brackets, full-width digits, "+86"/"0086"/"(86)", digits read out one by one
 * ("1 3 8 0 0…", "一三八零零…", "幺三九…", "one three eight…"), the North American layout whatever the
 * default region, and an extension after the number ("010-12345678 转 123" →
 * "+861012345678;ext=123").
 */
export function extractPhone(text: string, opts: ExtractPhoneOptions): Found<string> | null {
  const folded = foldForMatch(text);
  const typed = typedStretches(folded);
  const spoken = spokenDigitRuns(folded, MIN_DIGITS).map((run) => ({
    text: run.digits,
    start: run.start,
    end: run.end,
    spoken: true,
  }));
  const stretches = [...typed, ...spoken].sort((a, b) => a.start - b.start);
  for (const stretch of stretches) {
    if (!('spoken' in stretch)) {
      const found = readTyped(folded, stretch, opts);
      if (found) return found;
      continue;
    }
    // Digits read out stand for one number: all of them, or it is not one.
    const found = readStretch(stretch, regionsFor(stretch, opts));
    if (found && found.endsAt - found.startsAt === stretch.text.length)
      return withExtension(folded, found.number, stretch.start, stretch.end);
  }
  return null;
}

/** The region of a phone number in E.164 ("+14155550134" → "US"), e.g. the number a customer calls from. */
export function regionOfNumber(address: string): string | undefined {
  const match = /^(?:[a-z]+:)?(\+\d{6,15})$/i.exec(address.trim());
  if (!match) return undefined;
  return parsePhoneNumberFromString(match[1]!)?.country;
}
