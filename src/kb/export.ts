/**
 * Approved console entries as a `flows/kb/` file: the same `entries:` shape the loader reads, so a
 * support manager can copy it into the folder and `npm run flows:check` accepts it.
 */
import { stringify } from 'yaml';
import type { KbEntry } from './schema.js';

/** The YAML of one knowledge-base file holding `entries` (at least one: the loader wants one). */
export function exportEntriesYaml(entries: readonly KbEntry[], header: string): string {
  const ordered = [...entries].sort((a, b) => a.id.localeCompare(b.id));
  const comments = header
    .split('\n')
    .map((line) => `# ${line}`.trimEnd())
    .join('\n');
  // lineWidth 0: steps stay on one line each, as the hand-written files have them.
  return `${comments}\n${stringify({ entries: ordered.map(plainEntry) }, { lineWidth: 0 })}`;
}

/** Field order as in the hand-written files; no empty `parts`. */
function plainEntry(entry: KbEntry): Record<string, unknown> {
  return {
    id: entry.id,
    categories: entry.categories,
    title: entry.title,
    keywords: entry.keywords,
    ...(entry.parts.length ? { parts: entry.parts } : {}),
    steps: entry.steps,
  };
}
