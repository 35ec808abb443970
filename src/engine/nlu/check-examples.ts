/**
 * `flows:check` for intent examples: every intent needs enough examples in each language to be
 * learned, and one example given to two intents teaches the classifier both answers at once.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FlowBundle } from '../../flows/load.js';
import { displayPath, FlowFileProblem, type SourcePosition } from '../../flows/yaml-file.js';
import type { KnowledgeBase } from '../../kb/schema.js';
import { intentDefinitions } from './intent-model.js';

/** Spelling differences that do not make two examples different. */
function comparable(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s\p{P}\p{S}]+/gu, '');
}

/** The first line of `file` containing `needle` (1 when not found: the file is still named). */
function locate(file: string, needle: string): SourcePosition {
  let lines: string[] = [];
  try {
    lines = readFileSync(file, 'utf8').split('\n');
  } catch {
    // A file that cannot be read was already reported by the loader.
  }
  const index = lines.findIndex((line) => line.includes(needle));
  return {
    file: displayPath(file),
    line: index + 1 || 1,
    col: index >= 0 ? lines[index]!.indexOf(needle) + 1 : 1,
  };
}

export function checkExamples(bundle: FlowBundle, kb: KnowledgeBase, dir: string): FlowFileProblem[] {
  const problems: FlowFileProblem[] = [];
  const minimum = bundle.bot.understanding.min_examples;
  const fileOf = (id: string): { file: string; anchor: string } => {
    if (id.startsWith('faq:')) return { file: join(dir, 'kb', 'faq.yaml'), anchor: `id: ${id.slice(4)}` };
    const flow = bundle.flows.get(id);
    if (flow?.trigger?.examples) return { file: flow.file, anchor: 'examples' };
    return { file: join(dir, 'bot.yaml'), anchor: `id: ${id}` };
  };
  const definitions = intentDefinitions(bundle, kb);
  const declared = new Set(definitions.map((definition) => definition.id));
  // Every global intent and FAQ entry is an intent: one without examples is only reachable by keyword.
  for (const intent of bundle.bot.intents) {
    if (!declared.has(intent.id))
      problems.push(
        new FlowFileProblem(
          locate(join(dir, 'bot.yaml'), `id: ${intent.id}`),
          `intent "${intent.id}" has no examples`,
        ),
      );
  }
  // An FAQ named like a flow answers in the middle of a conversation only: first messages start the flow.
  for (const faq of kb.faqs) {
    if (!declared.has(`faq:${faq.id}`) && !bundle.flows.has(faq.id))
      problems.push(
        new FlowFileProblem(
          locate(join(dir, 'kb', 'faq.yaml'), `id: ${faq.id}`),
          `FAQ "${faq.id}" has no examples`,
        ),
      );
  }
  const owners = new Map<string, string>();
  for (const definition of definitions) {
    const { file, anchor } = fileOf(definition.id);
    for (const lang of ['zh', 'en'] as const) {
      const count = definition.examples[lang].length;
      if (count < minimum)
        problems.push(
          new FlowFileProblem(
            locate(file, anchor),
            `intent "${definition.id}" has ${count} ${lang} example${count === 1 ? '' : 's'}; it needs at least ${minimum}`,
          ),
        );
      for (const example of definition.examples[lang]) {
        const key = comparable(example);
        const owner = owners.get(key);
        if (owner && owner !== definition.id)
          problems.push(
            new FlowFileProblem(
              locate(file, example),
              `example "${example}" is given to both "${owner}" and "${definition.id}": keep it in one`,
            ),
          );
        else owners.set(key, definition.id);
      }
    }
  }
  return problems;
}
