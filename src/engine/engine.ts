/**
 * The conversation engine: one customer message in, replies and effects out. Channel-agnostic; the
 * medium only changes how questions are asked (see prompts.ts). State comes in and goes out as plain
 * values — the desk loads and saves it through the customer's inbox.
 */

import type { Effect } from '../cases/effects.js';
import { isActive, transition } from '../cases/lifecycle.js';
import type { Case, ContactRoute, CustomerProfile, TranscriptEntry } from '../cases/types.js';
import type { FlowBundle } from '../flows/load.js';
import type { MediumProfile } from '../port/medium.js';
import type { InboundMessage, Lang, Reply } from '../port/messages.js';
import type { ActionRegistry } from './actions.js';
import { detectLanguage, normalizeText } from './extract/index.js';
import { leaveResolvedCase } from './new-matter.js';
import { keywordIntent } from './nlu/understand.js';
import { sayPendingNotices } from './notices.js';
import { handleOwnedCase } from './owned-case.js';
import { askPrompts } from './prompts.js';
import { advance, applyFill, endConversation, forgetAnswers, recordFilled, startFlow } from './runner.js';
import type { EngineServices } from './services.js';
import { newSession, restartSession, type Session } from './session.js';
import { Turn, type TurnSignals } from './turn.js';
import { act, channelFacts, clarified, clarifying, decide, keepFacts, modelOf } from './understanding.js';

/** Longest text the engine reads (a 100 KB mail body is kept in the transcript, not parsed). */
const MAX_TEXT = 4000;
/** Longest text kept in the transcript per message. */
const MAX_TRANSCRIPT_TEXT = 20_000;

export interface EngineDeps {
  bundle: FlowBundle;
  actions: ActionRegistry;
  services: EngineServices;
}

export interface InboundTurnInput {
  customerId: string;
  identity: string;
  message: InboundMessage;
  /** The profile of the medium the message came through. */
  medium: MediumProfile;
  session: Session | null;
  profile: CustomerProfile | null;
  case: Case | null;
  now: Date;
  /** The work item this turn runs for: makes a replayed turn allocate the same case reference. */
  workItemId?: string;
}

export interface TurnOutput {
  session: Session;
  profile: CustomerProfile;
  case: Case | null;
  /** Other cases the turn changed. */
  otherCases: Case[];
  replies: Reply[];
  transcript: TranscriptEntry[];
  effects: Effect[];
  signals: TurnSignals;
}

export function newProfile(customerId: string, identity: string, lang: Lang, at: string): CustomerProfile {
  return {
    id: customerId,
    identities: [identity],
    lang,
    products: [],
    cases: [],
    optedOut: [],
    createdAt: at,
    updatedAt: at,
  };
}

/** zh unless the text is clearly English: most customers of the service plan write Chinese. */
function initialLanguage(message: InboundMessage, profile: CustomerProfile | null, text: string): Lang {
  if (message.langHint) return message.langHint;
  const detected = detectLanguage(text);
  if (detected === 'zh' || detected === 'en') return detected;
  return profile?.lang ?? 'zh';
}

function routeOf(message: InboundMessage, identity: string): ContactRoute {
  return {
    channel: message.channel,
    identity,
    address: message.from,
    ...(message.provider ? { provider: message.provider } : {}),
    ...(message.replyContext ? { replyContext: message.replyContext } : {}),
  };
}

export function finishTurn(turn: Turn): TurnOutput {
  const at = turn.nowIso;
  sayPendingNotices(turn);
  for (const reply of turn.replies) {
    turn.transcript.push({
      at,
      kind: 'out',
      channel: turn.channel,
      text: reply.text,
      conv: turn.session.conversationId,
      ...(turn.case ? { case: turn.case.ref } : {}),
      author: 'bot',
      ...(reply.choices ? { meta: { choices: reply.choices } } : {}),
    });
  }
  return {
    session: { ...turn.session, updatedAt: at },
    profile: { ...turn.profile, lang: turn.session.lang },
    case: turn.case,
    otherCases: turn.otherCases,
    replies: turn.replies,
    transcript: turn.transcript,
    effects: turn.effects,
    signals: turn.signals,
  };
}

