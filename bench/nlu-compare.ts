/**
 * `npm run bench:nlu`: the measurement behind the choice of intent classifier. Three candidates learn
 * from the same examples and keywords (flows/) and are scored on the same held-out messages
 * (test/nlu/heldout.*.yaml), top-1 intent only (no routing rules), with training and per-message cost:
 *
 *   - our logistic regression over words and character n-grams (src/nlu/softmax-classifier.ts);
 *   - a multinomial naive Bayes over the same features;
 *   - NLP.js (@nlpjs/nlp with @nlpjs/lang-zh and @nlpjs/lang-en-min), a well-kept library.
 */
import { performance } from 'node:perf_hooks';
import { containerBootstrap } from '@nlpjs/core';
import { LangEn } from '@nlpjs/lang-en-min';
import { LangZh } from '@nlpjs/lang-zh';
import { Nlp } from '@nlpjs/nlp';
import { evaluate } from '../src/cli/nlu-evaluate.js';
import { readLabelledSet } from '../src/cli/nlu-labelled-set.js';
import { loadContent } from '../src/content.js';
import { detectLanguage } from '../src/engine/extract/index.js';
import { textFeatures } from '../src/engine/nlu/features.js';
import { intentDefinitions, trainIntentModel } from '../src/engine/nlu/intent-model.js';

interface Candidate {
  name: string;
  trainMs: number;
  classify(text: string): Promise<string> | string;
}

const content = loadContent('flows');
const definitions = intentDefinitions(content.bundle, content.kb);
const training = definitions.flatMap((d) =>
  [...d.examples.zh, ...d.examples.en, ...d.keywords].map((text) => ({ text, label: d.id })),
);
const heldOut = (['zh', 'en'] as const).map((lang) => ({
  lang,
  messages: readLabelledSet(`test/nlu/heldout.${lang}.yaml`).filter((m) => m.intent !== 'unknown_question'),
}));

function ours(): Candidate {
  const start = performance.now();
  const model = trainIntentModel(definitions);
  return {
    name: 'own logistic regression',
    trainMs: performance.now() - start,
    classify: (t) => model.classify(t)[0]!.label,
  };
}

function naiveBayes(): Candidate {
  const start = performance.now();
  const counts = new Map<string, Map<string, number>>();
  const totals = new Map<string, number>();
  const docs = new Map<string, number>();
  const vocabulary = new Set<string>();
  for (const { text, label } of training) {
    const row = counts.get(label) ?? new Map<string, number>();
    for (const f of textFeatures(text)) {
      row.set(f, (row.get(f) ?? 0) + 1);
      totals.set(label, (totals.get(label) ?? 0) + 1);
      vocabulary.add(f);
    }
    counts.set(label, row);
    docs.set(label, (docs.get(label) ?? 0) + 1);
  }
  const labels = [...counts.keys()];
  return {
    name: 'own naive Bayes',
    trainMs: performance.now() - start,
    classify(text) {
      let best = labels[0]!;
      let bestScore = Number.NEGATIVE_INFINITY;
      for (const label of labels) {
        let score = Math.log(docs.get(label)! / training.length);
        const row = counts.get(label)!;
        for (const f of textFeatures(text))
          score += Math.log(((row.get(f) ?? 0) + 1) / (totals.get(label)! + vocabulary.size));
        if (score > bestScore) [best, bestScore] = [label, score];
      }
      return best;
    },
  };
}

async function nlpjs(): Promise<Candidate> {
  const start = performance.now();
  const container = await containerBootstrap();
  container.use(Nlp);
  container.use(LangEn);
  container.use(LangZh);
  const nlp = container.get('nlp');
  nlp.settings.autoSave = false;
  nlp.settings.log = false;
  nlp.settings.nlu = { ...nlp.settings.nlu, log: false };
  nlp.addLanguage('en');
  nlp.addLanguage('zh');
  for (const { text, label } of training)
    nlp.addDocument(detectLanguage(text) === 'zh' ? 'zh' : 'en', text, label);
  await nlp.train();
  return {
    name: 'NLP.js 4',
    trainMs: performance.now() - start,
    async classify(text) {
      const result = await nlp.process(detectLanguage(text) === 'zh' ? 'zh' : 'en', text);
      return result.intent === 'None' ? 'none' : result.intent;
    },
  };
}

for (const candidate of [ours(), naiveBayes(), await nlpjs()]) {
  const line = [`${candidate.name}: trained in ${candidate.trainMs.toFixed(0)} ms`];
  for (const { lang, messages } of heldOut) {
    let right = 0;
    const start = performance.now();
    for (const message of messages) if ((await candidate.classify(message.text)) === message.intent) right++;
    const perMessage = (performance.now() - start) / messages.length;
    line.push(
      `${lang} top-1 ${((right / messages.length) * 100).toFixed(1)}% (${perMessage.toFixed(3)} ms/message)`,
    );
  }
  process.stdout.write(`${line.join('; ')}\n`);
}

/**
 * What reading one message costs on the per-message path: the facts with the fault flow's slots
 * (serial, dates, phone, product, symptom…) and the decision, over every held-out message, warm.
 */
function readingCost(): string {
  const sets = ['heldout', 'dev-voice-chat', 'heldout-voice-chat-2'].flatMap((name) =>
    (['zh', 'en'] as const).map((lang) => readLabelledSet(`test/nlu/${name}.${lang}.yaml`)),
  );
  const messages = sets.flat();
  const now = new Date('2026-11-26T10:00:00+08:00');
  evaluate(content, messages, now);
  const rounds = 5;
  const start = performance.now();
  for (let round = 0; round < rounds; round++) evaluate(content, messages, now);
  const perMessage = (performance.now() - start) / (rounds * messages.length);
  return `reading a message (facts and decision, ${messages.length} messages of the test sets): ${perMessage.toFixed(3)} ms/message`;
}

process.stdout.write(`${readingCost()}\n`);
