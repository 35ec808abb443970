/**
 * Timers and delivery reports, run in the customer's inbox: deadline warnings and breaches, the
 * follow-up (回访), appointment reminders, dead letters and delivery status from providers.
 * Each checks the case first, so a timer that is no longer relevant does nothing.
 */

import { isActive } from '../cases/lifecycle.js';
import { escalateCase, raisePriority } from '../cases/operations.js';
import type { Case, DeadlinePromise } from '../cases/types.js';
import type { ChannelKind } from '../port/messages.js';
import { CaseWork } from './case-work.js';
import { notifyOwner } from './customer-slot.js';
import type { CommandContext, CommandHandler } from './desk.js';

const SUPERVISOR_TEAM = 'supervisor';

function promiseOf(ctx: CommandContext): { kase: Case; promise: DeadlinePromise } | null {
  const { n } = ctx.state.item.payload as { n: number };
  const kase = ctx.case;
  const promise = kase?.promises.find((candidate) => candidate.n === n);
  if (!kase || !promise || promise.state !== 'pending') return null;
  return { kase, promise };
}

/** Before the breach: warn whoever has the case (the assignee, or the team's queue watchers). */
export const deadlineWarn: CommandHandler = async (ctx) => {
  const found = promiseOf(ctx);
  if (!found) return { result: { skipped: 'promise settled' }, writes: [] };
  const { kase, promise } = found;
  const work = new CaseWork(ctx, kase);
  const to = kase.owner.startsWith('staff:') ? kase.owner.slice(6) : `team:${kase.team ?? promise.team}`;
  work.effects.push({
    type: 'notify_staff',
    ref: kase.ref,
    to,
    text: `deadline for case ${kase.ref} is at ${promise.due}`,
    kind: 'deadline',
  });
  work.event('deadline_warning', `reply deadline ${promise.due} is near; ${to} warned`, {
    n: promise.n,
    due: promise.due,
  });
  return work.finish();
};

/**
 * At the breach: the case moves to the supervisor queue with raised priority and the customer gets one
 * honest update with a new deadline. A promise made after a breach only alerts supervisors when it too
 * passes — the customer is not sent the same apology in a loop.
 */
export const deadlineBreach: CommandHandler = async (ctx) => {
  const found = promiseOf(ctx);
  if (!found) return { result: { skipped: 'promise settled' }, writes: [] };
  const { kase, promise } = found;
  const work = new CaseWork(ctx, kase);
  const breached = {
    ...kase,
    promises: kase.promises.map((p) =>
      p.n === promise.n ? { ...p, state: 'breached' as const, settledAt: work.nowIso } : p,
    ),
  };
  work.event('deadline_breached', `reply deadline ${promise.due} passed`, { n: promise.n });
  ctx.deps.metrics?.deadlines.inc({ outcome: 'breached' });
  if (promise.afterBreach) {
    work.case = breached;
    work.effects.push({
      type: 'notify_staff',
      ref: kase.ref,
      to: `team:${SUPERVISOR_TEAM}`,
      text: `case ${kase.ref} missed its second deadline`,
    });
    return work.finish();
  }
  const priority = raisePriority(kase.priority);
  const plan = await ctx.deps.services.planPromise({
    team: SUPERVISOR_TEAM,
    priority,
    kind: 'next_response',
    now: ctx.now,
  });
  const escalated = escalateCase(breached, {
    team: SUPERVISOR_TEAM,
    priority,
    reason: `deadline ${promise.due} breached`,
    plan,
    now: work.nowIso,
    kind: 'next_response',
    afterBreach: true,
  });
  work.case = escalated.case;
  work.effects.push(...escalated.effects);
  // The customer was never told an internal target: nothing to apologise for.
  if (promise.internal) return work.finish();
  const update = { ref: kase.ref, deadline: ctx.deps.services.formatDeadline(plan.due, kase.lang) };
  work.send(
    work.text(ctx.deps.bundle.bot.texts.breach_update, update),
    'system',
    `${ctx.state.item.id}-update`,
    undefined,
    undefined,
    work.notice('deadline_update', update),
  );
  return work.finish();
};

