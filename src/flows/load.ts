/**
 * Loads everything under `flows/` that shapes the conversation: the bot settings (`bot.yaml`) and every
 * flow (`*.yaml`). Files are validated with zod and then cross-checked (step targets, slots, actions,
 * flows named by intents). All problems in all files are collected and thrown together, each as
 * `flows/x.yaml:LINE:COL message`; nothing half-loads.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { z } from 'zod';
import type { IntentModel } from './intent-model.js';
import { type BotSettings, botSchema, type Flow, flowSchema, type Step } from './schema.js';
import { FlowFileProblem, type LocatedDocument, readYamlFile } from './yaml-file.js';

/** Files in the flows folder that are not flows. */
const NOT_FLOWS = new Set(['bot.yaml', 'policy.yaml']);

/** A step with its id always set (derived from what the step does when the file gives none). */
export type CompiledStep = Step & { id: string };

export interface CompiledFlow extends Omit<Flow, 'steps'> {
  steps: CompiledStep[];
  /** Step id → position in `steps`. */
  index: Map<string, number>;
  file: string;
}

export interface FlowBundle {
  bot: BotSettings;
  flows: Map<string, CompiledFlow>;
  defaultFlow: string;
  /** The intent classifier, trained once the knowledge base is loaded too (src/content.ts). */
  nlu?: IntentModel;
}

/** What the loader needs to know about actions: their names and, optionally, their argument schema. */
export interface ActionCatalogue {
  has(name: string): boolean;
  argsSchema(name: string): z.ZodType | undefined;
}

export function stepKind(step: Step): 'say' | 'ask' | 'branch' | 'action' | 'escalate' | 'end' | 'flow' {
  if ('ask' in step) return 'ask';
  if ('branch' in step) return 'branch';
  if ('action' in step) return 'action';
  if ('escalate' in step) return 'escalate';
  if ('end' in step) return 'end';
  if ('flow' in step) return 'flow';
  return 'say';
}

/**
 * The id of a step written without one, from what it does (`serial_question`, `warranty_decision`,
 * `escalate_support`, `to_fault_report`), so transcripts, logs and staff views say where a conversation
 * is; a say or branch is named after the step before it.
 */
function derivedId(step: Step, previous: string | undefined): string {
  if ('ask' in step) return `${step.ask}_question`;
  if ('action' in step) return step.as ?? step.action;
  if ('escalate' in step) return `escalate_${step.escalate.team}`;
  if ('end' in step) return 'end';
  if ('flow' in step) return `to_${step.flow}`;
  return previous ? `after_${previous}` : 'start';
}

function compileFlow(flow: Flow, file: string): CompiledFlow {
  const taken = new Set(flow.steps.flatMap((step) => (step.id ? [step.id] : [])));
  let previous: string | undefined;
  const steps = flow.steps.map((step) => {
    let id = step.id;
    if (!id) {
      const base = derivedId(step, previous);
      id = base;
      for (let n = 2; taken.has(id); n++) id = `${base}_${n}`;
      taken.add(id);
    }
    previous = id;
    return { ...step, id } as CompiledStep;
  });
  const index = new Map<string, number>();
  steps.forEach((step, n) => {
    if (!index.has(step.id)) index.set(step.id, n);
  });
  return { ...flow, steps, index, file };
}

/** Checks one flow's internal references; positions come from its document. */
function checkFlow(flow: CompiledFlow, doc: LocatedDocument, actions: ActionCatalogue): FlowFileProblem[] {
  const problems: FlowFileProblem[] = [];
  const at = (path: PropertyKey[], message: string) =>
    problems.push(new FlowFileProblem(doc.locate(path), message));
  const seen = new Set<string>();
  flow.steps.forEach((step, n) => {
    const here = ['steps', n];
    if (seen.has(step.id)) at([...here, 'id'], `duplicate step id "${step.id}"`);
    seen.add(step.id);
    const target = (id: string | undefined, path: PropertyKey[]) => {
      if (id !== undefined && !flow.index.has(id)) at(path, `unknown step "${id}" in flow "${flow.id}"`);
    };
    if ('next' in step) target(step.next, [...here, 'next']);
    if ('ask' in step && !(step.ask in flow.slots)) {
      at([...here, 'ask'], `unknown slot "${step.ask}" (declare it under \`slots:\`)`);
    }
    if ('branch' in step) {
      step.branch.forEach((arm, k) => {
        target(arm.goto, [...here, 'branch', k, 'goto']);
      });
    }
    if ('action' in step) {
      if (!actions.has(step.action)) {
        at([...here, 'action'], `unknown action "${step.action}"`);
      } else {
        const schema = actions.argsSchema(step.action);
        const parsed = schema?.safeParse(step.args);
        if (parsed && !parsed.success) {
          for (const issue of parsed.error.issues) {
            const path = [...here, 'args', ...(issue.path as PropertyKey[])];
            at(
              path,
              `action "${step.action}" args${issue.path.length ? `.${issue.path.join('.')}` : ''}: ${issue.message}`,
            );
          }
        }
      }
      for (const [outcome, id] of Object.entries(step.on ?? {})) target(id, [...here, 'on', outcome]);
    }
  });
  return problems;
}

