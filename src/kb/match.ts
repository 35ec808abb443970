/**
 * Finds the remote fix or FAQ answer for what a customer wrote. Pure functions of the knowledge base
 * and the text; no I/O, no clock.
 *
 * Scoring, in full:
 * 1. Each keyword weighs 3 per Chinese character + 1 per Latin letter/digit + 2 per Latin word
 *    (keyword.ts: "卡纸" 6, "jam" 5, "paper jam" 12, "打印机卡纸" 15).
 * 2. An entry's raw score is the sum of the weights of its keywords found in the text, each keyword
 *    once, and a keyword inside a heavier one already found not counted again.
 * 3. The customer's categories are the one the flow passed plus any product the text names
 *    ("打印机", "ThinkPad"). An entry in one of them scores raw × {@link CATEGORY_BOOST}; an entry
 *    outside them is kept only if raw ≥ {@link STRONG_SCORE} (a long phrase or several keywords).
 *    With no category known at all, every entry competes on raw score alone.
 * 4. Anything under {@link MIN_SCORE}, or under {@link RELATIVE_CUTOFF} of the best score, is dropped:
 *    a weak suggestion next to a good one only wastes the customer's time.
 */
import {
  type CompiledKeyword,
  compileKeywords,
  type KeywordScore,
  normalizeText,
  scoreKeywords,
} from './keyword.js';
import type { FaqEntry, KbEntry, KnowledgeBase } from './schema.js';

/** A raw score below this is noise (one keyword of minimum weight). */
export const MIN_SCORE = 5;
/** Raw score an entry outside the customer's categories needs to be suggested at all. */
export const STRONG_SCORE = 18;
/** Multiplier for entries in the customer's categories. */
export const CATEGORY_BOOST = 1.5;
/** Results scoring less than this share of the best one are dropped. */
export const RELATIVE_CUTOFF = 0.4;

/** One suggested remote fix. */
export interface RemoteFixMatch {
  entry: KbEntry;
  score: number;
  /** The keywords that matched, as written in the knowledge base, heaviest first. */
  matched: string[];
}

/** Options for {@link matchRemoteFix}. */
export interface MatchRemoteFixOptions {
  /**
   * The product category from the triage flow; null or absent when not known yet. Categories named in
   * the text are added to it; a category no entry has simply leaves only strong matches.
   */
  category?: string | null;
  /**
   * Most results returned.
   * @defaultValue 3
   */
  limit?: number;
}

// Compiled patterns per knowledge-base object: the KB is immutable once loaded, so compile once.
const compiled = new WeakMap<object, CompiledKeyword[]>();
function keywordsOf(owner: object, lists: Iterable<Iterable<string>>): CompiledKeyword[] {
  let keywords = compiled.get(owner);
  if (!keywords) {
    keywords = compileKeywords([...lists].flatMap((list) => [...list]));
    compiled.set(owner, keywords);
  }
  return keywords;
}

const lexiconOf = (owner: KbEntry | FaqEntry): CompiledKeyword[] =>
  keywordsOf(owner, [owner.keywords.zh, owner.keywords.en]);

/** Texts whose entry scores are remembered per knowledge base (one turn asks about the same text). */
const REMEMBERED_TEXTS = 64;
const remembered = new WeakMap<KnowledgeBase, Map<string, KeywordScore[]>>();

/**
 * Every entry's score for a (normalised) text, in the knowledge base's order. A turn scores the same
 * text several times — is it a symptom, which fix, is it a question instead — so the last few texts'
 * scores are kept.
 */
function entryScores(kb: KnowledgeBase, normalized: string): KeywordScore[] {
  let byText = remembered.get(kb);
  if (!byText) {
    byText = new Map();
    remembered.set(kb, byText);
  }
  let scores = byText.get(normalized);
  if (!scores) {
    scores = kb.entries.map((entry) => scoreKeywords(lexiconOf(entry), normalized));
    if (byText.size >= REMEMBERED_TEXTS) byText.delete(byText.keys().next().value!);
    byText.set(normalized, scores);
  }
  return scores;
}

/** The categories whose product words appear in the (normalised) text. */
export function categoriesNamed(kb: KnowledgeBase, normalized: string): string[] {
  return kb.categories
    .filter((category) => {
      const words = keywordsOf(category, [category.words.zh, category.words.en]);
      return scoreKeywords(words, normalized).raw > 0;
    })
    .map((category) => category.id);
}

/**
 * The best remote-fix entries for a customer's description of a fault, best first; `[]` when nothing
 * fits well enough to be worth suggesting. See the file header for the scoring formula.
 */
export function matchRemoteFix(
  kb: KnowledgeBase,
  text: string,
  opts: MatchRemoteFixOptions = {},
): RemoteFixMatch[] {
  const limit = opts.limit ?? 3;
  const normalized = normalizeText(text);
  if (!normalized || limit <= 0) return [];
  const focus = new Set(categoriesNamed(kb, normalized));
  if (opts.category) focus.add(opts.category);

  const results: RemoteFixMatch[] = [];
  const scores = entryScores(kb, normalized);
  for (const [n, entry] of kb.entries.entries()) {
    const { raw, matched } = scores[n]!;
    if (raw < MIN_SCORE) continue;
    const inFocus = entry.categories.some((category) => focus.has(category));
    if (focus.size > 0 && !inFocus && raw < STRONG_SCORE) continue;
    results.push({ entry, score: inFocus ? raw * CATEGORY_BOOST : raw, matched });
  }
  // Array sort is stable: equal scores keep the knowledge base's order.
  results.sort((a, b) => b.score - a.score || b.matched.length - a.matched.length);
  const best = results[0]?.score ?? 0;
  return results.filter((result) => result.score >= best * RELATIVE_CUTOFF).slice(0, limit);
}

/** The FAQ answer for a question, with its raw score. */
export interface FaqMatch {
  faq: FaqEntry;
  score: number;
}

/**
 * The FAQ that answers the customer's question, or null. A message that reads more like a fault
 * report than a question (its best remote-fix raw score is at least the FAQ's) gets null: the triage
 * flow, not a canned answer, handles "my laptop won't turn on — is it under warranty?".
 */
export function matchFaq(kb: KnowledgeBase, text: string): FaqMatch | null {
  const normalized = normalizeText(text);
  if (!normalized) return null;
  let best: FaqMatch | null = null;
  for (const faq of kb.faqs) {
    const { raw } = scoreKeywords(lexiconOf(faq), normalized);
    if (raw >= MIN_SCORE && raw > (best?.score ?? 0)) best = { faq, score: raw };
  }
  if (!best) return null;
  const fault = Math.max(0, ...entryScores(kb, normalized).map((score) => score.raw));
  return fault >= best.score ? null : best;
}
