/**
 * A message on a case a person (or the queue) owns: the bot records it and stays out of the way. Staff
 * are told, the next-response clock starts, and a customer who asks for a person while a promise is
 * pending is put through (on the phone) instead of being answered by the bot.
 */
import { transition } from '../cases/lifecycle.js';
import { makePromise } from '../cases/operations.js';
import type { Case, DeadlinePromise } from '../cases/types.js';
import type { Intent } from '../flows/schema.js';
import { handleAppointmentChange } from './appointment-change.js';
import { matchIntent } from './intents.js';
import { answerPendingQuote } from './pending-quote.js';
import { type RunnerDeps, startFlow } from './runner.js';
import type { Turn } from './turn.js';

/** The same customer is told "staff are on it" outside business hours at most this often. */
const STAFF_ACK_EVERY_MS = 12 * 3600_000;
/** …and "your case is in the queue, we reply by…" at most this often. */
const QUEUE_ACK_EVERY_MS = 3600_000;

/**
 * The next-response clock (Zammad's model): a customer message on a case a person owns starts an
 * internal target for the answer, so an unanswered customer is escalated rather than forgotten. It is
 * internal — the customer is not told it and gets no apology at its breach — and a staff reply settles
 * it. No clock runs while the case waits on the customer: it starts only when they write.
 */
async function startNextResponseClock(turn: Turn): Promise<void> {
  const kase = turn.case;
  if (!kase || kase.promises.some((promise) => promise.state === 'pending')) return;
  const team = kase.team ?? 'support';
  const plan = await turn.services.planPromise({
    team,
    priority: kase.priority,
    kind: 'next_response',
    now: turn.now,
  });
  const promised = makePromise(kase, { kind: 'next_response', team, plan, now: turn.nowIso, internal: true });
  turn.case = promised.case;
  turn.effects.push(...promised.effects);
}

/** Someone is already on it: on the phone, asking for a person puts the caller through. */
function handOverWhenAskedForPerson(
  turn: Turn,
  kase: Case,
  intent: Intent | undefined,
  pending: DeadlinePromise | undefined,
): void {
  if (intent?.id !== 'human' || !pending) return;
  turn.signals.handoff = true;
  turn.signals.escalated = {
    ref: kase.ref,
    team: kase.team ?? 'support',
    priority: kase.priority,
    due: pending.due,
  };
}

/** A person owns the case: they are told, and outside business hours the customer hears who is on it. */
async function passToStaff(turn: Turn, kase: Case, intent: Intent | undefined): Promise<void> {
  turn.effects.push({
    type: 'notify_staff',
    ref: kase.ref,
    to: kase.owner.slice('staff:'.length),
    text: turn.text.slice(0, 500),
    kind: 'customer_wrote',
  });
  await startNextResponseClock(turn);
  const pending = turn.case?.promises.findLast((promise) => promise.state === 'pending');
  handOverWhenAskedForPerson(turn, kase, intent, pending);
  const hours = turn.services.businessHours(turn.now);
  const lastAck = Number(turn.session.vars._staffAckAt ?? 0);
  if (!hours.open && turn.now.getTime() - lastAck > STAFF_ACK_EVERY_MS) {
    turn.say(turn.bundle.bot.texts.staff_owned_ack, {
      ref: kase.ref,
      back: hours.backAt ? turn.services.formatDeadline(hours.backAt, turn.lang) : '',
    });
    turn.session = { ...turn.session, vars: { ...turn.session.vars, _staffAckAt: turn.now.getTime() } };
  }
}

/** Waiting in the queue: repeat the promise, at most once an hour. */
function remindOfQueuePromise(turn: Turn, kase: Case, intent: Intent | undefined): void {
  const lastAck = Number(turn.session.vars._queueAckAt ?? 0);
  const pending = kase.promises.findLast((promise) => promise.state === 'pending');
  handOverWhenAskedForPerson(turn, kase, intent, pending);
  if (pending && turn.now.getTime() - lastAck > QUEUE_ACK_EVERY_MS) {
    turn.say(turn.bundle.bot.texts.deadline_promise, {
      deadline: turn.services.formatDeadline(new Date(pending.due), turn.lang),
      ref: kase.ref,
      team: kase.team ?? '',
    });
    turn.session = { ...turn.session, vars: { ...turn.session.vars, _queueAckAt: turn.now.getTime() } };
  }
}

/** While a person (or the queue) owns the case, the bot records the message and stays out of the way. */
export async function handleOwnedCase(turn: Turn, deps: RunnerDeps): Promise<boolean> {
  const kase = turn.case;
  if (!kase || kase.owner === 'bot' || kase.status === 'resolved' || kase.status === 'closed') return false;
  // A running flow (follow-up questions, record confirmation) still gets its answers.
  if (turn.session.flow) return false;
  const intent = matchIntent(turn.bundle.bot.intents, turn.text);
  if (intent && (intent.id === 'status' || intent.id === 'upset')) {
    await startFlow(turn, intent.flow, deps);
    return true;
  }
  if (kase.status === 'waiting_customer') {
    turn.case = transition(kase, kase.owner === 'queue' ? 'escalated' : 'assigned', turn.nowIso);
  }
  if (handleAppointmentChange(turn, turn.bundle)) return true;
  if (await answerPendingQuote(turn, kase, deps)) return true;
  if (kase.owner.startsWith('staff:')) await passToStaff(turn, kase, intent);
  else remindOfQueuePromise(turn, kase, intent);
  return true;
}
