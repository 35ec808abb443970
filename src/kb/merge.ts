/**
 * The knowledge base the bot uses: the files under `flows/kb/` plus the entries supervisors approved in
 * the console. Pure; the desk reloads the approved entries when their version changes in Redis.
 */
import type { KbEntry, KnowledgeBase } from './schema.js';

/**
 * The files' knowledge base with the approved entries appended. An approved entry whose id a file
 * already has is left out: once an export is copied into `flows/kb/`, the file is the one to edit.
 */
export function withApprovedEntries(files: KnowledgeBase, approved: readonly KbEntry[]): KnowledgeBase {
  if (approved.length === 0) return files;
  const taken = new Set([...files.entries.map((entry) => entry.id), ...files.faqs.map((faq) => faq.id)]);
  const added = approved.filter((entry) => !taken.has(entry.id));
  if (added.length === 0) return files;
  return Object.freeze({
    categories: files.categories,
    entries: Object.freeze([...files.entries, ...added]),
    faqs: files.faqs,
  });
}
