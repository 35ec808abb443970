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
import type { Case, TranscriptEntry } from '../cases/types.js';
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
import type { CommandContext, CommandHandler, Desk } from './desk.js';
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

/** What one preference command works with, and what it records. */
interface PreferenceWork {
  payload: PreferencePayload;
  byCustomer: boolean;
  at: string;
  lang: Lang;
  /** The open case the address belongs to, if any. */
  kase: Case | null;
  /** Conversation and case tags on every transcript entry. */
  tags: { conv?: string; case?: string };
  transcript: TranscriptEntry[];
  effects: Effect[];
  writes: SlotWrite[];
}

function preferenceWork(ctx: CommandContext): PreferenceWork {
  const payload = ctx.state.item.payload as PreferencePayload;
  const conv = ctx.session?.conversationId;
  const kase = ctx.case && isActive(ctx.case.status) ? ctx.case : null;
  return {
    payload,
    byCustomer: payload.source === 'customer',
    at: ctx.now.toISOString(),
    lang: ctx.profile?.lang ?? ctx.session?.lang ?? payload.lang ?? 'zh',
    kase,
    tags: { ...(conv ? { conv } : {}), ...(kase ? { case: kase.ref } : {}) },
    transcript: [],
    effects: [],
    writes: [],
  };
}

/** The channel's confirmation text for the customer's own words, when there is one to give. */
function confirmationOf(ctx: CommandContext, work: PreferenceWork, changed: boolean): string | null {
  const { payload, lang } = work;
  const template = ctx.deps.bundle.bot.channel_texts[payload.channel]?.[payload.kind];
  if (!work.byCustomer || !template || (payload.kind === 'opt_out' && !changed)) return null;
  const values = ctx.deps.services.templateValues(lang);
  return interpolate(template[lang], {
    lang,
    slots: {},
    vars: values,
    extra: { hours: hoursOf(values, lang) },
  });
}

/**
 * The opt-out confirmation is answered by the channel at once (the outbox no longer writes to the
 * address); opt-in and help answers go through the outbox. Returns the answer for the channel to give.
 */
function answer(ctx: CommandContext, work: PreferenceWork, text: string): string | null {
  const { payload, kase, at } = work;
  let queued: string | null = null;
  if (payload.kind !== 'opt_out') {
    queued = `${ctx.state.item.id}-reply`;
    const message: OutboundMessage = {
      id: queued,
      channel: payload.medium,
      provider: payload.provider,
      to: payload.address,
      lang: work.lang,
      text,
      customerId: ctx.state.customerId,
      ...(kase ? { caseRef: kase.ref } : {}),
      author: 'system',
      createdAt: at,
    };
    work.effects.push({ type: 'send', message });
  }
  work.transcript.push({
    at,
    kind: 'out',
    channel: payload.medium,
    text,
    ...work.tags,
    author: 'system',
    meta: { preference: payload.kind, ...(queued ? { messageId: queued } : { via: 'inline' }) },
  });
  return queued ? null : text;
}

/** The change on the record: an event, the open case flagged (its staff told), the profile's opt-out list. */
function recordChange(ctx: CommandContext, work: PreferenceWork): void {
  const { payload, kase, at, byCustomer } = work;
  const { kind, text } = payload;
  if (kind === 'help') return;
  const providerCode = byCustomer ? null : `error ${payload.code ?? 'unknown'}`;
  const line = EVENT_TEXT[kind]({ channel: payload.channel, ...(text ? { text } : {}) }, providerCode);
  work.transcript.push({
    at,
    kind: 'event',
    text: line,
    ...work.tags,
    meta: {
      event: kind === 'opt_out' ? `${payload.channel}_opted_out` : `${payload.channel}_opted_in`,
      source: byCustomer ? 'customer' : 'provider',
    },
  });
  if (kase) {
    work.writes.push(slotWrites.case({ ...withFlag(kase, 'opted_out', kind === 'opt_out'), updatedAt: at }));
    work.effects.push(notifyOwner(kase, `case ${kase.ref}: ${line}`));
  }
  const identity = identityOf(payload.medium, payload.address);
  if (ctx.profile)
    work.writes.push(slotWrites.profile(withOptOut(ctx.profile, identity, kind === 'opt_out')));
}

const preference: CommandHandler = async (ctx) => {
  const work = preferenceWork(ctx);
  const { payload, byCustomer, at } = work;
  const { kind } = payload;
  if (byCustomer) {
    work.transcript.push({
      at,
      kind: 'in',
      channel: payload.medium,
      text: payload.text ?? '',
      ...work.tags,
      meta: { providerMessageId: payload.providerMessageId, preference: kind },
    });
  }
  const changed =
    kind === 'help'
      ? false
      : await ctx.deps.deliveries.setOptOut(payload.medium, payload.address, kind === 'opt_out');
  const confirmation = confirmationOf(ctx, work, changed);
  const answerNow = confirmation ? answer(ctx, work, confirmation) : null;
  if (changed || !byCustomer) recordChange(ctx, work);
  await ctx.run(work.effects);
  work.writes.push(...slotWrites.transcript(work.transcript));
  const result: PreferenceResult = { kind, changed, answerNow };
  return { result, writes: work.writes };
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
