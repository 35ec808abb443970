import { extractNumber } from './extract-number.js';
import { foldForMatch } from './fold.js';
import type { Found } from './found.js';
import { parseYesNo } from './parse-yes-no.js';

/** Options for {@link extractAddress}. */
export interface ExtractAddressOptions {
  /** The message answers "what is the address?", so any substantial text is the address. */
  asked: boolean;
}

// A stretch of Chinese address text: Han, digits, Latin (building names), "-", "#"; a space only
// before Han or a digit ("海淀区 中关村大街27号").
const ZH_RUN = /[\p{Script=Han}\dA-Za-z#-]+(?: (?=[\p{Script=Han}\d])[\p{Script=Han}\dA-Za-z#-]+)*/gu;
const ZH_ADMIN = /[省市区县镇乡]/gu;
const ZH_STREET_NUMBER = /(?:路|街|大道|巷|弄|胡同|里)\s*\d+(?:-\d+)?\s*号/u;
const ZH_STREET = /路|街|大道|巷|弄|胡同|小区|花园|大厦|广场|园区|公寓|村/u;
// Province, city and district without a street number ("广东省深圳市南山区"): names of bounded length.
const ZH_ADMIN_CHAIN =
  /(?:\p{Script=Han}{2,6}?(?:省|自治区))?\p{Script=Han}{2,6}?市\p{Script=Han}{1,6}?[区县]/u;
const ZH_ANCHOR = /\d+[A-Za-z]?\s*(?:号院|号楼|号|栋|幢|座|单元|楼|层|室)/gu;
// Words that introduce the address: the address starts after the last of them ("我住在北京市…").
const ZH_LEAD_IN = /[在住到是于址:：]/gu;
const MEANINGFUL = /[\p{L}\p{N}]/gu;

const EN_STREET = new RegExp(
  "(?<![a-z0-9])\\d{1,6}[a-z]?(?:\\s*[-/]\\s*\\d{1,6})?\\s+((?:[a-z0-9.'-]+\\s+){1,5}?)" +
    '(street|st|road|rd|avenue|ave|boulevard|blvd|lane|ln|drive|dr|way|court|ct|place|pl|highway|hwy|' +
    'parkway|pkwy|terrace|circle|cir|square|sq)(?![a-z0-9])\\.?',
  'gu',
);
// Street names are not made of these: "2 laptops on the street" is no address.
const EN_FUNCTION_WORD =
  /(?:^|\s)(?:on|in|at|to|the|and|or|my|our|of|for|with|from|is|are|was|it|i|we|you)(?=\s)/u;
const EN_CLEAR_SUFFIX = new Set([
  'street',
  'road',
  'avenue',
  'ave',
  'boulevard',
  'blvd',
  'highway',
  'hwy',
  'parkway',
]);
// After the street: unit, then ", City", ", ST 12345" in their usual capitals.
const EN_TAIL =
  /(?:\s+(?:NE|NW|SE|SW|N|S|E|W)(?![A-Za-z]))?(?:,?\s*(?:[Aa]pt|APT|[Ss]uite|[Uu]nit|[Ff]lat|[Rr]oom|#)\.?\s*[A-Za-z0-9-]{1,8})?(?:,\s*[A-Z][A-Za-z.'-]*(?:\s[A-Z][A-Za-z.'-]*){0,3}){0,2}(?:,?\s+[A-Z]{2})?(?:,?\s+\d{5}(?:-\d{4})?)?/uy;

const ZH_ASKED_LEAD =
  /^(?:我们?的?|我家的?|公司的?)?(?:地址|住址|上门地址)(?:是|为|在)?[:：]?\s*|^(?:我们?|我家)?(?:住在|在)\s*/u;
const EN_ASKED_LEAD =
  /^(?:(?:my|our|the)\s+)?address\s*(?:is|:)\s*|^(?:it's|it is|i live at|we are at|i'm at)\s+/iu;

function meaningful(text: string): number {
  return text.match(MEANINGFUL)?.length ?? 0;
}

/** Where the address begins in a run: after the last lead-in word before the first place marker. */
function addressStart(body: string): number {
  const firstMarker = body.search(/[省市区县镇乡路街道巷弄村]/u);
  let from = 0;
  for (const lead of body.matchAll(ZH_LEAD_IN)) if (lead.index < firstMarker) from = lead.index + 1;
  return from;
}

function adminChain(body: string): Found<string> | null {
  const from = addressStart(body);
  const chain = ZH_ADMIN_CHAIN.exec(body.slice(from));
  if (!chain) return null;
  const start = from + chain.index;
  return { value: chain[0], start, end: start + chain[0].length };
}

function chineseAddress(text: string): Found<string> | null {
  for (const run of text.matchAll(ZH_RUN)) {
    const body = run[0];
    if (body.length > 200 || !/\p{Script=Han}/u.test(body)) continue;
    const anchors = [...body.matchAll(ZH_ANCHOR)];
    const lastAnchor = anchors.at(-1);
    if (!lastAnchor) {
      const chain = adminChain(body);
      if (chain) return { value: chain.value, start: run.index + chain.start, end: run.index + chain.end };
      continue;
    }
    const admins = new Set(body.slice(0, lastAnchor.index).match(ZH_ADMIN) ?? []).size;
    const street = ZH_STREET.test(body);
    if (!ZH_STREET_NUMBER.test(body) && !(admins >= 2 || (admins >= 1 && street))) continue;
    const from = addressStart(body);
    let to = lastAnchor.index + lastAnchor[0].length;
    to += /^-?\d+(?![\p{Script=Han}])/u.exec(body.slice(to))?.[0].length ?? 0;
    const start = run.index + from;
    const end = run.index + to;
    return { value: text.slice(start, end).trim(), start, end };
  }
  return null;
}

function englishAddress(text: string, folded: string): Found<string> | null {
  for (const match of folded.matchAll(EN_STREET)) {
    const suffix = match[2]!;
    const nameStart = match.index + match[0].indexOf(match[1]!);
    const original = text.slice(nameStart, match.index + match[0].length);
    // "one more way" is not an address: outside clear street words a capital letter is required.
    if (!EN_CLEAR_SUFFIX.has(suffix) && !/[A-Z]/.test(original)) continue;
    if (EN_FUNCTION_WORD.test(match[1]!)) continue;
    EN_TAIL.lastIndex = match.index + match[0].length;
    const tail = EN_TAIL.exec(text)?.[0] ?? '';
    const start = match.index;
    const end = match.index + match[0].length + tail.length;
    return { value: text.slice(start, end).trim(), start, end };
  }
  return null;
}

/** The whole answer when the question was the address: minus a leading yes/no and a lead-in phrase. */
function answeredAddress(text: string): Found<string> | null {
  let start = text.length - text.trimStart().length;
  const yesNo = parseYesNo(text);
  if (yesNo) start = yesNo.end;
  start += /^[\s\p{P}]*/u.exec(text.slice(start))?.[0].length ?? 0;
  const lead = ZH_ASKED_LEAD.exec(text.slice(start)) ?? EN_ASKED_LEAD.exec(text.slice(start));
  if (lead) start += lead[0].length;
  const body = text
    .slice(start)
    .trimEnd()
    .replace(/[\s。.!！]+$/u, '');
  if (meaningful(body) < 4) return null;
  const number = extractNumber(body);
  if (number && meaningful(body.slice(0, number.start) + body.slice(number.end)) === 0) return null;
  return { value: body, start, end: start + body.length };
}

/**
 * Finds a postal address. When `asked`, the answer itself (at least four letters or digits, not just
 * yes/no or a number). Otherwise only text that clearly is one: Chinese with province/city/district,
 * street and number markers ("北京市海淀区中关村大街27号"), or English "<number> <name> Street, City".
 */
export function extractAddress(text: string, opts: ExtractAddressOptions): Found<string> | null {
  if (opts.asked) return answeredAddress(text);
  const zh = chineseAddress(text);
  const en = englishAddress(text, foldForMatch(text));
  if (zh && en) return zh.start <= en.start ? zh : en;
  return zh ?? en;
}
