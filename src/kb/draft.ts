/**
 * A knowledge-base entry drafted from a resolved case, and the check that an edited draft is a valid
 * entry. Pure: the case's facts come in as plain text, the result is what a supervisor then edits.
 *
 * The draft proposes, the supervisor decides: keywords are the customer's own short phrases (what they
 * wrote, minus product names and filler) and the keywords of the existing entries the same text already
 * matches, each in the list of its script (Chinese characters → zh, else en). Steps are the record's
 * actions, one per line or sentence, in the language they were written in; the other language is left
 * empty for the supervisor, because an entry must read well in both.
 */
import { compileKeyword, keywordWeight, MIN_KEYWORD_WEIGHT, normalizeText } from './keyword.js';
import { categoriesNamed, matchRemoteFix } from './match.js';
import { type KbEntry, type KnowledgeBase, kbCategoryIds, kbEntrySchema } from './schema.js';

/** An entry as stored while a supervisor works on it: any field may still be empty. */
export interface KbEntryFields {
  categories: string[];
  title: { zh: string; en: string };
  keywords: { zh: string[]; en: string[] };
  parts: string[];
  steps: Array<{ zh: string; en: string }>;
  /** Steps only staff follow (the engineer's repair actions), never sent to a customer. */
  staffSteps?: Array<{ zh: string; en: string }>;
  /**
   * The steps were drafted from the engineer's repair actions: a supervisor says whether a customer
   * can follow them, or they are for staff.
   */
  stepsFromActions?: boolean;
}

/** What a case says about its fault, as plain text. */
export interface DraftSource {
  /** The product category the triage found (`laptop`, `network`…), or null. */
  category: string | null;
  /** The customer's description (symptom slot), the record's fault reported, the first message. */
  symptoms: string[];
  /** The record's actions, or null when the case has no maintenance record. */
  actions: string | null;
  /** Names of the parts replaced. */
  parts: string[];
}

/** Most keywords proposed per language; a supervisor adds more if needed. */
const MAX_KEYWORDS = 8;
/** Longer clauses are sentences, not keywords a customer would write the same way again. */
const MAX_HAN = 16;
const MAX_WORDS = 6;
const MAX_STEPS = 6;
const CLAUSE = /[^，。,.;；!！?？\n、]+/gu;
const HAN = /\p{Script=Han}/gu;
/** Clauses that say THAT something is wrong, ask for a person, or carry a fact: not a symptom. */
const NOT_A_SYMPTOM =
  /坏了|故障|有问题|出问题|报修|维修|人工|序列号|机身号|购买|买的|验收|电话|\bbroken\b|\bfaulty\b|\bfault\b|\bproblem\b|\bissue\b|\brepair\b|\bserial\b|\bbought\b|\bpurchased\b|\bagent\b|\bhuman\b|\bphone\b/iu;
const FILLER_ZH = /^(?:您好|你好|我们的|我的|我们|我|现在|最近|这台|那台|有个|有一个)+/u;
const FILLER_EN = /^(?:(?:hi|hello|my|our|the|a|an|now|today)\s+)+/iu;

/** The draft's id: from the case reference, so drafting the same case twice finds the same draft. */
export function draftIdFor(ref: string): string {
  return `case_${ref.toLowerCase().replace(/[^a-z0-9]+/g, '_')}`;
}

const isChinese = (text: string): boolean => (text.match(HAN)?.length ?? 0) >= 2;

function clauses(text: string): string[] {
  return [...text.matchAll(CLAUSE)].map((match) => match[0].replace(/\s+/g, ' ').trim()).filter(Boolean);
}

/** Product names ("交换机", "ThinkPad") are the category's business, not the symptom's. */
function withoutProductWords(kb: KnowledgeBase, clause: string): string {
  let rest = clause;
  for (const category of kb.categories) {
    for (const word of [...category.words.zh, ...category.words.en]) {
      const keyword = compileKeyword(word);
      if (keyword) rest = normalizeText(rest).replace(keyword.pattern, ' ');
    }
  }
  return rest.replace(/\s+/g, ' ').trim();
}

/** A short phrase of the customer's, fit to be a keyword, or null. */
function keywordFrom(kb: KnowledgeBase, clause: string): string | null {
  if (NOT_A_SYMPTOM.test(clause)) return null;
  const bare = withoutProductWords(kb, clause).replace(FILLER_ZH, '').replace(FILLER_EN, '').trim();
  if (!bare || keywordWeight(bare) < MIN_KEYWORD_WEIGHT) return null;
  const tooLong = isChinese(bare)
    ? (bare.match(HAN)?.length ?? 0) > MAX_HAN
    : bare.split(' ').length > MAX_WORDS;
  return tooLong ? null : bare;
}

function addUnique(list: string[], word: string): void {
  const key = normalizeText(word);
  if (list.length < MAX_KEYWORDS && !list.some((known) => normalizeText(known) === key)) list.push(word);
}

