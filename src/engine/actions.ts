/**
 * Flow actions: named TypeScript functions a flow can call (`action: warranty_decision`). The registry
 * is an explicit map — adding an action is one file plus one line where the registry is built — and
 * the flow loader checks every action name (and its `args`) against it at start-up.
 */
import type { z } from 'zod';
import type { ActionCatalogue } from '../flows/load.js';
import type { Turn } from './turn.js';

export interface ActionResult {
  /** Chooses the next step through the step's `on:` map. */
  outcome?: string;
  /** Kept in the session under the step's `as:` name (or the action's name) for `{{…}}` and branches. */
  value?: unknown;
}

export interface ActionDefinition<A = Record<string, unknown>> {
  /** Validates `args:` in the flow file at start-up. */
  args?: z.ZodType<A>;
  /** Outcomes this action may return (documentation; `on:` may name others). */
  outcomes?: readonly string[];
  run(turn: Turn, args: A): Promise<ActionResult> | ActionResult;
}

export type ActionRegistry = ReadonlyMap<string, ActionDefinition<never>>;

export function defineAction<A>(definition: ActionDefinition<A>): ActionDefinition<A> {
  return definition;
}

export function actionCatalogue(registry: ActionRegistry): ActionCatalogue {
  return {
    has: (name) => registry.has(name),
    argsSchema: (name) => registry.get(name)?.args,
  };
}
