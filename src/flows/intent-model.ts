/**
 * The shape of the intent model the flows are understood with (trained in src/engine/nlu from the
 * examples in these files): what the flow bundle carries, without depending on how it is trained.
 */
import type { Examples, Text } from './schema.js';

/** One intent and its probability. */
export interface Scored {
  label: string;
  probability: number;
}

/** What recognising an intent leads to. */
export type IntentAction =
  | { kind: 'flow'; flow: string }
  | { kind: 'intent'; intent: string; flow: string }
  | { kind: 'faq'; faq: string; answer: Text };

export interface IntentDefinition {
  /** Flow id, global intent id, or `faq:<id>`. */
  id: string;
  action: IntentAction;
  /** How the intent is offered in a clarifying question. */
  title: Text;
  examples: Examples;
  keywords: string[];
}

export interface IntentModel {
  readonly definitions: ReadonlyMap<string, IntentDefinition>;
  /** Every intent with its probability, most likely first. */
  classify(text: string): Scored[];
}
