/**
 * Channel-neutral commands, run in the customer's inbox like every other change to a customer (so a
 * STOP never interleaves with the conversation it stops). Channels only map their own words and
 * callbacks onto these (SMS STOP/START/HELP, an email unsubscribe, a carrier's unsubscribe report, a call's dial
 * status); what they mean for the customer and the case is decided here, once.
 *
 * - `channel.preference`: opt-out / opt-in / help. Opt-out puts the address on the opt-out list (the
 *   outbox then refuses to write to it), flags the open case `opted_out` and tells its staff; the
 *   confirmation is answered by the channel itself, at once, because the outbox — rightly — no longer
 *   writes to the address. Opt-in and help are answered through the outbox.
 * - `channel.callback`: a caller asked for a person and nobody can take the call: the pending promise
 *   becomes a callback promise (or one is made), the case is flagged, staff are told, and a message
 *   confirms the reference and the deadline on the channel that can carry it later.
 * - `channel.transfer`: the call was put through to the support line, or the line took it.
 * - `channel.hang_up`: the call ended with a question open; the next contact carries on.
 *
 * Each is keyed by the provider's id (message, call), so a repeated webhook changes nothing twice.
 */

import type { Effect } from '../cases/effects.js';
import { isActive } from '../cases/lifecycle.js';
import { escalateCase, pendingPromise } from '../cases/operations.js';
import type { TranscriptEntry } from '../cases/types.js';
import type { SlotWrite } from '../conversation/inbox.js';
import { identityOf } from '../conversation/keys.js';
import { interpolate } from '../engine/interpolate.js';
import type {
  CallbackRequest,
  CallbackResult,
  PreferenceRequest,
  PreferenceResult,
  TransferReport,
} from '../port/channel.js';
import type { ChannelKind, Lang, OutboundMessage } from '../port/messages.js';
import { CaseWork } from './case-work.js';
import { notifyOwner, slotWrites, withFlag, withOptOut } from './customer-slot.js';
import type { CommandHandler, Desk } from './desk.js';
import { registerHandoverCommands } from './handover-commands.js';

/** Which channel a command came through: its texts and the medium's kind. */
export interface ChannelOrigin {
  /** The adapter's name (keys `channel_texts`). */
  channel: string;
  medium: ChannelKind;
  provider: string;
}

/** Opt-out / opt-in / help, from the customer's own words or (opt-out) from the provider (a carrier's report). */
export interface PreferencePayload extends ChannelOrigin {
  kind: PreferenceRequest['kind'];
  address: string;
  source: 'customer' | 'provider';
  text?: string;
  providerMessageId?: string;
  lang?: Lang;
  /** The provider's code for an opt-out it reported. */
  code?: string;
}

const EVENT_TEXT = {
  opt_out: (p: { text?: string; channel: string }, byProvider: string | null) =>
    byProvider
      ? `the provider reports the customer's address unsubscribed (${byProvider}): no more ${p.channel} messages`
      : `customer wrote "${p.text?.trim()}": opted out of ${p.channel}, no more ${p.channel} messages will be sent`,
  opt_in: (p: { text?: string; channel: string }) =>
    `customer wrote "${p.text?.trim()}": opted back in to ${p.channel}`,
} as const;

/** The policy's opening hours without a closing full stop, to sit inside a sentence. */
function hoursOf(values: Record<string, unknown>, lang: Lang): string {
  const hours =
    (values.contact as { hours_text?: Record<Lang, string> } | undefined)?.hours_text?.[lang] ?? '';
  return hours.trim().replace(/[。.]+$/u, '');
}

