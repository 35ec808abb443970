/**
 * Runs flows: moves through steps until the bot needs the customer's answer (an `ask`), hands over
 * (`escalate`) or finishes (`end`). Steps are plain data from flows/*.yaml; see flows/README.md.
 */
import { transition } from '../cases/lifecycle.js';
import { type CompiledFlow, type CompiledStep, stepKind } from '../flows/load.js';
import type { AskStep, Condition } from '../flows/schema.js';
import type { ActionRegistry } from './actions.js';
import { regionOfNumber } from './extract/index.js';
import { askPrompts } from './prompts.js';
import { restartSession } from './session.js';
import { fillSlots, type SlotContext } from './slots.js';
import type { Turn } from './turn.js';

/** A flow that loops through steps without ever waiting is a bug in the flow file, not a hang. */
const MAX_STEPS_PER_TURN = 200;

export interface RunnerDeps {
  actions: ActionRegistry;
}

function flowOf(turn: Turn, id: string): CompiledFlow {
  const flow = turn.bundle.flows.get(id);
  if (!flow) throw new Error(`unknown flow ${id}`);
  return flow;
}

function lookupValue(turn: Turn, path: string): unknown {
  const { slots, vars } = turn.session;
  if (path in slots) return slots[path];
  let value: unknown = path.split('.')[0]! in slots ? slots : vars;
  for (const part of path.split('.')) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

export function evaluate(condition: Condition, turn: Turn): boolean {
  if ('all' in condition) return condition.all.every((c) => evaluate(c, turn));
  if ('any' in condition) return condition.any.some((c) => evaluate(c, turn));
  if ('not' in condition) return !evaluate(condition.not, turn);
  if ('channel' in condition) {
    const channels = Array.isArray(condition.channel) ? condition.channel : [condition.channel];
    return channels.includes(turn.channel);
  }
  const value = lookupValue(turn, condition.value);
  if ('filled' in condition)
    return (value !== undefined && value !== null && value !== '') === condition.filled;
  if ('equals' in condition) return value === condition.equals;
  return condition.in.includes(value as string | number | boolean);
}

function nextIndex(flow: CompiledFlow, step: CompiledStep, position: number): number {
  if ('next' in step && step.next) return flow.index.get(step.next)!;
  return position + 1;
}

function isFilled(turn: Turn, slot: string): boolean {
  const value = turn.session.slots[slot];
  return value !== undefined && value !== null && value !== '';
}

/**
 * The asks an email should bundle: from this ask, the following asks up to the first step that needs
 * the answers (a branch, an action…), skipping slots already filled.
 */
function bundledAsks(turn: Turn, flow: CompiledFlow, position: number): AskStep[] {
  const asks: AskStep[] = [];
  for (let n = position; n < flow.steps.length; n++) {
    const step = flow.steps[n]!;
    if (stepKind(step) === 'say') continue;
    if (!('ask' in step)) break;
    if (step.always || !isFilled(turn, step.ask)) asks.push(step);
    if (step.next) break;
  }
  return asks;
}

/** Starts a flow from its first step; the message that started it may already fill some slots. */
export async function startFlow(
  turn: Turn,
  flowId: string,
  deps: RunnerDeps,
  fillFrom?: string,
): Promise<void> {
  const flow = flowOf(turn, flowId);
  turn.session = { ...turn.session, flow: flow.id, step: flow.steps[0]!.id, retries: 0, asked: [] };
  if (flow.opens_case) {
    await turn.ensureCase();
    turn.updateCase((kase) => ({ ...kase, flow: flow.id }));
    carrySlotsToCase(turn, flow);
  }
  if (fillFrom) applyFill(turn, flow, fillFrom, []);
  await advance(turn, deps);
}

/** What reading slot values needs to know about this turn: language, clock, the customer's region. */
export function slotContext(turn: Turn): SlotContext {
  const customerRegion = regionOfNumber(turn.route.address);
  return {
    lang: turn.lang,
    now: turn.now,
    timezone: turn.services.timezone,
    phoneRegion: turn.services.phoneRegion,
    ...(customerRegion ? { customerRegion } : {}),
    isSymptom: (text) => turn.services.symptomScore(text) > 0,
  };
}

/** Records slot values found in a message; returns which asked slots were answered. */
export function applyFill(turn: Turn, flow: CompiledFlow, text: string, asked: readonly string[]): string[] {
  const result = fillSlots(flow.slots, turn.session.slots, text, asked, slotContext(turn));
  recordFilled(turn, result.filled, result.uncued);
  return result.answered;
}

/**
 * Keeps slot values in the session and on the case. `uncued` date slots are remembered under the
 * `unconfirmed` var (conditions: `unconfirmed.purchase_date`) until a value with its cue replaces them.
 */
export function recordFilled(turn: Turn, filled: Record<string, unknown>, uncued: readonly string[]): void {
  if (Object.keys(filled).length === 0) return;
  recordFacts(turn, filled, uncued);
  turn.updateCase((kase) => ({ ...kase, slots: { ...kase.slots, ...filled } }));
}

/** Keeps values in the conversation only; the case gets them when a flow that uses them starts. */
export function recordFacts(turn: Turn, filled: Record<string, unknown>, uncued: readonly string[]): void {
  if (Object.keys(filled).length === 0) return;
  const previous = (turn.session.vars.unconfirmed ?? {}) as Record<string, boolean>;
  const unconfirmed = { ...previous };
  for (const name of Object.keys(filled)) delete unconfirmed[name];
  for (const name of uncued) unconfirmed[name] = true;
  turn.session = {
    ...turn.session,
    slots: { ...turn.session.slots, ...filled },
    vars: { ...turn.session.vars, unconfirmed },
  };
}

/** The conversation's values for a flow's slots go onto the case it opens (facts kept from earlier). */
function carrySlotsToCase(turn: Turn, flow: CompiledFlow): void {
  const known = Object.fromEntries(
    Object.entries(turn.session.slots).filter(([name, value]) => name in flow.slots && value !== undefined),
  );
  if (Object.keys(known).length > 0)
    turn.updateCase((kase) => ({ ...kase, slots: { ...kase.slots, ...known } }));
}

/** Runs steps from the session's current step until the bot has to wait or the flow ends. */
export async function advance(turn: Turn, deps: RunnerDeps): Promise<void> {
  for (let budget = 0; budget < MAX_STEPS_PER_TURN; budget++) {
    if (!turn.session.flow || !turn.session.step) return;
    const flow = flowOf(turn, turn.session.flow);
    let position = flow.index.get(turn.session.step);
    if (position === undefined && turn.session.step !== '__end') {
      // The flow file changed under a running conversation: start it over; answers already given are
      // kept, so only what is still missing is asked.
      position = 0;
      turn.session = { ...turn.session, step: flow.steps[0]!.id };
    }
    if (position === undefined || position >= flow.steps.length) {
      await finishFlow(turn, deps);
      return;
    }
    const step = flow.steps[position]!;
    const goTo = (index: number) => {
      const target = flow.steps[index];
      turn.session = { ...turn.session, step: target ? target.id : '__end' };
    };

    if ('ask' in step) {
      if (isFilled(turn, step.ask) && !step.always) {
        goTo(nextIndex(flow, step, position));
        continue;
      }
      const asks = turn.medium.questions === 'all' ? bundledAsks(turn, flow, position) : [step];
      for (const reply of askPrompts(turn, flow, asks, false)) turn.replies.push(reply);
      turn.session = { ...turn.session, asked: asks.map((ask) => ask.ask) };
      return;
    }
    if ('branch' in step) {
      const arm = step.branch.find((candidate) => !candidate.when || evaluate(candidate.when, turn))!;
      goTo(flow.index.get(arm.goto)!);
      continue;
    }
    if ('action' in step) {
      const action = deps.actions.get(step.action)!;
      const result = await action.run(turn, step.args as never);
      if (result.value !== undefined) {
        turn.session = {
          ...turn.session,
          vars: { ...turn.session.vars, [step.as ?? step.action]: result.value },
        };
      }
      const jump = result.outcome !== undefined ? step.on?.[result.outcome] : undefined;
      // The action may have switched flows or ended the conversation itself.
      if (turn.session.flow !== flow.id || turn.session.step !== step.id) continue;
      goTo(jump !== undefined ? flow.index.get(jump)! : nextIndex(flow, step, position));
      continue;
    }
    if ('escalate' in step) {
      if (step.say) turn.say(step.say);
      if (step.transfer) turn.signals.handoff = true;
      await turn.escalate({
        team: step.escalate.team,
        priority: step.escalate.priority,
        reason: step.escalate.reason[turn.lang === 'zh' ? 'zh' : 'en'],
      });
      endConversation(turn);
      return;
    }
    if ('end' in step) {
      const end = step.end === true ? { case: 'keep' as const } : step.end;
      if ('say' in end && end.say) turn.say(end.say);
      if (
        end.case === 'resolve' &&
        turn.case &&
        turn.case.status !== 'resolved' &&
        turn.case.status !== 'closed'
      ) {
        resolveByBot(turn);
      }
      await finishFlow(turn, deps);
      return;
    }
    if ('flow' in step) {
      const target = flowOf(turn, step.flow);
      turn.session = { ...turn.session, flow: target.id, step: target.steps[0]!.id, retries: 0, asked: [] };
      if (target.opens_case) {
        await turn.ensureCase();
        carrySlotsToCase(turn, target);
      }
      continue;
    }
    // say
    turn.say(step.say);
    goTo(nextIndex(flow, step, position));
  }
  throw new Error(
    `flow ${turn.session.flow} ran ${MAX_STEPS_PER_TURN} steps without waiting: check for a loop`,
  );
}

/** The bot fixed it remotely: the case is resolved and a follow-up is scheduled. */
function resolveByBot(turn: Turn): void {
  if (!turn.case) return;
  const resolved = transition(turn.case, 'resolved', turn.nowIso);
  const at = new Date(turn.now.getTime() + turn.services.followUpDelayMs).toISOString();
  turn.case = { ...resolved, followUp: { scheduledFor: at } };
  turn.effects.push({
    type: 'schedule_followup',
    ref: resolved.ref,
    customerId: resolved.customerId,
    at,
    key: turn.key('followup'),
  });
  turn.event('resolved', `resolved by the bot (${turn.session.flow})`);
}

/** A flow ended: resume an interrupted one, or end the conversation. */
async function finishFlow(turn: Turn, deps: RunnerDeps): Promise<void> {
  const frame = turn.session.stack.at(-1);
  if (frame) {
    turn.session = {
      ...turn.session,
      flow: frame.flow,
      step: frame.step,
      stack: turn.session.stack.slice(0, -1),
      retries: 0,
      asked: [],
    };
    // Re-ask the interrupted question (its slot is still empty).
    const flow = flowOf(turn, frame.flow);
    const position = flow.index.get(frame.step);
    const step = position === undefined ? undefined : flow.steps[position];
    if (step && 'ask' in step && (!isFilled(turn, step.ask) || step.always)) {
      const asks = turn.medium.questions === 'all' ? bundledAsks(turn, flow, position!) : [step];
      for (const reply of askPrompts(turn, flow, asks, false)) turn.replies.push(reply);
      turn.session = { ...turn.session, asked: asks.map((ask) => ask.ask) };
      return;
    }
    await advance(turn, deps);
    return;
  }
  endConversation(turn);
}

/** The flow is over; the next message starts a new conversation (a new flow pick). */
export function endConversation(turn: Turn): void {
  turn.signals.ended = true;
  turn.session = { ...turn.session, flow: null, step: null, stack: [], asked: [], retries: 0 };
}

/**
 * A new conversation remembers none of the last one's answers — a second warranty question is about
 * another device. The case keeps its slots; engine bookkeeping (`_…` vars) stays.
 */
export function forgetAnswers(turn: Turn): void {
  const bookkeeping = Object.fromEntries(
    Object.entries(turn.session.vars).filter(([name]) => name.startsWith('_')),
  );
  // What the channel knows with this message (a device's QR code) is not an old answer.
  turn.session = { ...turn.session, slots: { ...turn.facts }, vars: bookkeeping };
}

/** Throws away the conversation (cancel/restart), keeping the customer's language. */
export function resetConversation(turn: Turn): void {
  const fresh = restartSession(turn.session, turn.nowIso);
  turn.session = { ...fresh, caseRef: turn.case && turn.case.status !== 'closed' ? turn.case.ref : null };
}
