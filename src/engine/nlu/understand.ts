/**
 * What a message that starts a conversation is about, in one pure function (the engine acts on it,
 * `npm run nlu:eval` measures it). In order:
 *
 * 1. a global intent's keyword (bot.yaml), as before: "人工", "0", "SR-2611-0042";
 * 2. a general warranty question (a part or a kind of product, not the customer's unit) → the
 *    `warranty_terms_flow`;
 * 3. an intent that clearly asks for something other than a repair (a person, a complaint, the status
 *    of a case, a warranty check, an FAQ) recognised with confidence (high confidence when the message
 *    names a product and what is wrong with it);
 * 4. evidence of a fault: a product, a symptom or a serial number → the fault report, even without a
 *    trigger word ("my tablet's charging port is loose");
 * 5. a flow's trigger word, then an FAQ keyword (keywords are a floor, not the only way in);
 * 6. any other intent recognised with confidence (an out-of-scope question → the question flow, a
 *    promised reply);
 * 7. a guess between two intents → one short clarifying question offering both;
 * 8. a question nothing recognises → the question flow; anything else → the default flow (the menu).
 */

import type { FlowBundle } from '../../flows/load.js';
import type { Intent } from '../../flows/schema.js';
import { type IntentMatchOptions, matchIntent } from '../intents.js';
import { asksAboutWarranty, asksGeneralWarranty, looksLikeQuestion, pickTriggeredFlow } from '../routing.js';
import type { IntentModel } from './intent-model.js';
import type { Scored } from './softmax-classifier.js';

export type DecisionReason =
  | 'keyword'
  | 'confident'
  | 'evidence'
  | 'trigger'
  | 'faq_keyword'
  | 'question'
  | 'clarify'
  | 'default';

export interface Decision {
  /** The intent acted on (flow id, intent id or `faq:<id>`); for `clarify`, the likeliest. */
  intent: string;
  /** The classifier's probability for that intent (1 for a keyword rule). */
  confidence: number;
  reason: DecisionReason;
  /** The two likeliest intents, offered when `reason` is `clarify`. */
  choices: [string, string] | null;
}

export interface UnderstandInput {
  bundle: FlowBundle;
  model: IntentModel;
  text: string;
  /** Facts found in the message with the fault flow's slots (product, serial, symptom…). */
  facts: Record<string, unknown>;
  /** Knowledge-base symptom score of the text (0: no known symptom). */
  symptomScore: number;
  /** The FAQ entry whose keywords the text contains, if any. */
  faqKeyword: string | null;
}

/** Intents that may also be a side remark in a fault report ("hi, my printer…", "help, it's broken"). */
const SOFT = new Set(['help', 'cancel', 'thanks', 'welcome']);
/** Slots that are evidence of a fault report. */
const EVIDENCE = ['product', 'serial', 'symptom'];

function idOfIntentFlow(bundle: FlowBundle, intentId: string): string | undefined {
  return bundle.bot.intents.find((intent) => intent.id === intentId)?.flow;
}

/**
 * The global intent whose keyword the message contains, unless the classifier is highly confident of
 * another intent: "客服电话是多少？" / "Do you have a customer service hotline?" holds the `human`
 * keyword 客服 but asks for a phone number.
 */
export function keywordIntent(
  bundle: FlowBundle,
  model: IntentModel,
  text: string,
  options: IntentMatchOptions = {},
): Intent | undefined {
  const intent = matchIntent(bundle.bot.intents, text, options);
  if (!intent) return undefined;
  const [top] = model.classify(text);
  const outvoted =
    top !== undefined &&
    top.label !== intent.id &&
    top.probability >= bundle.bot.understanding.high_confidence &&
    top.label !== bundle.bot.understanding.fault_flow;
  return outvoted ? undefined : intent;
}

