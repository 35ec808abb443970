import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/cli/nlu-evaluate.js';
import { readLabelledSet } from '../../src/cli/nlu-labelled-set.js';
import { loadContent } from '../../src/content.js';
import { intentDefinitions } from '../../src/engine/nlu/intent-model.js';

const content = loadContent('flows');
const now = new Date('2026-11-26T10:00:00+08:00');
const comparable = (text: string) =>
  text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s\p{P}\p{S}]+/gu, '');

// The targets of `npm run nlu:eval`, in both languages: intent ≥ 95 %, every slot ≥ 95 %, and no
// wrong flow started with high confidence. A change to the examples or the model that misses one fails.
const FLOORS = {
  zh: { intent: 0.95, slot: 0.95, confidentWrong: 0 },
  en: { intent: 0.95, slot: 0.95, confidentWrong: 0 },
};

describe.each(['zh', 'en'] as const)('held-out set (%s)', (lang) => {
  const messages = readLabelledSet(`test/nlu/heldout.${lang}.yaml`);

  it('has at least 150 messages, none of them a training example or keyword', () => {
    expect(messages.length).toBeGreaterThanOrEqual(150);
    const training = new Set(
      intentDefinitions(content.bundle, content.kb).flatMap((d) =>
        [...d.examples.zh, ...d.examples.en, ...d.keywords].map(comparable),
      ),
    );
    const leaked = messages.filter((m) => training.has(comparable(m.text))).map((m) => m.text);
    expect(leaked).toEqual([]);
  });

  it('labels only intents the bot knows', () => {
    const known = new Set([
      ...intentDefinitions(content.bundle, content.kb).map((d) => d.id),
      content.bundle.bot.question_flow,
    ]);
    expect(messages.map((m) => m.intent).filter((intent) => !known.has(intent))).toEqual([]);
  });

  it('meets the targets', () => {
    const report = evaluate(content, messages, now);
    const floor = FLOORS[lang];
    expect(report.accuracy).toBeGreaterThanOrEqual(floor.intent);
    for (const [slot, s] of report.slotAccuracy)
      expect({ slot, ok: s.accuracy >= floor.slot }).toEqual({ slot, ok: true });
    expect(report.confidentWrong).toBeLessThanOrEqual(floor.confidentWrong);
  });
});