/** The satisfaction check, once, after resolution. */
export const followUp: CommandHandler = async (ctx) => {
  const kase = ctx.case;
  const flow = ctx.deps.bundle.bot.followup_flow;
  if (!kase || !flow || isActive(kase.status) || kase.followUp?.sentAt)
    return { result: { skipped: 'not due' }, writes: [] };
  const work = new CaseWork(ctx, kase);
  work.case = {
    ...kase,
    followUp: { ...(kase.followUp ?? { scheduledFor: work.nowIso }), sentAt: work.nowIso },
  };
  await work.runFlow(flow, {}, ctx.state.item.id, work.notice('followup'));
  work.event('followup_sent', 'satisfaction follow-up sent');
  return work.finish();
};

/** The day-before reminder of an on-site visit, if the visit is still on. */
export const reminder: CommandHandler = async (ctx) => {
  const { key } = ctx.state.item.payload as { key: string };
  const kase = ctx.case;
  const appointment = kase?.appointment;
  if (
    !kase ||
    !appointment ||
    !isActive(kase.status) ||
    appointment.change?.kind === 'cancel' ||
    String(new Date(appointment.window.start).getTime()) !== key
  ) {
    return { result: { skipped: 'appointment changed' }, writes: [] };
  }
  const work = new CaseWork(ctx, kase);
  const format = (iso: string) => ctx.deps.services.formatDeadline(new Date(iso), kase.lang);
  const visit = {
    start: format(appointment.window.start),
    end: format(appointment.window.end),
    ref: kase.ref,
  };
  work.send(
    work.text(ctx.deps.bundle.bot.texts.appointment_reminder, visit),
    'system',
    `${ctx.state.item.id}-reminder`,
    undefined,
    undefined,
    work.notice('appointment_reminder', visit),
  );
  return work.finish();
};

/** A message the outbox gave up on: the case is flagged for staff, and an opt-out is remembered. */
export const deadLetter: CommandHandler = async (ctx) => {
  const { message, error, optedOut } = ctx.state.item.payload as {
    message: { id: string; channel: ChannelKind; to: string };
    error: string;
    optedOut: boolean;
  };
  // The provider said the address unsubscribed: on the list whether or not a case is open.
  if (optedOut) await ctx.deps.deliveries.setOptOut(message.channel, message.to, true);
  const kase = ctx.case;
  if (!kase) return { result: { skipped: 'no case' }, writes: [] };
  const work = new CaseWork(ctx, kase);
  const flags = new Set([...kase.flags, 'delivery_failed', ...(optedOut ? ['opted_out'] : [])]);
  work.case = { ...kase, flags: [...flags] };
  work.event(
    'delivery_failed',
    `message ${message.id} to ${message.channel} could not be delivered: ${error}`,
    { messageId: message.id, optedOut },
  );
  work.effects.push(
    notifyOwner(kase, `case ${kase.ref}: a message to the customer failed (${error})`, 'delivery_failed'),
  );
  return work.finish();
};

/** A provider's delivery report (delivered, failed…), recorded on the case. */
export const deliveryStatus: CommandHandler = async (ctx) => {
  const { messageId, status, code, channel, failed } = ctx.state.item.payload as {
    messageId: string;
    status: string;
    failed: boolean;
    code?: string;
    channel: string;
  };
  const kase = ctx.case;
  if (!kase) return { result: { skipped: 'no case' }, writes: [] };
  const work = new CaseWork(ctx, kase);
  if (failed) work.case = { ...kase, flags: [...new Set([...kase.flags, 'delivery_failed'])] };
  work.event(
    failed ? 'delivery_failed' : `delivery_${status}`,
    `${channel} message ${messageId}: ${status}${code ? ` (error ${code})` : ''}`,
    { messageId, status, ...(code ? { code } : {}) },
  );
  return work.finish();
};
