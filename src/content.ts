/**
 * Everything a support manager edits under `flows/`: flows and bot settings, the service policy and
 * the knowledge base. Loaded together at start-up; every problem in every file is reported at once
 * (`flows/x.yaml:LINE:COL message`) and nothing half-loads.
 */
import { join } from 'node:path';
import { createActionRegistry } from './actions/index.js';
import { type ActionRegistry, actionCatalogue } from './engine/actions.js';
import { checkExamples } from './engine/nlu/check-examples.js';
import { intentModelFor } from './engine/nlu/intent-model.js';
import { checkFlows, type FlowBundle } from './flows/load.js';
import { type FlowFileProblem, FlowFilesInvalidError } from './flows/yaml-file.js';
import { loadKnowledgeBase } from './kb/load.js';
import type { KnowledgeBase } from './kb/schema.js';
import { loadPolicy } from './policy/load.js';
import type { Policy } from './policy/schema.js';

export interface Content {
  bundle: FlowBundle;
  policy: Policy;
  kb: KnowledgeBase;
  actions: ActionRegistry;
}

function collect<T>(load: () => T, problems: FlowFileProblem[]): T | undefined {
  try {
    return load();
  } catch (error) {
    if (error instanceof FlowFilesInvalidError) {
      problems.push(...error.problems);
      return undefined;
    }
    throw error;
  }
}

/** Checks the whole flows folder; returns the content or every problem found. */
export function checkContent(dir: string): { content?: Content; problems: FlowFileProblem[] } {
  const problems: FlowFileProblem[] = [];
  const policy = collect(() => loadPolicy(join(dir, 'policy.yaml')), problems);
  const kb = collect(() => loadKnowledgeBase(join(dir, 'kb')), problems);
  // Action factories only capture their dependencies, so names and argument schemas can be checked
  // even when the policy or knowledge base failed to load.
  const actions = createActionRegistry({ policy: policy as Policy, kb: kb as KnowledgeBase });
  const flows = checkFlows(dir, actionCatalogue(actions));
  problems.push(...flows.problems);
  if (!policy || !kb || !flows.bundle || problems.length > 0) return { problems };
  problems.push(...checkExamples(flows.bundle, kb, dir));
  if (problems.length > 0) return { problems };
  // Trained here, once, from the flows and the FAQ together; deterministic for the same files.
  const bundle = { ...flows.bundle, nlu: intentModelFor(flows.bundle, kb) };
  return { content: { bundle, policy, kb, actions }, problems };
}

/** Loads the flows folder or throws FlowFilesInvalidError listing every problem. */
export function loadContent(dir: string): Content {
  const { content, problems } = checkContent(dir);
  if (!content) throw new FlowFilesInvalidError(problems);
  return content;
}
