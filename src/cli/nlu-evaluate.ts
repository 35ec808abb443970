/**
 * Measures understanding on a labelled set of messages (the held-out sets under test/nlu): the intent
 * the bot acts on, and the facts read from the message, exactly as the engine reads them. Most are
 * first messages; a message with `asked` answers that question of the fault report, as a caller
 * spelling the serial does. Pure: content and messages in, figures out.
 */
import type { Content } from '../content.js';
import { normalizeText } from '../engine/extract/index.js';
import { type IntentModel, intentModelFor } from '../engine/nlu/intent-model.js';
import { keywordIntent, understand } from '../engine/nlu/understand.js';
import { fillSlots, type SlotContext } from '../engine/slots.js';
import type { FlowBundle } from '../flows/load.js';
import { matchFaq, matchRemoteFix } from '../kb/match.js';

/** One labelled message. `slots` (when given) lists every fact the message holds. */
export interface LabelledMessage {
  text: string;
  intent: string;
  /** The kind of message (a row of its own in the report): `spoken_serial`, `duration`… */
  kind?: string;
  /** The fault-report slot whose question this message answers; absent: a first message. */
  asked?: string;
  slots?: {
    product?: string;
    serial?: string;
    /** YYYY-MM-DD, or YYYY-MM for a date known only roughly: the value must fall in that month. */
    purchase_date?: string;
    /** E.164 */
    phone?: string;
    /** A phrase the symptom read from the message must contain. */
    symptom?: string;
  };
}

export const EVALUATED_SLOTS = ['product', 'serial', 'purchase_date', 'phone', 'symptom'] as const;
export type EvaluatedSlot = (typeof EVALUATED_SLOTS)[number];

export interface SlotOutcome {
  slot: EvaluatedSlot;
  expected: unknown;
  got: unknown;
  correct: boolean;
}

export interface MessageResult {
  text: string;
  kind?: string;
  expected: string;
  predicted: string;
  confidence: number;
  reason: string;
  /** Acted on without asking, and wrong. */
  confidentWrong: boolean;
  slotErrors: Array<{ slot: EvaluatedSlot; expected: unknown; got: unknown }>;
  /** Every slot the label or the bot gives a value (both empty is not counted). */
  slotOutcomes: SlotOutcome[];
  /** The label lists the message's facts (`slots`), so its slots are measured. */
  slotsLabelled: boolean;
}

export interface EvaluationReport {
  results: MessageResult[];
  accuracy: number;
  perIntent: Map<string, { precision: number; recall: number; support: number }>;
  confusion: Map<string, Map<string, number>>;
  slotAccuracy: Map<EvaluatedSlot, { correct: number; total: number; accuracy: number }>;
  confidentWrong: number;
}

function extracted(slot: EvaluatedSlot, filled: Record<string, unknown>): string | undefined {
  const value = slot === 'phone' ? filled.contact_phone : filled[slot];
  if (value === undefined) return undefined;
  if (slot === 'purchase_date') return (value as { date: string }).date;
  return String(value);
}

function slotMatches(slot: EvaluatedSlot, expected: string | undefined, got: string | undefined): boolean {
  if (expected === undefined || got === undefined) return expected === got;
  if (slot === 'symptom') return got.toLowerCase().includes(expected.toLowerCase());
  if (slot === 'purchase_date' && /^\d{4}-\d{2}$/.test(expected)) return got.startsWith(`${expected}-`);
  return got === expected;
}

interface Reading {
  facts: Record<string, unknown>;
  intent: string;
  confidence: number;
  reason: string;
}

/**
 * An answer to a question of the fault report: the flow goes on unless a global intent takes over,
 * by its keyword or (when the answer fills nothing) recognised with high confidence, as in the engine.
 */
function readAnswer(
  bundle: FlowBundle,
  model: IntentModel,
  text: string,
  asked: string,
  ctx: SlotContext,
): Reading {
  const fault = bundle.flows.get(bundle.bot.understanding.fault_flow)!;
  const result = fillSlots(fault.slots, {}, text, [asked], ctx);
  const keyword = keywordIntent(bundle, model, text);
  if (keyword) return { facts: result.filled, intent: keyword.id, confidence: 1, reason: 'keyword' };
  const [top] = model.classify(text);
  const global = bundle.bot.intents.find((intent) => intent.id === top?.label);
  if (result.answered.length === 0 && global && top!.probability >= bundle.bot.understanding.high_confidence)
    return { facts: result.filled, intent: global.id, confidence: top!.probability, reason: 'confident' };
  return { facts: result.filled, intent: fault.id, confidence: 1, reason: 'answer' };
}

interface Reader {
  bundle: FlowBundle;
  model: IntentModel;
  kb: Content['kb'];
  ctx: SlotContext;
}