const HAN = /\p{Script=Han}/gu;
const LATIN_WORD = /(?<![\p{L}\p{N}])[A-Za-z]{2,}(?![\p{L}\p{N}])/gu;

/**
 * Enough of a language to switch to it mid-conversation: a serial number ("PF2ABC12"), a brand
 * ("ThinkPad", "HP LaserJet") or "ok" in a Chinese conversation is not the customer switching to English.
 */
function clearlyWritten(text: string, lang: Lang): boolean {
  if (lang === 'zh') return (text.match(HAN)?.length ?? 0) >= 2;
  return (text.match(HAN)?.length ?? 0) === 0 && (text.match(LATIN_WORD)?.length ?? 0) >= 3;
}

/** Remembers products and serial numbers the customer named (customer archive by product). */
function rememberProducts(turn: Turn): void {
  const { product, serial } = turn.session.slots as { product?: unknown; serial?: unknown };
  if (typeof serial !== 'string' && typeof product !== 'string') return;
  const known = turn.profile.products.some((item) => typeof serial === 'string' && item.serial === serial);
  if (
    known ||
    (typeof serial !== 'string' && turn.profile.products.some((item) => item.category === product))
  )
    return;
  turn.profile = {
    ...turn.profile,
    products: [
      ...turn.profile.products,
      {
        ...(typeof product === 'string' ? { category: product } : {}),
        ...(typeof serial === 'string' ? { serial } : {}),
        firstSeen: turn.nowIso,
      },
    ],
  };
}

/** Thanks and okays, alone or in a row ("好的，谢谢", "thanks a lot", "ok thank you 👍"). */
const ACKNOWLEDGEMENT =
  /^[\s!！。.~，,]*(?:(?:谢谢|多谢|感谢|谢了|好的|好|行|嗯|收到|明白|了解|知道了|辛苦了|你们|您|大家|啦|了|啊|呀|哈|ok|okay|k|thanks|thank|you|thx|ty|cheers|great|cool|got it|noted|perfect|a lot|so much|very much|much|all|👍|🙏|😊)[\s!！。.~，,]*)+$/iu;

/**
 * A customer who writes again soon after their case was resolved re-opens it (a plain "thanks" does
 * not). A case staff worked on goes back to its team's queue with a new promise. A case the bot
 * resolved stays the conversation's case: if the customer reports a fault again, the fault flow
 * re-opens it (Turn.ensureCase) instead of opening another.
 */
async function reopenIfRecent(turn: Turn): Promise<'escalated' | 'kept' | 'no'> {
  const kase = turn.case;
  if (!kase || isActive(kase.status) || ACKNOWLEDGEMENT.test(turn.text) || !turn.recentlyResolved(kase))
    return 'no';
  if (kase.handledBy.length > 0 && kase.team) {
    turn.event('reopened', 're-opened: the customer wrote again after resolution');
    await turn.escalate({
      team: kase.team,
      priority: kase.priority,
      reason: 'customer wrote again after resolution',
      kind: 'next_response',
    });
    return 'escalated';
  }
  return 'kept';
}

/**
 * A message that does not answer the question is not thrown away. On the menu (the default flow) it
 * is understood like a first message, keeping its facts ("my printer jams" → fault report). Elsewhere
 * a global intent recognised with high confidence ("I'd like to talk to someone") interrupts, as its
 * keyword would have.
 */
