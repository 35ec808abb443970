/**
 * Acting on what a message is about (src/nlu/understand.ts): keeps the facts it contains for the
 * conversation, starts the flow, answers the FAQ or asks one clarifying question. Nothing the customer
 * wrote is thrown away: the facts are read with the fault flow's slots whatever flow starts, so a
 * fault report begun from the menu or after a clarifying question never asks for them again.
 */

import { matchChoice } from './extract/index.js';
import { type IntentModel, intentModelFor } from './nlu/intent-model.js';
import { type Decision, flowOfDecision, understand } from './nlu/understand.js';
import type { RunnerDeps } from './runner.js';
import { recordFacts, slotContext, startFlow } from './runner.js';
import { fillSlots } from './slots.js';
import type { Turn } from './turn.js';

/** Session var holding the two intents offered by a clarifying question. */
const CLARIFY = '_clarify';

export function modelOf(turn: Turn): IntentModel {
  return turn.bundle.nlu ?? intentModelFor(turn.bundle);
}

/** Reads the fault flow's slots from the message and keeps what is new in the conversation. */
export function keepFacts(turn: Turn, text: string): Record<string, unknown> {
  const flow = turn.bundle.flows.get(turn.bundle.bot.understanding.fault_flow);
  if (!flow) return {};
  const result = fillSlots(flow.slots, turn.session.slots, text, [], slotContext(turn));
  recordFacts(turn, result.filled, result.uncued);
  return result.filled;
}

/**
 * Facts the channel knew from outside the text (InboundMessage.facts), each read by its own slot of the
 * fault flow as if it were the answer to that slot's question: an unknown product or a malformed serial
 * is left out, and the values have the slot's own shape (a choice's value, an ISO date).
 */
export function channelFacts(turn: Turn, facts: Readonly<Record<string, string>> | undefined) {
  const flow = turn.bundle.flows.get(turn.bundle.bot.understanding.fault_flow);
  const known: Record<string, unknown> = {};
  if (!flow || !facts) return known;
  for (const [name, value] of Object.entries(facts)) {
    if (!Object.hasOwn(flow.slots, name) || typeof value !== 'string' || !value.trim()) continue;
    const result = fillSlots(flow.slots, {}, value.slice(0, 300), [name], {
      lang: turn.lang,
      now: turn.now,
      timezone: turn.services.timezone,
      phoneRegion: turn.services.phoneRegion,
    });
    if (result.filled[name] !== undefined) known[name] = result.filled[name];
  }
  return known;
}

/** What the message is about, from the text and the facts it holds. */
export function decide(turn: Turn, facts: Record<string, unknown>): Decision {
  return understand({
    bundle: turn.bundle,
    model: modelOf(turn),
    text: turn.text,
    facts,
    symptomScore: turn.services.symptomScore(turn.text),
    faqKeyword: turn.services.matchFaq(turn.text)?.id ?? null,
  });
}

/** Does what the decision says. */
export async function act(turn: Turn, decision: Decision, deps: RunnerDeps): Promise<void> {
  const model = modelOf(turn);
  if (decision.reason !== 'keyword') {
    turn.event('understood', `${decision.intent} (${decision.reason}, ${decision.confidence.toFixed(2)})`, {
      intent: decision.intent,
      reason: decision.reason,
      confidence: Number(decision.confidence.toFixed(3)),
    });
  }
  if (decision.reason === 'clarify' && decision.choices) {
    const titles = decision.choices.map((id) => model.definitions.get(id)?.title[turn.lang] ?? id);
    turn.say(turn.bundle.bot.understanding.clarify, {}, { choices: titles });
    turn.session = { ...turn.session, vars: { ...turn.session.vars, [CLARIFY]: decision.choices } };
    return;
  }
  const action = model.definitions.get(decision.intent)?.action;
  if (action?.kind === 'faq' && decision.reason !== 'question' && decision.reason !== 'default') {
    turn.say(action.answer);
    turn.event('faq_answered', `answered from the FAQ: ${action.faq}`, { faq: action.faq });
    return;
  }
  const flow = flowOfDecision(turn.bundle, model, decision) ?? turn.bundle.defaultFlow;
  await startFlow(turn, flow, deps, turn.text);
}

/**
 * The answer to a clarifying question: one of the two intents offered ("1", "Report a fault"), or
 * null when the customer wrote something else (then it is read as a new message).
 */
export function clarified(turn: Turn): string | null {
  const offered = turn.session.vars[CLARIFY] as string[] | undefined;
  if (!offered) return null;
  turn.session = { ...turn.session, vars: { ...turn.session.vars, [CLARIFY]: undefined } };
  const model = modelOf(turn);
  const options = offered.map((id) => ({
    value: id,
    label: model.definitions.get(id)?.title ?? { zh: id, en: id },
  }));
  return (matchChoice(turn.text, options, { asked: true })?.value as string | undefined) ?? null;
}

/** Whether a clarifying question is waiting for its answer. */
export function clarifying(turn: Turn): boolean {
  return Array.isArray(turn.session.vars[CLARIFY]);
}