/** One step per line, or per sentence when the actions are one paragraph; numbering dropped. */
export function splitSteps(actions: string): string[] {
  const lines = actions
    .split(/\n+/)
    .map((line) => line.trim())
    .filter(Boolean);
  // A paragraph: after Chinese sentence ends, and after a full stop followed by a space ("1.5 A" stays).
  const pieces = lines.length > 1 ? lines : actions.split(/(?<=[。；;!！])\s*|(?<=\.)\s+/u);
  return pieces
    .map((piece) =>
      piece
        .trim()
        .replace(/^(?:\(?\d{1,2}[).、:：]|[-*•])\s*/u, '')
        .replace(/[；;]$/u, '')
        .trim(),
    )
    .filter((piece) => /[\p{L}\p{N}]/u.test(piece))
    .slice(0, MAX_STEPS);
}

const partId = (name: string): string | null => {
  const id = name
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
  return /^[a-z][a-z0-9_]*$/.test(id) ? id : null;
};

/** Drafts the entry's fields from what the case says; see the file header for how. */
export function draftFromCase(kb: KnowledgeBase, source: DraftSource): KbEntryFields {
  const texts = source.symptoms.map((text) => text.trim()).filter(Boolean);
  const keywords = { zh: [] as string[], en: [] as string[] };
  const title = { zh: '', en: '' };
  for (const text of texts) {
    for (const clause of clauses(text)) {
      const lang = isChinese(clause) ? 'zh' : 'en';
      const keyword = keywordFrom(kb, clause);
      if (!keyword) continue;
      if (!title[lang]) title[lang] = clause.slice(0, 60);
      addUnique(keywords[lang], keyword);
    }
  }
  // The triage's product, else the products the text names ("交换机" → network).
  const known = (kbCategoryIds as readonly string[]).includes(source.category ?? '');
  const categories = known ? [source.category!] : categoriesNamed(kb, normalizeText(texts.join('\n')));
  // The existing entries' words for the same symptom, as the matcher already finds them in this text.
  for (const match of matchRemoteFix(kb, texts.join('\n'), { category: categories[0] ?? null, limit: 2 })) {
    for (const word of match.matched) addUnique(keywords[isChinese(word) ? 'zh' : 'en'], word);
  }
  const steps = source.actions
    ? splitSteps(source.actions).map((step) =>
        isChinese(step) ? { zh: step, en: '' } : { zh: '', en: step },
      )
    : [];
  return {
    categories,
    title,
    keywords,
    parts: [...new Set(source.parts.map(partId).filter((id): id is string => id !== null))],
    steps,
    ...(steps.length ? { stepsFromActions: true } : {}),
  };
}

type Lang = 'zh' | 'en';

/** The one language an entry is written in, when the other is left wholly empty (a Chinese-only team). */
export function onlyLanguage(fields: KbEntryFields): Lang | null {
  const empty = (lang: Lang) =>
    !fields.title[lang].trim() &&
    fields.keywords[lang].length === 0 &&
    [...fields.steps, ...(fields.staffSteps ?? [])].every((step) => !step[lang].trim());
  if (empty('en') && !empty('zh')) return 'zh';
  if (empty('zh') && !empty('en')) return 'en';
  return null;
}

/**
 * An entry in one language is whole in that language: its words stand for the other too, so it is
 * found only by customers who write that language's words, and they read it as written.
 */
function inBothLanguages(fields: KbEntryFields, lang: Lang): KbEntryFields {
  const other: Lang = lang === 'zh' ? 'en' : 'zh';
  const both = (text: { zh: string; en: string }) => ({ ...text, [other]: text[lang] });
  return {
    ...fields,
    title: both(fields.title),
    keywords: { ...fields.keywords, [other]: fields.keywords[lang] },
    steps: fields.steps.map(both),
    ...(fields.staffSteps ? { staffSteps: fields.staffSteps.map(both) } : {}),
  };
}

/** The entry, or every problem with it as `field: message` (the schema of `flows/kb/` files). */
export function validateKbEntry(
  id: string,
  fields: KbEntryFields,
): { entry: KbEntry; problems?: undefined } | { entry?: undefined; problems: string[] } {
  const { stepsFromActions: _undecided, ...rest } = fields;
  const only = onlyLanguage(rest);
  const whole = only ? inBothLanguages(rest, only) : rest;
  const parsed = kbEntrySchema.safeParse({
    id,
    ...whole,
    ...(whole.staffSteps?.length ? {} : { staffSteps: undefined }),
  });
  if (parsed.success) {
    const { staffSteps, ...entry } = parsed.data;
    return { entry: staffSteps?.length ? { ...entry, staffSteps } : entry };
  }
  return {
    problems: parsed.error.issues.map((issue) =>
      issue.path.length ? `${issue.path.join('.')}: ${issue.message}` : issue.message,
    ),
  };
}