async function rerouteUnanswered(turn: Turn, flowId: string, deps: EngineDeps): Promise<boolean> {
  const facts = keepFacts(turn, turn.text);
  if (flowId === deps.bundle.defaultFlow) {
    const decision = decide(turn, facts);
    if (decision.reason === 'default') return false;
    endConversation(turn);
    await act(turn, decision, deps);
    return true;
  }
  const settings = deps.bundle.bot.understanding;
  const [top] = modelOf(turn).classify(turn.text);
  const intent = deps.bundle.bot.intents.find((candidate) => candidate.id === top?.label);
  if (!intent || !top || top.probability < settings.high_confidence || intent.flow === flowId) return false;
  const step = turn.session.step;
  const stack = intent.resume && step ? [...turn.session.stack, { flow: flowId, step }] : [];
  turn.session = { ...turn.session, stack };
  turn.event('intent', `intent ${intent.id} (${top.probability.toFixed(2)})`, { intent: intent.id });
  await startFlow(turn, intent.flow, deps);
  return true;
}

/** The customer's answer to the question asked last. */
async function handleAnswer(turn: Turn, deps: EngineDeps): Promise<void> {
  const flow = deps.bundle.flows.get(turn.session.flow!)!;
  const position = flow.index.get(turn.session.step!);
  const step = position === undefined ? undefined : flow.steps[position];
  if (!step || !('ask' in step)) {
    await advance(turn, deps);
    return;
  }
  const asked = turn.session.asked.length > 0 ? turn.session.asked : [step.ask];
  const answered = applyFill(turn, flow, turn.text, asked);
  if (answered.length > 0) {
    turn.session = { ...turn.session, retries: 0, asked: [] };
    // An `always` question is answered now; move past it before advancing.
    if (step.always && answered.includes(step.ask)) {
      const next = step.next ? flow.index.get(step.next)! : position! + 1;
      turn.session = { ...turn.session, step: flow.steps[next]?.id ?? '__end' };
    }
    await advance(turn, deps);
    return;
  }
  const faq = turn.services.matchFaq(turn.text);
  if (faq) {
    turn.say(faq.answer);
    for (const reply of askPrompts(turn, flow, [step], false)) turn.replies.push(reply);
    return;
  }
  // "call me on 555" to the phone question is a number that could not be read, not a request for a person.
  const triedDigits = flow.slots[step.ask]?.type === 'phone' && /\d/.test(turn.text);
  if (!triedDigits && (await rerouteUnanswered(turn, flow.id, deps))) return;
  const retries = turn.session.retries + 1;
  const allowed = step.retries ?? deps.bundle.bot.max_retries;
  if (retries >= allowed) {
    const escalation = deps.bundle.bot.misunderstood_escalation;
    turn.say(deps.bundle.bot.texts.misunderstood);
    turn.event('misunderstood', `no usable answer to "${step.id}" after ${retries} tries`, { step: step.id });
    await turn.escalate({
      team: escalation.team,
      priority: escalation.priority,
      reason: `${escalation.reason[turn.lang]} (${flow.id}/${step.id})`,
    });
    endConversation(turn);
    return;
  }
  turn.session = { ...turn.session, retries };
  const asks = asked.map((name) => flow.steps.find((s) => 'ask' in s && s.ask === name)).filter(Boolean);
  for (const reply of askPrompts(turn, flow, asks as never, true)) turn.replies.push(reply);
}

/**
 * A message with no flow running: understand it and act. The answer to a clarifying question picks
 * one of the two intents offered; the facts of the message before it are still there.
 */
async function startConversation(turn: Turn, deps: EngineDeps): Promise<void> {
  if (clarifying(turn)) {
    const picked = clarified(turn);
    if (picked) {
      await act(turn, { intent: picked, confidence: 1, reason: 'keyword', choices: null }, deps);
      return;
    }
  } else {
    forgetAnswers(turn);
  }
  const facts = keepFacts(turn, turn.text);
  await act(turn, decide(turn, facts), deps);
}

