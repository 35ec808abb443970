/**
 * Work items for the phone line, run in the customer's inbox:
 *
 * - `voice.transfer`: the call was put through to the support line (and whether anyone took it), on the
 *   case, with the reference the person answering heard.
 * - `voice.callback`: nobody could take the call (outside business hours, no transfer target, or the
 *   support line did not answer). The case's pending promise becomes a callback promise (or a new one is
 *   made), the case is flagged `callback_requested`, staff are told, and an SMS confirms the case
 *   reference and the deadline — the text the caller hears, from flows/bot.yaml `callback_promise`.
 *
 * Both are keyed by CallSid, so a repeated webhook neither records nor texts twice.
 */
import { isActive } from '../../src/cases/lifecycle.js';
import { escalateCase, pendingPromise } from '../../src/cases/operations.js';
import type { Case } from '../../src/cases/types.js';
import { CaseWork } from '../../src/desk/case-work.js';
import type { CommandContext, CommandHandler, Desk } from '../../src/desk/desk.js';
import { interpolate } from '../../src/engine/interpolate.js';
import type { Lang } from '../../src/engine/types.js';

export interface TransferPayload {
  callSid: string;
  outcome: 'dialing' | 'answered';
  /** The transfer target, masked. */
  target?: string;
  durationSeconds?: number;
}

export interface CallbackPayload {
  callSid: string;
  lang: Lang;
  /** Why nobody took the call: after_hours, no_transfer_target, dial_no-answer, dial_busy… */
  reason: string;
}

export interface CallbackResult {
  ref: string;
  text: string;
  due: string;
}

function staffOf(kase: Case): string {
  return kase.owner.startsWith('staff:') ? kase.owner.slice(6) : `team:${kase.team ?? 'support'}`;
}

const transfer: CommandHandler = async (ctx: CommandContext) => {
  const payload = ctx.state.item.payload as TransferPayload;
  if (!ctx.case) return { result: { skipped: 'no case' }, writes: [] };
  const work = new CaseWork(ctx, ctx.case);
  if (payload.outcome === 'dialing') {
    work.event(
      'call_transferred',
      `call put through to the support line${payload.target ? ` ${payload.target}` : ''}; case reference ${ctx.case.ref} announced to whoever answers`,
      { callSid: payload.callSid, ...(payload.target ? { target: payload.target } : {}) },
    );
  } else {
    work.event(
      'call_transfer_answered',
      `the support line took the call${payload.durationSeconds ? ` (${payload.durationSeconds} s)` : ''}`,
      { callSid: payload.callSid, ...(payload.durationSeconds ? { duration: payload.durationSeconds } : {}) },
    );
  }
  return work.finish({ ref: ctx.case.ref });
};

const callback: CommandHandler = async (ctx: CommandContext) => {
  const payload = ctx.state.item.payload as CallbackPayload;
  const kase = ctx.case;
  if (!kase) return { result: { skipped: 'no case' }, writes: [] };
  const { deps } = ctx;
  const work = new CaseWork(ctx, kase);
  const pending = isActive(kase.status) ? pendingPromise(kase) : undefined;
  let due: Date;
  if (pending) {
    // The deadline the caller was already told stands; it is now a promise to call back.
    due = new Date(pending.due);
    work.case = {
      ...kase,
      promises: kase.promises.map((p) => (p.n === pending.n ? { ...p, kind: 'callback' as const } : p)),
    };
  } else {
    const team = kase.team ?? 'support';
    const plan = await deps.services.planPromise({
      team,
      priority: kase.priority,
      kind: 'callback',
      now: ctx.now,
    });
    const escalated = escalateCase(kase, {
      team,
      priority: kase.priority,
      reason: 'caller asked for a person; callback requested',
      plan,
      now: work.nowIso,
      kind: 'callback',
    });
    work.case = escalated.case;
    work.effects.push(...escalated.effects);
    due = plan.due;
  }
  work.case = { ...work.case, flags: [...new Set([...work.case.flags, 'callback_requested'])] };
  const text = interpolate(deps.bundle.bot.texts.callback_promise[payload.lang], {
    lang: payload.lang,
    slots: {},
    vars: {},
    extra: { deadline: deps.services.formatDeadline(due, payload.lang), ref: kase.ref },
  });
  work.event(
    'callback_requested',
    `caller asked for a person (${payload.reason}); callback promised by ${due.toISOString()}`,
    {
      callSid: payload.callSid,
      reason: payload.reason,
      due: due.toISOString(),
    },
  );
  work.effects.push({
    type: 'notify_staff',
    ref: kase.ref,
    to: staffOf(work.case),
    text: `case ${kase.ref}: call back the customer by ${due.toISOString()} (${payload.reason})`,
  });
  // A call cannot take a message later: CaseWork sends to a voice route by SMS.
  work.send(text, 'system', `${ctx.state.item.id}-sms`);
  const result: CallbackResult = { ref: kase.ref, text, due: due.toISOString() };
  return work.finish(result);
};

/** The phone line's work-item kinds, one line each. */
export function registerVoiceCommands(desk: Desk): void {
  desk.register('voice.transfer', transfer).register('voice.callback', callback);
}
