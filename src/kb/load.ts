/**
 * Loads the knowledge base from `flows/kb/*.yaml`. Every problem in every file is collected before
 * anything is thrown, so a support manager fixes them all in one pass instead of one per restart.
 */
import { readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import {
  displayPath,
  FlowFileProblem,
  FlowFilesInvalidError,
  type LocatedDocument,
  readYamlFile,
  type SourcePosition,
} from '../flows/yaml-file.js';
import {
  type FaqEntry,
  faqFileSchema,
  type KbCategory,
  type KbEntry,
  type KnowledgeBase,
  kbFileSchema,
} from './schema.js';

/** The one file that holds `faqs:` instead of `entries:`. */
const FAQ_FILE = /^faq\.ya?ml$/;

const where = (position: SourcePosition): string => `${position.file}:${position.line}:${position.col}`;

/** Remembers the first place each id was seen and reports any later one. */
class IdRegistry {
  private readonly seen = new Map<string, SourcePosition>();
  constructor(private readonly what: string) {}

  claim(id: string, doc: LocatedDocument, path: PropertyKey[], problems: FlowFileProblem[]): void {
    const first = this.seen.get(id);
    if (!first) {
      this.seen.set(id, doc.locate(path));
      return;
    }
    const message = `${path.join('.')}: duplicate ${this.what} "${id}" (first defined at ${where(first)})`;
    problems.push(new FlowFileProblem(doc.locate(path), message));
  }
}

/**
 * Reads every `*.yaml` in `dir`: `faq.yaml` holds `faqs:`, every other file `entries:` (and usually a
 * `category:` header). Ids are unique across all files, entries and FAQs alike, so a case can name
 * the entry it used; a repeat is reported where it occurs the second time (files in name order).
 *
 * @defaultValue dir `flows/kb`
 * @throws FlowFilesInvalidError listing every problem as `file:line:col message`.
 */
export function loadKnowledgeBase(dir = 'flows/kb'): KnowledgeBase {
  const problems: FlowFileProblem[] = [];
  const categories: KbCategory[] = [];
  const entries: KbEntry[] = [];
  const faqs: FaqEntry[] = [];
  const ids = new IdRegistry('id');
  const categoryIds = new IdRegistry('category');

  for (const file of listYamlFiles(dir)) {
    const isFaq = FAQ_FILE.test(basename(file));
    const {
      value,
      doc,
      problems: found,
    } = isFaq ? readYamlFile(file, faqFileSchema) : readYamlFile(file, kbFileSchema);
    problems.push(...found);
    if (!doc) continue;
    // Ids are checked on the raw YAML, so a duplicate is reported even in a file with other problems.
    const listKey = isFaq ? 'faqs' : 'entries';
    for (const [index, id] of rawIds(doc.data, listKey)) ids.claim(id, doc, [listKey, index, 'id'], problems);
    const categoryId = rawCategoryId(doc.data);
    if (categoryId) categoryIds.claim(categoryId, doc, ['category', 'id'], problems);
    if (!value) continue;
    if ('faqs' in value) faqs.push(...value.faqs);
    else {
      if (value.category) categories.push(value.category);
      entries.push(...value.entries);
    }
  }

  if (problems.length === 0 && entries.length === 0) {
    problems.push(at(dir, 'no knowledge-base entries: expected <category>.yaml files with `entries:`'));
  }
  if (problems.length > 0) throw new FlowFilesInvalidError(problems);
  return Object.freeze({
    categories: Object.freeze(categories),
    entries: Object.freeze(entries),
    faqs: Object.freeze(faqs),
  });
}

function listYamlFiles(dir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new FlowFilesInvalidError([at(dir, `cannot read the knowledge-base folder: ${reason}`)]);
  }
  // Name order makes "the second occurrence" of a duplicate the same on every machine.
  return names
    .filter((name) => /\.ya?ml$/.test(name))
    .sort()
    .map((name) => join(dir, name));
}

/** `[index, id]` of every list item with a string `id`, before schema validation. */
function rawIds(data: unknown, listKey: string): Array<[number, string]> {
  const list = isRecord(data) ? data[listKey] : undefined;
  if (!Array.isArray(list)) return [];
  return list.flatMap(
    (item, index): Array<[number, string]> =>
      isRecord(item) && typeof item.id === 'string' ? [[index, item.id]] : [],
  );
}

function rawCategoryId(data: unknown): string | undefined {
  const category = isRecord(data) ? data.category : undefined;
  return isRecord(category) && typeof category.id === 'string' ? category.id : undefined;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function at(path: string, message: string): FlowFileProblem {
  return new FlowFileProblem({ file: displayPath(path), line: 1, col: 1 }, message);
}
