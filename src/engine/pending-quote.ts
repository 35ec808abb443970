/**
 * A quote is valid for days, a conversation only `session_idle_hours`: a customer who answers a paid
 * repair's quote after the conversation went idle ("同意", three days later) still answers the quote.
 * The answer is read with the quote flow's own choices and the flow runs from its recording step.
 */
import { quoteAt, quoteValues } from '../cases/quote.js';
import type { Case } from '../cases/types.js';
import { matchChoice } from './extract/index.js';
import { type RunnerDeps, startFlow } from './runner.js';
import type { Turn } from './turn.js';

/** The system flow that asks for the answer (flows/quote_reply.yaml) and its slot. */
const QUOTE_FLOW = 'quote_reply';
const ANSWER_SLOT = 'quote_answer';

export async function answerPendingQuote(turn: Turn, kase: Case, deps: RunnerDeps): Promise<boolean> {
  if (!kase.quote || quoteAt(kase.quote, turn.now).status !== 'sent') return false;
  const flow = turn.bundle.flows.get(QUOTE_FLOW);
  const choices = flow?.slots[ANSWER_SLOT]?.choices;
  if (!flow || !choices) return false;
  const answer = matchChoice(turn.text, choices, { asked: true });
  if (!answer) return false;
  const values = quoteValues(kase.quote, turn.services.formatDate, turn.services.timezone);
  turn.session = {
    ...turn.session,
    slots: { ...turn.session.slots, [ANSWER_SLOT]: answer.value },
    vars: { ...turn.session.vars, quote: values },
  };
  await startFlow(turn, QUOTE_FLOW, deps);
  return true;
}
