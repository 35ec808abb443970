/**
 * The intents a message can have, gathered from the files a support manager edits: flow triggers
 * (`trigger.examples`), global intents in bot.yaml (`examples`) and FAQ entries (`examples` in
 * kb/faq.yaml). Each brings its examples and its keywords; the classifier is trained on both at
 * start-up, keywords also being a feature of their own so a listed word stays a strong signal.
 */

import type { IntentDefinition, IntentModel } from '../../flows/intent-model.js';
import type { FlowBundle } from '../../flows/load.js';
import type { KnowledgeBase } from '../../kb/schema.js';
import { findWord } from '../extract/find-keyword.js';
import { foldForMatch } from '../extract/fold.js';
import { textFeatures } from './features.js';
import { trainSoftmax } from './softmax-classifier.js';

export type { IntentAction, IntentDefinition, IntentModel } from '../../flows/intent-model.js';

/** Every intent that declares examples, in file order. */
export function intentDefinitions(bundle: FlowBundle, kb?: KnowledgeBase): IntentDefinition[] {
  const definitions: IntentDefinition[] = [];
  for (const flow of bundle.flows.values()) {
    if (!flow.trigger?.examples) continue;
    definitions.push({
      id: flow.id,
      action: { kind: 'flow', flow: flow.id },
      title: flow.title,
      examples: flow.trigger.examples,
      keywords: [...flow.trigger.zh, ...flow.trigger.en],
    });
  }
  for (const intent of bundle.bot.intents) {
    if (!intent.examples) continue;
    definitions.push({
      id: intent.id,
      action: { kind: 'intent', intent: intent.id, flow: intent.flow },
      title: bundle.flows.get(intent.flow)?.title ?? { zh: intent.id, en: intent.id },
      examples: intent.examples,
      // Whole-message words ("help") are not evidence inside a longer sentence.
      keywords: intent.whole_message ? [] : [...intent.match.zh, ...intent.match.en],
    });
  }
  for (const faq of kb?.faqs ?? []) {
    if (!faq.examples) continue;
    definitions.push({
      id: `faq:${faq.id}`,
      action: { kind: 'faq', faq: faq.id, answer: faq.answer },
      title: faq.question,
      examples: faq.examples,
      keywords: [...faq.keywords.zh, ...faq.keywords.en],
    });
  }
  return definitions;
}

/** The message's features plus one `k:<intent>` feature per intent whose keywords it contains. */
function featuresOf(text: string, definitions: readonly IntentDefinition[]): string[] {
  const features = textFeatures(text);
  const folded = foldForMatch(text);
  for (const definition of definitions) {
    if (definition.keywords.some((word) => findWord(folded, word) !== null))
      features.push(`k:${definition.id}`);
  }
  return features;
}

/** Trains the classifier on every intent's examples and keywords; deterministic for the same files. */
export function trainIntentModel(definitions: readonly IntentDefinition[]): IntentModel {
  const examples = definitions.flatMap((definition) => [
    ...[...definition.examples.zh, ...definition.examples.en].map((text) => ({
      features: featuresOf(text, definitions),
      label: definition.id,
    })),
    // A keyword alone is a (short) example too: "人工", "paper jam".
    ...definition.keywords.map((text) => ({ features: featuresOf(text, definitions), label: definition.id })),
  ]);
  const classifier = trainSoftmax(examples);
  return {
    definitions: new Map(definitions.map((definition) => [definition.id, definition])),
    classify: (text) => classifier.classify(featuresOf(text, definitions)),
  };
}

const models = new WeakMap<FlowBundle, IntentModel>();

/** The bundle's model, trained once per loaded bundle (with the FAQ when the knowledge base is given). */
export function intentModelFor(bundle: FlowBundle, kb?: KnowledgeBase): IntentModel {
  let model = models.get(bundle);
  if (!model) {
    model = trainIntentModel(intentDefinitions(bundle, kb));
    models.set(bundle, model);
  }
  return model;
}