const preference: CommandHandler = async (ctx) => {
  const payload = ctx.state.item.payload as PreferencePayload;
  const { deps } = ctx;
  const { kind } = payload;
  const byCustomer = payload.source === 'customer';
  const providerCode = byCustomer ? null : `error ${payload.code ?? 'unknown'}`;
  const at = ctx.now.toISOString();
  const identity = identityOf(payload.medium, payload.address);
  const conv = ctx.session?.conversationId;
  const kase = ctx.case && isActive(ctx.case.status) ? ctx.case : null;
  const lang: Lang = ctx.profile?.lang ?? ctx.session?.lang ?? payload.lang ?? 'zh';
  const tags = { ...(conv ? { conv } : {}), ...(kase ? { case: kase.ref } : {}) };
  const transcript: TranscriptEntry[] = [];
  const effects: Effect[] = [];
  const writes: SlotWrite[] = [];
  const { text } = payload;

  if (byCustomer) {
    transcript.push({
      at,
      kind: 'in',
      channel: payload.medium,
      text: text ?? '',
      ...tags,
      meta: { providerMessageId: payload.providerMessageId, preference: kind },
    });
  }

  const deliveries = deps.deliveries;
  const channelKind = payload.medium;
  const changed =
    kind === 'help' ? false : await deliveries.setOptOut(channelKind, payload.address, kind === 'opt_out');
  const template = deps.bundle.bot.channel_texts[payload.channel]?.[kind];
  const values = deps.services.templateValues(lang);
  const answer =
    byCustomer && template && (kind !== 'opt_out' || changed)
      ? interpolate(template[lang], {
          lang,
          slots: {},
          vars: values,
          extra: { hours: hoursOf(values, lang) },
        })
      : null;

  let answerNow: string | null = null;
  let queued: string | null = null;
  if (answer && kind === 'opt_out') {
    answerNow = answer;
  } else if (answer) {
    queued = `${ctx.state.item.id}-reply`;
    const message: OutboundMessage = {
      id: queued,
      channel: channelKind,
      provider: payload.provider,
      to: payload.address,
      lang,
      text: answer,
      customerId: ctx.state.customerId,
      ...(kase ? { caseRef: kase.ref } : {}),
      author: 'system',
      createdAt: at,
    };
    effects.push({ type: 'send', message });
  }
  if (answer) {
    transcript.push({
      at,
      kind: 'out',
      channel: channelKind,
      text: answer,
      ...tags,
      author: 'system',
      meta: { preference: kind, ...(queued ? { messageId: queued } : { via: 'inline' }) },
    });
  }

  if (kind !== 'help' && (changed || !byCustomer)) {
    const line = EVENT_TEXT[kind]({ channel: payload.channel, ...(text ? { text } : {}) }, providerCode);
    transcript.push({
      at,
      kind: 'event',
      text: line,
      ...tags,
      meta: {
        event: kind === 'opt_out' ? `${payload.channel}_opted_out` : `${payload.channel}_opted_in`,
        source: byCustomer ? 'customer' : 'provider',
      },
    });
    if (kase) {
      writes.push(slotWrites.case({ ...withFlag(kase, 'opted_out', kind === 'opt_out'), updatedAt: at }));
      effects.push(notifyOwner(kase, `case ${kase.ref}: ${line}`));
    }
    if (ctx.profile) writes.push(slotWrites.profile(withOptOut(ctx.profile, identity, kind === 'opt_out')));
  }

  await ctx.run(effects);
  writes.push(...slotWrites.transcript(transcript));
  const result: PreferenceResult = { kind, changed, answerNow };
  return { result, writes };
};

const transfer: CommandHandler = async (ctx) => {
  const payload = ctx.state.item.payload as TransferReport;
  if (!ctx.case) return { result: { skipped: 'no case' }, writes: [] };
  const work = new CaseWork(ctx, ctx.case);
  if (payload.outcome === 'dialing') {
    work.event(
      'call_transferred',
      `call put through to the support line${payload.target ? ` ${payload.target}` : ''}; case reference ${ctx.case.ref} announced to whoever answers`,
      { callSid: payload.callId, ...(payload.target ? { target: payload.target } : {}) },
    );
  } else {
    work.event(
      'call_transfer_answered',
      `the support line took the call${payload.durationSeconds ? ` (${payload.durationSeconds} s)` : ''}`,
      { callSid: payload.callId, ...(payload.durationSeconds ? { duration: payload.durationSeconds } : {}) },
    );
  }
  return work.finish({ ref: ctx.case.ref });
};

const callback: CommandHandler = async (ctx) => {
  const payload = ctx.state.item.payload as CallbackRequest;
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
  work.case = withFlag(work.case, 'callback_requested');
  const text = interpolate(deps.bundle.bot.texts.callback_promise[payload.lang], {
    lang: payload.lang,
    slots: {},
    vars: {},
    extra: { deadline: deps.services.formatDeadline(due, payload.lang), ref: kase.ref },
  });
  work.event(
    'callback_requested',
    `caller asked for a person (${payload.reason}); callback promised by ${due.toISOString()}`,
    { callSid: payload.callId, reason: payload.reason, due: due.toISOString() },
  );
  work.effects.push(
    notifyOwner(
      work.case,
      `case ${kase.ref}: call back the customer by ${due.toISOString()} (${payload.reason})`,
    ),
  );
  // A call cannot take a message later: CaseWork sends it on the medium that can.
  work.send(text, 'system', `${ctx.state.item.id}-later`);
  const result: CallbackResult = { ref: kase.ref, text, due: due.toISOString() };
  return work.finish(result);
};

const hangUp: CommandHandler = async (ctx) => {
  const payload = ctx.state.item.payload as { callId: string; reason: string };
  const kase = ctx.case && isActive(ctx.case.status) ? ctx.case : null;
  if (!kase) return { result: { skipped: 'no open case' }, writes: [] };
  const work = new CaseWork(ctx, kase);
  work.event(
    'call_ended',
    `the call ended with a question open (${payload.reason}); the next contact carries on`,
    {
      callSid: payload.callId,
    },
  );
  return work.finish({ ref: kase.ref });
};

/** The channel-neutral work-item kinds, one line each. */
export function registerChannelCommands(desk: Desk): void {
  desk
    .register('channel.preference', preference)
    .register('channel.callback', callback)
    .register('channel.transfer', transfer)
    .register('channel.hang_up', hangUp);
  registerHandoverCommands(desk);
}
