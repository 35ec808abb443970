/**
 * Pure case operations shared by the bot, the staff API and the timers: open, escalate, promise,
 * settle a promise. Each returns the new case and the effects to carry out; nothing here does I/O.
 */

import type { Lang } from '../port/messages.js';
import type { Effect } from './effects.js';
import { transition } from './lifecycle.js';
import type { Case, ContactRoute, DeadlinePromise, Priority, PromiseKind } from './types.js';

export interface OpenCaseInput {
  ref: string;
  customerId: string;
  route: ContactRoute;
  lang: Lang;
  flow: string | null;
  conversationId: string;
  summary: string;
  now: string;
}

export function openCase(input: OpenCaseInput): { case: Case; effects: Effect[] } {
  const kase: Case = {
    ref: input.ref,
    customerId: input.customerId,
    status: 'open',
    priority: 'normal',
    team: null,
    owner: 'bot',
    origin: input.route,
    route: input.route,
    lang: input.lang,
    flow: input.flow,
    summary: input.summary,
    slots: {},
    warranty: null,
    conversations: [input.conversationId],
    promises: [],
    sla: {},
    escalations: 0,
    escalationReason: null,
    flags: [],
    consent: {},
    appointment: null,
    record: null,
    followUp: null,
    handledBy: [],
    createdAt: input.now,
    updatedAt: input.now,
  };
  return {
    case: kase,
    effects: [{ type: 'index_case', ref: input.ref, customerId: input.customerId, createdAt: input.now }],
  };
}

const priorityRank: Record<Priority, number> = { urgent: 0, high: 1, normal: 2, low: 3 };

/** The higher (more urgent) of two priorities. */
export function higherPriority(a: Priority, b: Priority): Priority {
  return priorityRank[a] <= priorityRank[b] ? a : b;
}

/** One step more urgent (a breached promise raises the priority). */
export function raisePriority(priority: Priority): Priority {
  return priority === 'low' ? 'normal' : priority === 'normal' ? 'high' : 'urgent';
}

export function pendingPromise(kase: Case): DeadlinePromise | undefined {
  return kase.promises.findLast((promise) => promise.state === 'pending');
}

export interface PromisePlan {
  due: Date;
  warnAt: Date;
  openNow: boolean;
  backAt: Date | null;
}

/** Records a new promise (replacing a pending one) and schedules its timers. */
export function makePromise(
  kase: Case,
  input: {
    kind: PromiseKind;
    team: string;
    plan: PromisePlan;
    now: string;
    afterBreach?: boolean;
    internal?: boolean;
  },
): { case: Case; promise: DeadlinePromise; effects: Effect[] } {
  const effects: Effect[] = [];
  const promises = kase.promises.map((promise) => {
    if (promise.state !== 'pending') return promise;
    effects.push({ type: 'cancel_deadline', ref: kase.ref, n: promise.n });
    return { ...promise, state: 'cleared' as const, settledAt: input.now };
  });
  const promise: DeadlinePromise = {
    n: kase.promises.length + 1,
    kind: input.kind,
    team: input.team,
    madeAt: input.now,
    due: input.plan.due.toISOString(),
    warnAt: input.plan.warnAt.toISOString(),
    state: 'pending',
    ...(input.afterBreach ? { afterBreach: true } : {}),
    ...(input.internal ? { internal: true } : {}),
  };
  effects.push({ type: 'schedule_deadline', ref: kase.ref, customerId: kase.customerId, promise });
  return { case: { ...kase, promises: [...promises, promise], updatedAt: input.now }, promise, effects };
}

/** A staff reply keeps (or, if late, at least settles) the pending promise and stops its timers. */
export function settlePromise(kase: Case, now: string): { case: Case; effects: Effect[] } {
  const effects: Effect[] = [];
  const promises = kase.promises.map((promise) => {
    if (promise.state !== 'pending') return promise;
    effects.push({ type: 'cancel_deadline', ref: kase.ref, n: promise.n });
    const state = new Date(now) <= new Date(promise.due) ? ('kept' as const) : ('breached' as const);
    return { ...promise, state, settledAt: now };
  });
  return { case: { ...kase, promises, updatedAt: now }, effects };
}

export interface EscalateInput {
  team: string;
  priority: Priority;
  reason: string;
  plan: PromisePlan;
  now: string;
  kind?: PromiseKind;
  afterBreach?: boolean;
  /** The customer is not told this deadline (see DeadlinePromise.internal). */
  internal?: boolean;
}

/**
 * Hands the case to a team's queue with a reply-deadline promise. Escalating an already escalated case
 * moves it (another team, or higher priority) and never lowers its priority.
 */
export function escalateCase(
  kase: Case,
  input: EscalateInput,
): { case: Case; promise: DeadlinePromise; effects: Effect[] } {
  const priority = kase.escalations > 0 ? higherPriority(kase.priority, input.priority) : input.priority;
  let next = transition(kase, 'escalated', input.now);
  next = {
    ...next,
    team: input.team,
    priority,
    owner: 'queue',
    escalations: kase.escalations + 1,
    escalationReason: input.reason,
    sla: { ...next.sla, escalatedAt: next.sla.escalatedAt ?? input.now },
  };
  delete next.sla.pausedAt;
  const promised = makePromise(next, {
    kind: input.kind ?? (kase.sla.firstResponseAt ? 'next_response' : 'first_response'),
    team: input.team,
    plan: input.plan,
    now: input.now,
    afterBreach: input.afterBreach,
    internal: input.internal,
  });
  // Still waiting in another queue (or the same one at another priority): that job is stale now.
  const stale: Effect[] =
    kase.status === 'escalated' && kase.owner === 'queue' && kase.team && kase.escalations > 0
      ? [{ type: 'dequeue_escalation', ref: kase.ref, team: kase.team, n: kase.escalations }]
      : [];
  return {
    case: promised.case,
    promise: promised.promise,
    effects: [
      ...stale,
      ...promised.effects,
      {
        type: 'enqueue_escalation',
        ref: kase.ref,
        customerId: kase.customerId,
        team: input.team,
        priority,
        n: next.escalations,
        reason: input.reason,
      },
    ],
  };
}

/** A waiting job is current only if it is the case's latest escalation to that team. */
export function isCurrentEscalation(kase: Case, team: string, n: number): boolean {
  return (
    kase.owner === 'queue' && kase.status === 'escalated' && kase.team === team && kase.escalations === n
  );
}
