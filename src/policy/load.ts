/**
 * Loads flows/policy.yaml once at start-up: schema first, then the cross-section checks, every problem
 * as `file:line:col message`. The result is frozen: the policy is configuration, not state.
 */
import { FlowFileProblem, FlowFilesInvalidError, readYamlFile } from '../flows/yaml-file.js';
import { policyProblems } from './checks.js';
import { type Policy, policySchema } from './schema.js';

/** Where the support manager keeps the policy. @defaultValue relative to the working directory */
export const DEFAULT_POLICY_FILE = 'flows/policy.yaml';

/**
 * Reads and validates the policy file.
 * @throws FlowFilesInvalidError listing every problem with file, line and column.
 */
export function loadPolicy(file = DEFAULT_POLICY_FILE): Policy {
  const { value, doc, problems } = readYamlFile(file, policySchema);
  if (!value || !doc || problems.length > 0) throw new FlowFilesInvalidError(problems);
  const crossProblems = policyProblems(value).map(
    (problem) =>
      new FlowFileProblem(doc.locate(problem.path), `${problem.path.join('.')}: ${problem.message}`),
  );
  if (crossProblems.length > 0) throw new FlowFilesInvalidError(crossProblems);
  return deepFreeze(value);
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