/** The session this message continues: restarted when idle or when its flow is gone. */
function sessionFor(
  deps: EngineDeps,
  input: InboundTurnInput,
  profile: CustomerProfile,
  text: string,
): { session: Session; idle: boolean } {
  const { message, now } = input;
  const at = now.toISOString();
  let session =
    input.session ?? newSession(input.identity, message.channel, initialLanguage(message, profile, text), at);
  const idleMs = deps.bundle.bot.session_idle_hours * 3600_000;
  const idle = now.getTime() - new Date(session.updatedAt).getTime() > idleMs && session.flow !== null;
  if (idle) session = { ...restartSession(session, at), caseRef: session.caseRef };
  // A flow removed or renamed since the conversation began: start over rather than fail every turn.
  if (session.flow && !deps.bundle.flows.has(session.flow))
    session = { ...restartSession(session, at), caseRef: session.caseRef };
  session = {
    ...session,
    channel: message.channel,
    stack: session.stack.filter((frame) => deps.bundle.flows.has(frame.flow)),
  };
  return { session, idle };
}

/** Builds the turn: profile, session and the case the message belongs to. */
function openTurn(deps: EngineDeps, input: InboundTurnInput, text: string): { turn: Turn; idle: boolean } {
  const { message, now } = input;
  const at = now.toISOString();
  const profile =
    input.profile ?? newProfile(input.customerId, input.identity, initialLanguage(message, null, text), at);
  if (!profile.identities.includes(input.identity))
    profile.identities = [...profile.identities, input.identity];
  let { session, idle } = sessionFor(deps, input, profile, text);
  // The case of this conversation is the one the channel pointed at (email subject) if it is ours; a
  // new thread is not about a finished case (a new email subject opens a new case, never re-opens).
  const detached = message.newThread === true && input.case !== null && !isActive(input.case.status);
  if (detached) session = { ...session, caseRef: null };
  const turn = new Turn({
    bundle: deps.bundle,
    services: deps.services,
    customerId: input.customerId,
    session,
    profile,
    case: detached ? null : input.case,
    route: routeOf(message, input.identity),
    channel: message.channel,
    medium: input.medium,
    now,
    text,
    ...(input.workItemId ? { workItemId: input.workItemId } : {}),
  });
  return { turn, idle };
}

/** The customer's message in the transcript, as written (up to a limit), with its attachments. */
function recordInbound(turn: Turn, message: InboundMessage): void {
  turn.transcript.push({
    at: turn.nowIso,
    kind: 'in',
    channel: message.channel,
    text: (message.text ?? '').slice(0, MAX_TRANSCRIPT_TEXT).toWellFormed(),
    conv: turn.session.conversationId,
    ...(turn.case ? { case: turn.case.ref } : {}),
    meta: {
      providerMessageId: message.providerMessageId,
      ...(message.attachments?.length ? { attachments: message.attachments } : {}),
      ...((message.text ?? '').length > MAX_TRANSCRIPT_TEXT ? { truncated: true } : {}),
    },
  });
}

/** Triage the customer walked away from: close it rather than leave it open for ever. */
function closeAbandonedTriage(turn: Turn): void {
  if (turn.case?.status !== 'open' || turn.case.owner !== 'bot') return;
  turn.case = transition(turn.case, 'closed', turn.nowIso);
  turn.event('abandoned', 'closed: the customer left the triage unfinished');
  turn.transcript.at(-1)!.case = turn.case.ref;
  turn.otherCases.push(turn.case);
  turn.session = { ...turn.session, caseRef: null };
  turn.case = null;
}

/**
 * Language: follow the customer, unless they chose one explicitly. True when the message is in a
 * language the bot does not speak and it answered so.
 */
function followLanguage(turn: Turn, message: InboundMessage, deps: EngineDeps): boolean {
  const { text } = turn;
  if (message.langHint) {
    turn.session = { ...turn.session, lang: message.langHint, langPinned: true };
    return false;
  }
  const detected = detectLanguage(text);
  if ((detected === 'zh' || detected === 'en') && !turn.session.langPinned) {
    if (detected === turn.session.lang || clearlyWritten(text, detected))
      turn.session = { ...turn.session, lang: detected };
    return false;
  }
  if (detected === 'other' && !turn.session.flow && (!turn.case || turn.case.owner === 'bot')) {
    // Only when nothing is waiting for an answer: "José García" answers a question, and a message to
    // a person handling the case is theirs to read.
    turn.replies.push({
      text: `${deps.bundle.bot.texts.other_language.zh}\n${deps.bundle.bot.texts.other_language.en}`,
    });
    return true;
  }
  return false;
}

