import { findWord } from './find-keyword.js';
import { foldForMatch } from './fold.js';
import type { Found } from './found.js';
import { findSpokenSerial, spokenKeywords, spokenSerialAt } from './spoken-serial.js';

/** Options for {@link extractSerial}. */
export interface ExtractSerialOptions {
  /** The serial's shape as a regex source, matched case-insensitively against whole tokens. */
  pattern?: string;
  /** Words that introduce the serial; empty or absent: {@link DEFAULT_SERIAL_KEYWORDS}. */
  keywords?: readonly string[];
  /**
   * The message answers the serial question, so a serial spelled out ("P F 2 X Y 9 8 7", "五 C G 八
   * 八 二") needs no keyword before it.
   */
  answering?: boolean;
}

/** Words that introduce a serial number when the flow names none. */
export const DEFAULT_SERIAL_KEYWORDS: readonly string[] = [
  '序列号',
  '序列號',
  '序号',
  '串号',
  '机身号',
  '机器编号',
  'serial number',
  'serial no',
  'serial',
  's/n',
  'sn',
];

const TOKEN = /[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?/gu;
// Between the keyword and the value: "：", "是", "is", "#", "no."…, at most a few characters.
const GAP = /^(?:[\s:：#=,，.。-]|is\s|was\s|no\.|number\s|为|是)*/u;
const MAX_TOKEN = 40;
const CASE_REFERENCE = /^sr-\d{4}-\d{4,}/u;

/**
 * After a keyword a serial may be printed in groups: "HX-22QZ-9K1M", "5CD 1234 XYZ". Groups are joined
 * by one hyphen or one space; a space-joined group must hold a digit, so "TB9KX771 got" stops at the
 * serial, and must not be a year or the start of a date ("序列号PF2ABC12 2023年5月买的", "PF2ABC12 2023").
 */
const GROUPED =
  /[a-z0-9]+(?:-[a-z0-9]+|\s(?=[a-z]*[0-9])(?!(?:19|20)\d{2}(?![a-z0-9]))[a-z0-9]{1,5}(?![a-z0-9]|[年月日号/.:]))*/u;

/**
 * The longest run of groups whose shape fits: the pattern is checked on the characters without
 * separators; hyphens are part of how the maker prints it and are kept, spaces are layout and go.
 */
function keywordValue(
  raw: string,
  shape: ((token: string) => boolean) | null,
): { value: string; length: number } | null {
  const parts = raw.split(/(?=[-\s])/u);
  for (let n = parts.length; n > 0; n--) {
    const written = parts.slice(0, n).join('');
    const bare = written.replace(/[-\s]/gu, '');
    // A serial always has a digit: "serial number: …" must not read "NUMBER".
    const acceptable = /[0-9]/.test(bare) && (shape ? shape(bare) : bare.length >= 4);
    if (acceptable && bare.length <= MAX_TOKEN)
      return { value: written.replace(/\s/gu, '').toUpperCase(), length: written.length };
  }
  return null;
}

function defaultShape(token: string): boolean {
  // Without a pattern or keyword, a serial must look unlike a model name ("X1", "T14", "RTX3080"…).
  if (!/^[a-z0-9]{7,20}$/.test(token)) return false;
  const digits = token.replace(/[^0-9]/g, '').length;
  // Short letters-then-digits tokens are model names ("RTX3080", "XPS9310", "M404dn"), not serials.
  return digits >= 2 && digits < token.length && !/^[a-z]{1,4}[0-9]{2,4}[a-z]{0,3}$/.test(token);
}

/**
 * Without a keyword a token needs a digit (no serial is a plain word such as "ThinkPad"), and an
 * all-digit token must not look like a phone number, which another slot wants.
 */
function bareTokenAllowed(token: string): boolean {
  if (!/[0-9]/.test(token)) return false;
  if (!/^[0-9]+$/.test(token)) return true;
  // Chinese mobiles and landlines, and the North American ten digits ("text 4155550190").
  return (
    !/^1[3-9][0-9]{9}$/.test(token) &&
    !/^0[1-9][0-9]{8,10}$/.test(token) &&
    !/^[2-9][0-9]{2}[2-9][0-9]{6}$/.test(token)
  );
}

function compile(pattern: string | undefined): ((token: string) => boolean) | null {
  if (pattern === undefined) return null;
  const regex = new RegExp(`^(?:${pattern})$`, 'iu');
  return (token) => regex.test(token);
}

function isTokenEdge(folded: string, start: number, end: number): boolean {
  // Tokens glued to "@", "." or "/" are parts of emails, URLs and file names.
  const before = folded[start - 1];
  const after = folded[end];
  const glued = (ch: string | undefined, next: string | undefined) =>
    ch === '@' || ((ch === '.' || ch === '/' || ch === '_') && next !== undefined && /[a-z0-9]/.test(next));
  return !glued(before, folded[start - 2]) && !glued(after, folded[end + 1]);
}

/** The serial printed after a keyword (and its "is"/"：" at `from`): "PF2ABC12", "HX-22QZ-9K1M". */
function typedAfter(
  folded: string,
  from: number,
  shape: ((token: string) => boolean) | null,
): Found<string> | null {
  const grouped = new RegExp(GROUPED.source, 'uy');
  grouped.lastIndex = from;
  const match = grouped.exec(folded);
  if (!match || /[a-z0-9]/.test(folded[match.index + match[0].length] ?? '')) return null;
  // "工单编号 SR-2611-0042" is our case reference, not the device's serial number.
  if (CASE_REFERENCE.test(match[0])) return null;
  const found = keywordValue(match[0], shape);
  return found ? { value: found.value, start: match.index, end: match.index + found.length } : null;
}

/** Of a typed and a spelled-out reading of the same place, the one that read more of the serial. */
function longer(a: Found<string> | null, b: Found<string> | null): Found<string> | null {
  if (!a || !b) return a ?? b;
  return b.value.replace(/-/g, '').length > a.value.replace(/-/g, '').length ? b : a;
}

/** A token of the serial's shape anywhere in the text, for a message without a keyword. */
function bareToken(folded: string, shape: ((token: string) => boolean) | null): Found<string> | null {
  for (const match of folded.matchAll(TOKEN)) {
    const start = match.index;
    const end = start + match[0].length;
    if (/[a-z0-9]/.test(folded[end] ?? '') || (start > 0 && /[a-z0-9-]/.test(folded[start - 1] ?? '')))
      continue;
    if (match[0].length > MAX_TOKEN || !isTokenEdge(folded, start, end)) continue;
    if (!bareTokenAllowed(match[0])) continue;
    if (shape ? shape(match[0]) : defaultShape(match[0]))
      return { value: match[0].toUpperCase(), start, end };
  }
  return null;
}

/**
 * Finds a serial number: the value after a keyword ("序列号：PF2ABC12", "S/N PF2ABC12", "serial number
 * is pf2abc12"), also spelled out as speech recognition writes it ("serial P F 2 X Y 9 8 7", "序列号
 * C N 三 九 幺 二", "s n is double seven…"), or, without one, a token of the slot's `pattern`. Without a
 * pattern a bare token must have 7–20 letters and digits with at least two digits, so model names
 * ("X1", "T14") never qualify. In an answer to the serial question a spelled-out serial needs no
 * keyword. The value is upper-cased.
 */
export function extractSerial(text: string, opts: ExtractSerialOptions = {}): Found<string> | null {
  const folded = foldForMatch(text);
  const shape = compile(opts.pattern);
  const keywords = opts.keywords && opts.keywords.length > 0 ? opts.keywords : DEFAULT_SERIAL_KEYWORDS;
  // After a keyword any four characters with a digit will do ("serial: AB12"), as for a typed value.
  const spokenShape = shape ?? ((bare: string) => bare.length >= 4);
  let best: Found<string> | null = null;
  for (const keyword of spokenKeywords(keywords)) {
    const hit = findWord(folded, keyword);
    if (!hit || (best && hit.start >= best.start)) continue;
    const from = hit.end + (GAP.exec(folded.slice(hit.end, hit.end + 12))?.[0].length ?? 0);
    const found = longer(typedAfter(folded, from, shape), spokenSerialAt(folded, from, spokenShape));
    if (found) best = found;
  }
  if (best) return best;
  const bare = bareToken(folded, shape);
  if (!opts.answering) return bare;
  return longer(bare, findSpokenSerial(folded, shape ?? ((token) => defaultShape(token))));
}
