/**
 * Measures understanding on a labelled set of first messages (the held-out set under test/nlu): the
 * intent the bot acts on, and the facts read from the message, exactly as the engine reads them.
 * Pure: content and messages in, figures out.
 */
import type { Content } from '../content.js';
import { normalizeText } from '../engine/extract/index.js';
import { intentModelFor } from '../engine/nlu/intent-model.js';
import { understand } from '../engine/nlu/understand.js';
import { fillSlots } from '../engine/slots.js';
import { matchFaq, matchRemoteFix } from '../kb/match.js';

/** One labelled message. `slots` (when given) lists every fact the message holds. */
export interface LabelledMessage {
  text: string;
  intent: string;
  slots?: {
    product?: string;
    serial?: string;
    /** YYYY-MM-DD */
    purchase_date?: string;
    /** E.164 */
    phone?: string;
    /** A phrase the symptom read from the message must contain. */
    symptom?: string;
  };
}

export const EVALUATED_SLOTS = ['product', 'serial', 'purchase_date', 'phone', 'symptom'] as const;
export type EvaluatedSlot = (typeof EVALUATED_SLOTS)[number];

export interface MessageResult {
  text: string;
  expected: string;
  predicted: string;
  confidence: number;
  reason: string;
  /** Acted on without asking, and wrong. */
  confidentWrong: boolean;
  slotErrors: Array<{ slot: EvaluatedSlot; expected: unknown; got: unknown }>;
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
  return got === expected;
}

export function evaluate(
  content: Content,
  messages: readonly LabelledMessage[],
  now: Date,
): EvaluationReport {
  const { bundle, kb } = content;
  const model = bundle.nlu ?? intentModelFor(bundle, kb);
  const fault = bundle.flows.get(bundle.bot.understanding.fault_flow)!;
  const ctx = {
    lang: 'zh' as const,
    now,
    timezone: content.policy.hours.timezone,
    phoneRegion: 'CN',
    isSymptom: (part: string) => (matchRemoteFix(kb, part, { limit: 1 })[0]?.score ?? 0) > 0,
  };
  const results: MessageResult[] = [];
  const slotCounts = new Map(EVALUATED_SLOTS.map((slot) => [slot, { correct: 0, total: 0 }]));
  for (const message of messages) {
    const text = normalizeText(message.text);
    const facts = fillSlots(fault.slots, {}, text, [], ctx).filled;
    const decision = understand({
      bundle,
      model,
      text,
      facts,
      symptomScore: matchRemoteFix(kb, text, { limit: 1 })[0]?.score ?? 0,
      faqKeyword: matchFaq(kb, text)?.faq.id ?? null,
    });
    const predicted = decision.intent;
    const slotErrors: MessageResult['slotErrors'] = [];
    if (message.slots) {
      for (const slot of EVALUATED_SLOTS) {
        const expected = message.slots[slot];
        const got = extracted(slot, facts);
        const counts = slotCounts.get(slot)!;
        counts.total++;
        if (slotMatches(slot, expected, got)) counts.correct++;
        else slotErrors.push({ slot, expected, got });
      }
    }
    results.push({
      text: message.text,
      expected: message.intent,
      predicted,
      confidence: decision.confidence,
      reason: decision.reason,
      confidentWrong:
        predicted !== message.intent &&
        decision.reason !== 'clarify' &&
        decision.confidence >= bundle.bot.understanding.high_confidence,
      slotErrors,
    });
  }
  const labels = [...new Set(results.flatMap((r) => [r.expected, r.predicted]))].sort();
  const confusion = new Map(labels.map((label) => [label, new Map<string, number>()]));
  for (const r of results) {
    const row = confusion.get(r.expected)!;
    row.set(r.predicted, (row.get(r.predicted) ?? 0) + 1);
  }
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
  const slotAccuracy = new Map(
    [...slotCounts].map(([slot, c]) => [slot, { ...c, accuracy: c.total ? c.correct / c.total : 1 }]),
  );
  return {
    results,
    accuracy: results.filter((r) => r.expected === r.predicted).length / Math.max(1, results.length),
    perIntent,
    confusion,
    slotAccuracy,
    confidentWrong: results.filter((r) => r.confidentWrong).length,
  };
}
