/**
 * The knowledge-base files under `flows/kb/`, as zod schemas. A support manager edits these; the
 * loader (load.ts) reports every problem with file:line:col, the matcher (match.ts) reads the result.
 *
 * - `<category>.yaml` (laptop.yaml, printer.yaml, …): an optional `category:` header naming the
 *   product and the words customers use for it, then `entries:` — remote fixes a customer can try.
 * - `faq.yaml`: `faqs:` — questions the bot answers at once.
 */
import { z } from 'zod';
import { examplesSchema, textSchema } from '../flows/schema.js';
import { keywordWeight, MIN_KEYWORD_WEIGHT } from './keyword.js';

/** The product categories, as the triage flow names them. */
export const kbCategoryIds = ['laptop', 'desktop', 'monitor', 'printer', 'server', 'network'] as const;
export type KbCategoryId = (typeof kbCategoryIds)[number];

const id = z
  .string()
  .regex(/^[a-z][a-z0-9_]*$/, 'must be lower_snake_case (letters, digits, _), starting with a letter');

const categoryId = z.enum(kbCategoryIds, {
  error: (issue) => `unknown category ${JSON.stringify(issue.input)} (known: ${kbCategoryIds.join(', ')})`,
});

// One-character Chinese or two-letter English keywords ("卡", "on") would match almost any message.
const keyword = z
  .string()
  .min(1)
  .refine((word) => keywordWeight(word) >= MIN_KEYWORD_WEIGHT, {
    message: 'is too short to be a keyword: use at least 2 Chinese characters or 3 letters',
  });

/** Keywords in both languages: every entry must be findable whichever language the customer writes. */
const keywordsSchema = z.strictObject({
  zh: z.array(keyword).min(1, 'list at least one Chinese keyword'),
  en: z.array(keyword).min(1, 'list at least one English keyword'),
});

/** The header of a category file: what customers call this kind of product. */
export const kbCategorySchema = z.strictObject({
  id: categoryId,
  name: textSchema,
  /**
   * Product words ("笔记本", "ThinkPad", "打印机", "LaserJet"). A message that names a product is matched
   * as if the customer had chosen that category, even when the flow has not asked yet.
   */
  words: z.strictObject({
    zh: z.array(z.string().min(1)).default([]),
    en: z.array(z.string().min(1)).default([]),
  }),
});
export type KbCategory = z.infer<typeof kbCategorySchema>;

/** One remote fix: a symptom customers describe, and safe steps they can try before a visit. */
export const kbEntrySchema = z.strictObject({
  id,
  categories: z.array(categoryId).min(1, 'name at least one category'),
  title: textSchema,
  /** The words customers really use for the symptom ("开不了机", "won't turn on"). */
  keywords: keywordsSchema,
  /** Parts most likely at fault, for the engineer's van and the quote; ids like `fan`, `fuser`. */
  parts: z.array(id).default([]),
  /** Short numbered list of things a customer can try safely, without opening the case. */
  steps: z.array(textSchema).min(3, 'give at least 3 steps').max(6, 'keep it short: at most 6 steps'),
  /** What the engineer does (from a case's repair actions): for staff, never sent to a customer. */
  staffSteps: z.array(textSchema).max(10, 'keep it short: at most 10 staff steps').optional(),
});
export type KbEntry = z.infer<typeof kbEntrySchema>;

/** A question the bot answers at once (the service plan: "if you can answer, answer briefly"). */
export const faqEntrySchema = z.strictObject({
  id,
  /** Words of the question, not of a fault: "保修多久", "how long is the warranty". */
  keywords: keywordsSchema,
  question: textSchema,
  /** Questions customers ask that this answer covers, for the intent classifier. */
  examples: examplesSchema.optional(),
  /** May use `{{contact.phone}}`, `{{contact.email}}`, `{{contact.fax}}`, `{{contact.hours}}`. */
  answer: textSchema,
});
export type FaqEntry = z.infer<typeof faqEntrySchema>;

export const kbFileSchema = z.strictObject({
  category: kbCategorySchema.optional(),
  entries: z.array(kbEntrySchema).min(1, 'list at least one entry'),
});

export const faqFileSchema = z.strictObject({
  faqs: z.array(faqEntrySchema).min(1, 'list at least one question'),
});

/** Everything under `flows/kb/`, validated. */
export interface KnowledgeBase {
  readonly categories: readonly KbCategory[];
  readonly entries: readonly KbEntry[];
  readonly faqs: readonly FaqEntry[];
}
