/**
 * Keyword matching shared by the remote-fix and FAQ matchers: text normalisation, one compiled
 * pattern per keyword, and the keyword's weight. Pure; no I/O.
 *
 * A keyword is matched the same way whichever language list it comes from, because customers mix
 * them ("我的ThinkPad blue screen了", "wifi连不上"):
 * - Latin words match case-insensitively on word boundaries, with simple inflections
 *   (jam → jams, jammed, jamming; charge → charging; flicker → flickers), so "jam" never matches
 *   "pajamas".
 * - Chinese characters match as a substring, with any spaces between them ignored.
 */

/** A keyword ready to be searched for in normalised text. */
export interface CompiledKeyword {
  /** The keyword as written in the file (what `matched` reports). */
  readonly source: string;
  readonly weight: number;
  readonly pattern: RegExp;
  /**
   * Text every match contains (the first word's stem or the first character): a keyword whose probe
   * is not in the text cannot match, and `includes` is far cheaper than the pattern.
   */
  readonly probe: string;
}

const HAN = /\p{Script=Han}/u;
const LATIN_WORD = /[a-z0-9]+/g;

/**
 * Lower-cases, folds full-width forms (NFKC: "ＢＳＯＤ", "？"), drops apostrophes so "won't" and
 * "wont" are the same word, joins hyphenated words ("wi-fi" → "wifi") and collapses whitespace.
 */
export function normalizeText(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/['’‘`´]/g, '')
    .replace(/(?<=[a-z0-9])-(?=[a-z0-9])/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * How much a keyword counts when it matches: 3 per Chinese character, 1 per Latin letter or digit,
 * plus 2 per Latin word. Longer, more specific keywords weigh more; a two-character Chinese keyword
 * ("卡纸", 6) weighs about the same as a one-word English one ("bsod", 6; "jam", 5), and a phrase more
 * than any single word ("paper jam", 12; "打印机卡纸", 15).
 */
export function keywordWeight(keyword: string): number {
  const text = normalizeText(keyword);
  let han = 0;
  for (const char of text) if (HAN.test(char)) han++;
  const words = text.match(LATIN_WORD) ?? [];
  const letters = words.reduce((sum, word) => sum + word.length, 0);
  return 3 * han + letters + 2 * words.length;
}

/** Below this weight a keyword matches far too much ("卡", "on"): the schema rejects it. */
export const MIN_KEYWORD_WEIGHT = 5;

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Pattern for one Latin word with the inflections customers write. */
function inflected(word: string): string {
  // Short words and codes ("pc", "0x7b") are matched exactly.
  if (word.length < 3 || /\d/.test(word)) return escapeRegExp(word);
  const forms = [`${escapeRegExp(word)}(?:s|es|ed|d|ing|er)?`];
  const last = word.at(-1)!;
  // jam → jammed, jamming; stop → stopped (a short vowel before a final consonant doubles it).
  if (/[aeiou][bdgklmnprtz]$/.test(word)) forms.push(`${escapeRegExp(word)}${last}(?:ed|ing|er)`);
  // charge → charging, freeze → freezing.
  if (word.endsWith('e')) forms.push(`${escapeRegExp(word.slice(0, -1))}(?:ing|ed)`);
  // dry → dries, dried.
  if (/[^aeiou]y$/.test(word)) forms.push(`${escapeRegExp(word.slice(0, -1))}(?:ies|ied)`);
  return forms.length === 1 ? forms[0]! : `(?:${forms.join('|')})`;
}

/** Compiles one keyword; returns undefined for a keyword that normalises to nothing. */
export function compileKeyword(source: string): CompiledKeyword | undefined {
  const text = normalizeText(source);
  // Latin words, single Chinese characters, any other single symbol.
  const tokens = text.match(/[a-z0-9]+|\p{Script=Han}|[^\s]/gu);
  if (!tokens) return undefined;
  const isWord = (token: string): boolean => /^[a-z0-9]/.test(token);
  const body = tokens.map((token) => (isWord(token) ? inflected(token) : escapeRegExp(token))).join('\\s*');
  // Word boundaries only where the keyword starts or ends with a Latin word: Chinese has no spaces.
  const start = isWord(tokens[0]!) ? '(?<![a-z0-9])' : '';
  const end = isWord(tokens.at(-1)!) ? '(?![a-z0-9])' : '';
  // Every inflection keeps all but the last letter of a word of 3+ letters (dry → dried, charge → charging).
  const first = tokens[0]!;
  const probe = isWord(first) && first.length >= 3 && !/\d/.test(first) ? first.slice(0, -1) : first;
  return {
    source,
    weight: keywordWeight(source),
    pattern: new RegExp(`${start}${body}${end}`, 'gu'),
    probe,
  };
}

/** Compiles a list, dropping duplicates that normalise to the same text. */
export function compileKeywords(sources: Iterable<string>): CompiledKeyword[] {
  const seen = new Set<string>();
  const compiled: CompiledKeyword[] = [];
  for (const source of sources) {
    const key = normalizeText(source);
    if (seen.has(key)) continue;
    seen.add(key);
    const keyword = compileKeyword(source);
    if (keyword) compiled.push(keyword);
  }
  // Heaviest first, so a long keyword claims its span before the short ones inside it.
  return compiled.sort((a, b) => b.weight - a.weight);
}

/** What a list of keywords found in one text. */
export interface KeywordScore {
  /** Sum of the weights of the keywords found, each counted once, overlaps not double-counted. */
  raw: number;
  /** The keywords found, heaviest first, as written in the file. */
  matched: string[];
}

/**
 * Scores normalised text against compiled keywords. A keyword whose every occurrence lies inside a
 * heavier keyword already counted adds nothing: "打印机卡纸" and "卡纸" in one sentence count once.
 */
export function scoreKeywords(keywords: readonly CompiledKeyword[], normalized: string): KeywordScore {
  const taken: Array<[number, number]> = [];
  const matched: string[] = [];
  let raw = 0;
  for (const keyword of keywords) {
    if (!normalized.includes(keyword.probe)) continue;
    for (const found of normalized.matchAll(keyword.pattern)) {
      const from = found.index;
      const to = from + found[0].length;
      if (taken.some(([a, b]) => from < b && a < to)) continue;
      taken.push([from, to]);
      matched.push(keyword.source);
      raw += keyword.weight;
      break;
    }
  }
  return { raw, matched };
}
