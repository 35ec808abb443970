/**
 * A small multinomial logistic regression over sparse binary features, trained by stochastic gradient
 * descent in a fixed order, so the same examples always give the same model (no randomness at
 * start-up). Chosen over a library after measuring both on the held-out set (docs/understanding.md,
 * "Why this model"); it trains in well under a second and classifies in microseconds.
 */

export interface TrainingExample {
  features: readonly string[];
  label: string;
}

export interface TrainOptions {
  /** Passes over the examples. @defaultValue 20 */
  epochs?: number;
  /** First learning rate; it decays each epoch. @defaultValue 3 */
  learningRate?: number;
  /** L2 penalty that keeps rare features from dominating. @defaultValue 1e-5 */
  l2?: number;
}

export type { Scored } from '../../flows/intent-model.js';

import type { Scored } from '../../flows/intent-model.js';

export interface SoftmaxClassifier {
  readonly labels: readonly string[];
  /** Every label with its probability, most likely first. */
  classify(features: readonly string[]): Scored[];
}

const SKIP_GRADIENT = 1e-3;

function indexOf(features: readonly string[], vocabulary: Map<string, number>): number[] {
  const out: number[] = [];
  for (const feature of features) {
    const index = vocabulary.get(feature);
    if (index !== undefined) out.push(index);
  }
  return out;
}

function softmax(scores: Float64Array): Float64Array {
  let max = Number.NEGATIVE_INFINITY;
  for (const score of scores) max = Math.max(max, score);
  let sum = 0;
  const out = new Float64Array(scores.length);
  for (let k = 0; k < scores.length; k++) {
    out[k] = Math.exp(scores[k]! - max);
    sum += out[k]!;
  }
  for (let k = 0; k < scores.length; k++) out[k]! /= sum;
  return out;
}

/** Interleaves the labels (a, b, c, a, b, c…) so no label's examples come in one block. */
function interleaved(examples: readonly TrainingExample[]): TrainingExample[] {
  const byLabel = new Map<string, TrainingExample[]>();
  for (const example of examples) {
    const list = byLabel.get(example.label) ?? [];
    list.push(example);
    byLabel.set(example.label, list);
  }
  const lists = [...byLabel.values()];
  const out: TrainingExample[] = [];
  for (let round = 0; out.length < examples.length; round++) {
    for (const list of lists) if (round < list.length) out.push(list[round]!);
  }
  return out;
}

export function trainSoftmax(
  examples: readonly TrainingExample[],
  options: TrainOptions = {},
): SoftmaxClassifier {
  const epochs = options.epochs ?? 20;
  const rate = options.learningRate ?? 3;
  const l2 = options.l2 ?? 1e-5;
  const labels = [...new Set(examples.map((example) => example.label))].sort();
  const labelIndex = new Map(labels.map((label, k) => [label, k]));
  const vocabulary = new Map<string, number>();
  for (const example of examples)
    for (const feature of example.features)
      if (!vocabulary.has(feature)) vocabulary.set(feature, vocabulary.size);
  const classes = labels.length;
  const weights = new Float64Array(vocabulary.size * classes);
  const bias = new Float64Array(classes);
  const rows = interleaved(examples).map((example) => ({
    features: indexOf(example.features, vocabulary),
    label: labelIndex.get(example.label)!,
  }));

  const scoresOf = (features: readonly number[]) => {
    const scores = Float64Array.from(bias);
    // Longer messages have more features; scaling keeps a short and a long message on one footing.
    const scale = 1 / Math.sqrt(Math.max(1, features.length));
    for (const f of features)
      for (let k = 0; k < classes; k++) scores[k]! += weights[f * classes + k]! * scale;
    return { scores, scale };
  };

  for (let epoch = 0; epoch < epochs; epoch++) {
    const step = rate / (1 + epoch * 0.2);
    for (const row of rows) {
      const { scores, scale } = scoresOf(row.features);
      const probabilities = softmax(scores);
      for (let k = 0; k < classes; k++) {
        const gradient = probabilities[k]! - (k === row.label ? 1 : 0);
        // Most classes are already near 0 for most examples: skipping them makes training several
        // times faster at start-up and changes the model only in the noise.
        if (Math.abs(gradient) < SKIP_GRADIENT) continue;
        bias[k]! -= step * gradient * 0.1;
        for (const f of row.features) {
          const w = f * classes + k;
          weights[w]! -= step * (gradient * scale + l2 * weights[w]!);
        }
      }
    }
  }

  return {
    labels,
    classify(features) {
      const { scores } = scoresOf(indexOf(features, vocabulary));
      const probabilities = softmax(scores);
      return labels
        .map((label, k) => ({ label, probability: probabilities[k]! }))
        .sort((a, b) => b.probability - a.probability);
    },
  };
}
