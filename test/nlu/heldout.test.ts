import { describe, expect, it } from 'vitest';
import { evaluate, rowsByKind } from '../../src/cli/nlu-evaluate.js';
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

// The targets of `npm run nlu:eval`, in both languages: every slot ≥ 95 % and no wrong flow started
// with high confidence; intents at what they reach today (98 %, above the 95 % target), so that reading
// new kinds of messages never costs the written reports. A change that misses one fails.
const FLOORS = {
  zh: { intent: 0.98, slot: 0.95, confidentWrong: 0 },
  en: { intent: 0.98, slot: 0.95, confidentWrong: 0 },
};

describe.each([
  ['zh', 'heldout'],
  ['en', 'heldout'],
  ['zh', 'dev-voice-chat'],
  ['en', 'dev-voice-chat'],
  ['zh', 'heldout-voice-chat-2'],
  ['en', 'heldout-voice-chat-2'],
] as const)('labelled set (%s, %s)', (lang, name) => {
  const messages = readLabelledSet(`test/nlu/${name}.${lang}.yaml`);

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
});

describe.each(['zh', 'en'] as const)('written reports (%s)', (lang) => {
  it('meets the targets', () => {
    const report = evaluate(content, readLabelledSet(`test/nlu/heldout.${lang}.yaml`), now);
    const floor = FLOORS[lang];
    expect(report.accuracy).toBeGreaterThanOrEqual(floor.intent);
    for (const [slot, s] of report.slotAccuracy)
      expect({ slot, ok: s.accuracy >= floor.slot }).toEqual({ slot, ok: true });
    expect(report.confidentWrong).toBeLessThanOrEqual(floor.confidentWrong);
  });
});

// Each kind of spoken or typed message, per language: intents and slot values. On the held-out set
// (heldout-voice-chat-2.*.yaml, never tuned on) the target is 98 % for every kind. The development set
// (dev-voice-chat.*.yaml, tuned on) keeps, where it is below 98 %, the floor it reaches today
// (docs/understanding.md says which and why), so a change that makes it worse fails.
const HELD_OUT_FLOORS: Record<string, { intent: number; slots: number }> = {
  spoken_serial: { intent: 0.98, slots: 0.98 },
  phone: { intent: 0.98, slots: 0.98 },
  event_date: { intent: 0.98, slots: 0.98 },
  duration: { intent: 0.98, slots: 0.98 },
  typo_slang: { intent: 0.98, slots: 0.98 },
  ask_person: { intent: 0.98, slots: 1 },
  warranty_question: { intent: 0.98, slots: 0.98 },
};
const KIND_FLOORS: Record<string, { intent: number; slots: number }> = {
  spoken_serial: { intent: 0.98, slots: 0.98 },
  phone: { intent: 0.98, slots: 0.98 },
  event_date: { intent: 0.98, slots: 0.98 },
  duration: { intent: 0.98, slots: 0.98 },
  typo_slang: { intent: 0.98, slots: 0.96 },
  ask_person: { intent: 0.96, slots: 1 },
  warranty_question: { intent: 0.98, slots: 0.96 },
};

describe.each([
  ['zh', 'dev-voice-chat', KIND_FLOORS, 5],
  ['en', 'dev-voice-chat', KIND_FLOORS, 5],
  ['zh', 'heldout-voice-chat-2', HELD_OUT_FLOORS, 0],
  ['en', 'heldout-voice-chat-2', HELD_OUT_FLOORS, 0],
] as const)('kinds callers and chat users send (%s, %s)', (lang, set, floors, confidentWrong) => {
  const report = evaluate(content, readLabelledSet(`test/nlu/${set}.${lang}.yaml`), now);
  const rows = rowsByKind(report.results);

  it('covers every kind with 50 messages', () => {
    expect(rows.map((row) => [row.kind, row.messages]).sort()).toEqual(
      Object.keys(floors)
        .sort()
        .map((kind) => [kind, 50]),
    );
  });

  it.each(Object.entries(floors))('%s keeps its floor', (kind, floor) => {
    const row = rows.find((candidate) => candidate.kind === kind)!;
    expect(row.intentsRight / row.messages).toBeGreaterThanOrEqual(floor.intent);
    expect(row.slotChecks === 0 ? 1 : row.slotsRight / row.slotChecks).toBeGreaterThanOrEqual(floor.slots);
  });

  it('starts no wrong flow with high confidence (or, on the development set, only a few)', () => {
    expect(report.confidentWrong).toBeLessThanOrEqual(confidentWrong);
  });
});