export interface LoadFlowsResult {
  bundle?: FlowBundle;
  problems: FlowFileProblem[];
}

/** Loads and checks the flows folder; returns problems instead of throwing (for `flows:check`). */
export function checkFlows(dir: string, actions: ActionCatalogue): LoadFlowsResult {
  const problems: FlowFileProblem[] = [];
  const botFile = join(dir, 'bot.yaml');
  const botResult = readYamlFile(botFile, botSchema);
  problems.push(...botResult.problems);

  let files: string[];
  try {
    files = readdirSync(dir)
      .filter((name) => /\.ya?ml$/.test(name) && !NOT_FLOWS.has(name))
      .sort();
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { problems: [new FlowFileProblem({ file: dir, line: 1, col: 1 }, reason)] };
  }

  const flows = new Map<string, CompiledFlow>();
  const docs = new Map<string, LocatedDocument>();
  for (const name of files) {
    const file = join(dir, name);
    const result = readYamlFile(file, flowSchema);
    problems.push(...result.problems);
    if (!result.value || !result.doc) continue;
    const flow = compileFlow(result.value, result.doc.file);
    if (flows.has(flow.id)) {
      problems.push(
        new FlowFileProblem(
          result.doc.locate(['id']),
          `flow id "${flow.id}" is already used by ${flows.get(flow.id)?.file}`,
        ),
      );
      continue;
    }
    flows.set(flow.id, flow);
    docs.set(flow.id, result.doc);
    problems.push(...checkFlow(flow, result.doc, actions));
  }

  // References between flows, and from intents to flows.
  for (const flow of flows.values()) {
    const doc = docs.get(flow.id)!;
    flow.steps.forEach((step, n) => {
      if ('flow' in step && !flows.has(step.flow)) {
        problems.push(new FlowFileProblem(doc.locate(['steps', n, 'flow']), `unknown flow "${step.flow}"`));
      }
    });
  }
  const defaults = [...flows.values()].filter((flow) => flow.trigger?.default);
  if (botResult.value && botResult.doc) {
    const botDoc = botResult.doc;
    for (const key of ['question_flow', 'followup_flow', 'confirm_record_flow'] as const) {
      const id = botResult.value[key];
      if (id && !flows.has(id))
        problems.push(new FlowFileProblem(botDoc.locate([key]), `unknown flow "${id}"`));
    }
    botResult.value.intents.forEach((intent, n) => {
      if (!flows.has(intent.flow)) {
        problems.push(
          new FlowFileProblem(botDoc.locate(['intents', n, 'flow']), `unknown flow "${intent.flow}"`),
        );
      }
    });
  }
  if (flows.size > 0 && defaults.length !== 1) {
    const where = defaults[1] ? docs.get(defaults[1].id)! : docs.values().next().value!;
    const path = defaults[1] ? ['trigger', 'default'] : [];
    problems.push(
      new FlowFileProblem(
        where.locate(path),
        defaults.length === 0
          ? 'no flow has `trigger: {default: true}`: one flow must start conversations that match no trigger'
          : `more than one default flow (${defaults.map((f) => f.id).join(', ')}): keep one`,
      ),
    );
  }
  if (flows.size === 0 && problems.length === 0) {
    problems.push(new FlowFileProblem({ file: dir, line: 1, col: 1 }, 'no flow files found'));
  }
  if (problems.length > 0 || !botResult.value) return { problems };
  return { bundle: { bot: botResult.value, flows, defaultFlow: defaults[0]!.id }, problems };
}