/** A first message: the facts with the fault flow's slots, and the decision the engine acts on. */
function readFirstMessage(reader: Reader, text: string): Reading {
  const { bundle, model, kb, ctx } = reader;
  const fault = bundle.flows.get(bundle.bot.understanding.fault_flow)!;
  const facts = fillSlots(fault.slots, {}, text, [], ctx).filled;
  const decision = understand({
    bundle,
    model,
    text,
    facts,
    symptomScore: matchRemoteFix(kb, text, { limit: 1 })[0]?.score ?? 0,
    faqKeyword: matchFaq(kb, text)?.faq.id ?? null,
  });
  return { facts, ...decision };
}

function judge(reader: Reader, message: LabelledMessage): MessageResult {
  const text = normalizeText(message.text);
  const reading = message.asked
    ? readAnswer(reader.bundle, reader.model, text, message.asked, reader.ctx)
    : readFirstMessage(reader, text);
  const slotOutcomes: SlotOutcome[] = [];
  for (const slot of message.slots ? EVALUATED_SLOTS : []) {
    const expected = message.slots?.[slot];
    const got = extracted(slot, reading.facts);
    slotOutcomes.push({ slot, expected, got, correct: slotMatches(slot, expected, got) });
  }
  return {
    text: message.text,
    ...(message.kind ? { kind: message.kind } : {}),
    expected: message.intent,
    predicted: reading.intent,
    confidence: reading.confidence,
    reason: reading.reason,
    confidentWrong:
      reading.intent !== message.intent &&
      reading.reason !== 'clarify' &&
      reading.confidence >= reader.bundle.bot.understanding.high_confidence,
    slotErrors: slotOutcomes
      .filter((o) => !o.correct)
      .map(({ slot, expected, got }) => ({ slot, expected, got })),
    slotOutcomes: slotOutcomes.filter((o) => o.expected !== undefined || o.got !== undefined),
    slotsLabelled: message.slots !== undefined,
  };
}

function perIntentFigures(results: readonly MessageResult[], labels: readonly string[]) {
  const perIntent = new Map<string, { precision: number; recall: number; support: number }>();
  for (const label of labels) {
    const truePositive = results.filter((r) => r.expected === label && r.predicted === label).length;
    const predicted = results.filter((r) => r.predicted === label).length;
    const support = results.filter((r) => r.expected === label).length;
    perIntent.set(label, {
      precision: predicted ? truePositive / predicted : 1,
      recall: support ? truePositive / support : 1,
      support,
    });
  }
  return perIntent;
}

/** Per slot, over every message whose slots are labelled (an empty slot rightly left empty counts). */
function slotFigures(results: readonly MessageResult[]) {
  const labelled = results.filter((r) => r.slotsLabelled);
  return new Map(
    EVALUATED_SLOTS.map((slot) => {
      const wrong = labelled.filter((r) => r.slotErrors.some((e) => e.slot === slot)).length;
      const total = labelled.length;
      return [slot, { correct: total - wrong, total, accuracy: total ? (total - wrong) / total : 1 }];
    }),
  );
}

export function evaluate(
  content: Content,
  messages: readonly LabelledMessage[],
  now: Date,
): EvaluationReport {
  const { bundle, kb } = content;
  const reader: Reader = {
    bundle,
    kb,
    model: bundle.nlu ?? intentModelFor(bundle, kb),
    ctx: {
      lang: 'zh',
      now,
      timezone: content.policy.hours.timezone,
      phoneRegion: 'CN',
      isSymptom: (part: string) => (matchRemoteFix(kb, part, { limit: 1 })[0]?.score ?? 0) > 0,
    },
  };
  const results = messages.map((message) => judge(reader, message));
  const labels = [...new Set(results.flatMap((r) => [r.expected, r.predicted]))].sort();
  const confusion = new Map(labels.map((label) => [label, new Map<string, number>()]));
  for (const r of results) {
    const row = confusion.get(r.expected)!;
    row.set(r.predicted, (row.get(r.predicted) ?? 0) + 1);
  }
  return {
    results,
    accuracy: results.filter((r) => r.expected === r.predicted).length / Math.max(1, results.length),
    perIntent: perIntentFigures(results, labels),
    confusion,
    slotAccuracy: slotFigures(results),
    confidentWrong: results.filter((r) => r.confidentWrong).length,
  };
}

/** One kind's row: intents right, and slot values right among those the label or the bot gives. */
export interface KindRow {
  kind: string;
  messages: number;
  intentsRight: number;
  slotChecks: number;
  slotsRight: number;
}

export function rowsByKind(results: readonly MessageResult[]): KindRow[] {
  const rows = new Map<string, KindRow>();
  for (const r of results) {
    if (!r.kind) continue;
    const row = rows.get(r.kind) ?? {
      kind: r.kind,
      messages: 0,
      intentsRight: 0,
      slotChecks: 0,
      slotsRight: 0,
    };
    row.messages++;
    if (r.expected === r.predicted) row.intentsRight++;
    row.slotChecks += r.slotOutcomes.length;
    row.slotsRight += r.slotOutcomes.filter((o) => o.correct).length;
    rows.set(r.kind, row);
  }
  return [...rows.values()];
}