/** Facts the channel knows from outside the text (a QR code's serial), taken like facts the customer wrote. */
function takeChannelFacts(turn: Turn, message: InboundMessage): void {
  turn.facts = channelFacts(turn, message.facts);
  if (Object.keys(turn.facts).length === 0) return;
  recordFilled(turn, turn.facts, []);
  turn.event('channel_facts', `known from the channel: ${Object.keys(turn.facts).join(', ')}`, {
    facts: turn.facts,
  });
}

/**
 * A message without text: attachments or facts from the channel move a waiting step on; an empty
 * message is asked again.
 */
async function answerWithoutText(turn: Turn, message: InboundMessage, deps: EngineDeps): Promise<void> {
  if (message.attachments?.length || Object.keys(turn.facts).length > 0) {
    if (message.attachments?.length)
      turn.event('attachments', `${message.attachments.length} attachment(s) received`);
    if (turn.session.flow && turn.session.step) await advance(turn, deps);
    return;
  }
  turn.say(deps.bundle.bot.texts.empty_message);
}

/** A keyword that starts another flow, the answer to the open question, or a new conversation. */
async function route(turn: Turn, deps: EngineDeps): Promise<void> {
  leaveResolvedCase(turn, ACKNOWLEDGEMENT.test(turn.text));
  const current = turn.session.flow ? deps.bundle.flows.get(turn.session.flow) : undefined;
  const askedSlot = turn.session.asked[0];
  const expectsNumber = askedSlot !== undefined && current?.slots[askedSlot]?.type === 'number';
  const intent = keywordIntent(deps.bundle, modelOf(turn), turn.text, { expectsNumber });
  if (intent && intent.flow !== turn.session.flow) {
    const stack =
      intent.resume && turn.session.flow && turn.session.step
        ? [...turn.session.stack, { flow: turn.session.flow, step: turn.session.step }]
        : [];
    turn.session = { ...turn.session, stack };
    turn.event('intent', `intent ${intent.id}`, { intent: intent.id });
    await startFlow(turn, intent.flow, deps);
  } else if (turn.session.flow && turn.session.step) {
    await handleAnswer(turn, deps);
  } else {
    const reopened = await reopenIfRecent(turn);
    if (reopened === 'escalated') return;
    if (reopened === 'no' && turn.case && !isActive(turn.case.status)) {
      turn.session = { ...restartSession(turn.session, turn.nowIso), caseRef: null };
      turn.case = null;
    }
    await startConversation(turn, deps);
  }
}

/** Runs one inbound customer message through the flows. */
export async function runInboundTurn(deps: EngineDeps, input: InboundTurnInput): Promise<TurnOutput> {
  const { message } = input;
  const text = normalizeText(message.text ?? '')
    .slice(0, MAX_TEXT)
    .toWellFormed();
  const { turn, idle } = openTurn(deps, input, text);
  recordInbound(turn, message);
  if (idle) closeAbandonedTriage(turn);
  if (turn.case) {
    const at = turn.nowIso;
    turn.updateCase((c) => ({ ...c, route: turn.route, sla: { ...c.sla, lastCustomerMessageAt: at } }));
  }
  if (followLanguage(turn, message, deps)) return finishTurn(turn);
  takeChannelFacts(turn, message);
  if (!text) {
    await answerWithoutText(turn, message, deps);
    return finishTurn(turn);
  }
  if (await handleOwnedCase(turn, deps)) return finishTurn(turn);
  await route(turn, deps);
  rememberProducts(turn);
  return finishTurn(turn);
}