export function understand(input: UnderstandInput): Decision {
  const { bundle, model, text, facts } = input;
  const settings = bundle.bot.understanding;
  const keyword = keywordIntent(bundle, model, text);
  if (keyword) return { intent: keyword.id, confidence: 1, reason: 'keyword', choices: null };

  // "1" (the phone menu key), "👍", "???": no words to understand; the menu answers them.
  if (!/\p{L}/u.test(text))
    return { intent: bundle.defaultFlow, confidence: 0, reason: 'default', choices: null };
  const scored: Scored[] = model.classify(text);
  // "屏幕保修吗", "does the warranty include the charger": a question about the policy, not about
  // the customer's unit (no serial, no purchase date), which the classifier often reads as a warranty
  // check or as the exclusions FAQ.
  const terms = settings.warranty_terms_flow;
  if (
    terms &&
    bundle.flows.has(terms) &&
    asksGeneralWarranty(text) &&
    facts.serial === undefined &&
    facts.purchase_date === undefined
  ) {
    const probability = scored.find((s) => s.label === terms)?.probability ?? 0;
    return { intent: terms, confidence: probability, reason: 'trigger', choices: null };
  }
  const top = scored[0] ?? { label: settings.fault_flow, probability: 0 };
  const second = scored[1];
  const decided = (reason: DecisionReason, intent = top.label): Decision => ({
    intent,
    confidence: scored.find((s) => s.label === intent)?.probability ?? 0,
    reason,
    choices: null,
  });

  // A serial number with a fault is a report about one unit, not a general question: "昨天刚收到的显示器，
  // 拆箱就发现屏幕有裂纹，序列号…" opens the case, where the FAQ on dead on arrival only told the policy.
  const reportsUnit =
    facts.serial !== undefined &&
    (facts.symptom !== undefined || input.symptomScore > 0) &&
    !looksLikeQuestion(text);
  if (reportsUnit && top.label.startsWith('faq:')) return decided('evidence', settings.fault_flow);
  // A product and what is wrong with it is a fault report, unless another intent is more than fairly
  // likely: "bought this laptop a couple of months ago and it overheats" is no complaint.
  const described = facts.product !== undefined && facts.symptom !== undefined;
  const sure = described ? settings.high_confidence : settings.threshold;
  if (top.probability >= sure && top.label !== settings.fault_flow && !SOFT.has(top.label))
    return decided('confident');
  // A trigger word of another flow in a question ("请问打印机过保了吗？") asks for that flow, even though
  // it names a product.
  const triggered = pickTriggeredFlow(bundle, text);
  const asks = triggered !== undefined && triggered !== settings.fault_flow && !SOFT.has(triggered);
  if (asks && (looksLikeQuestion(text) || top.label === triggered)) return decided('trigger', triggered);
  const clarify = (first: string, other: string): Decision => ({
    intent: first,
    confidence: scored.find((s) => s.label === first)?.probability ?? 0,
    reason: 'clarify',
    choices: [first, other],
  });
  // A product named in a warranty question ("how long is the warranty on monitors") is its subject.
  const evidenceSlots = asksAboutWarranty(text) ? EVIDENCE.filter((name) => name !== 'product') : EVIDENCE;
  const evidence = evidenceSlots.some((name) => facts[name] !== undefined) || input.symptomScore > 0;
  if (evidence) {
    // "笔记本修好了可以去拿了吗" names a product but asks, most likely, something else: ask which.
    const elsewhere = top.label !== settings.fault_flow && !SOFT.has(top.label);
    if (elsewhere && looksLikeQuestion(text) && top.probability >= settings.floor)
      return clarify(top.label, settings.fault_flow);
    return decided('evidence', settings.fault_flow);
  }
  // Keywords are a floor: they decide unless the classifier (which sees them too) puts another intent
  // first; then that intent is offered with the keyword's.
  const keywordLabel =
    triggered ??
    (input.faqKeyword && model.definitions.has(`faq:${input.faqKeyword}`)
      ? `faq:${input.faqKeyword}`
      : undefined);
  if (keywordLabel && (top.label === keywordLabel || top.probability < settings.floor))
    return decided(triggered ? 'trigger' : 'faq_keyword', keywordLabel);
  if (top.probability >= settings.threshold) return decided('confident');
  // Out of scope is an answer, not a choice to offer: asking "do you mean an unanswerable question?"
  // helps nobody.
  if (top.label === bundle.bot.question_flow && top.probability >= settings.floor && !keywordLabel)
    return decided('question', bundle.bot.question_flow);
  if (keywordLabel) return clarify(top.label, keywordLabel);
  if (top.probability >= settings.floor && second) return clarify(top.label, second.label);
  if (looksLikeQuestion(text)) return decided('question', bundle.bot.question_flow);
  return decided('default', bundle.defaultFlow);
}

/** The flow a decision starts (undefined for an FAQ answer). */
export function flowOfDecision(
  bundle: FlowBundle,
  model: IntentModel,
  decision: Decision,
): string | undefined {
  if (decision.reason === 'question') return bundle.bot.question_flow;
  if (decision.reason === 'default') return bundle.defaultFlow;
  const action = model.definitions.get(decision.intent)?.action;
  if (!action)
    return (
      idOfIntentFlow(bundle, decision.intent) ??
      (bundle.flows.has(decision.intent) ? decision.intent : undefined)
    );
  return action.kind === 'faq' ? undefined : action.flow;
}
