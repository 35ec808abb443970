/**
 * Channel-neutral commands for what the bot must not answer but staff must see, run in the customer's
 * inbox like every other change to a customer (so a repeated report changes nothing twice):
 *
 * - `channel.undeliverable`: the provider says the customer's address cannot be reached (an email
 *   bounce). The customer's case is flagged `address_bouncing` and its staff are told; no reply.
 * - `channel.handover`: something goes to staff, not to the bot (a fax from a fax-to-email gateway,
 *   a message the channel could not read): a new case is opened straight into the team's queue with
 *   the message and its attachments; the sender gets no automatic reply, and the queue's deadline is
 *   internal (nobody was promised anything).
 */
import { escalateCase, openCase } from '../cases/operations.js';
import type { ContactRoute, CustomerProfile, TranscriptEntry } from '../cases/types.js';
import { identityOf } from '../conversation/keys.js';
import { newProfile } from '../engine/engine.js';
import type { StaffHandover, UndeliverableReport } from '../port/channel.js';
import type { ChannelKind } from '../port/messages.js';
import { CaseWork } from './case-work.js';
import { notifyOwner, slotWrites, withFlag } from './customer-slot.js';
import type { CommandHandler, Desk } from './desk.js';

/** Which channel a command came through (the same shape as channel-commands' ChannelOrigin). */
interface Origin {
  channel: string;
  medium: ChannelKind;
  provider: string;
}

const undeliverable: CommandHandler = async (ctx) => {
  const payload = ctx.state.item.payload as UndeliverableReport & Origin;
  const line = `${payload.channel} to ${payload.address} cannot be delivered: ${payload.reason}${payload.code ? ` (${payload.code})` : ''}`;
  const kase = ctx.case;
  if (!kase) {
    // No case to flag: the team still hears of it (staff may have written to a wrong address).
    await ctx.run([{ type: 'notify_staff', ref: '', to: 'team:support', text: line }]);
    const entry: TranscriptEntry = {
      at: ctx.now.toISOString(),
      kind: 'event',
      text: line,
      meta: { event: 'address_bouncing', providerId: payload.providerId },
    };
    return { result: { ref: null }, writes: slotWrites.transcript([entry]) };
  }
  const work = new CaseWork(ctx, withFlag(kase, 'address_bouncing'));
  work.event('address_bouncing', line, {
    providerId: payload.providerId,
    address: payload.address,
    ...(payload.code ? { code: payload.code } : {}),
  });
  work.effects.push(notifyOwner(work.case, `case ${kase.ref}: ${line}`, 'delivery_failed'));
  return work.finish({ ref: kase.ref });
};

const handover: CommandHandler = async (ctx) => {
  const payload = ctx.state.item.payload as StaffHandover & Origin & { address: string };
  const { deps } = ctx;
  const at = ctx.now.toISOString();
  const identity = identityOf(payload.medium, payload.address);
  const route: ContactRoute = {
    channel: payload.medium,
    provider: payload.provider,
    identity,
    address: payload.address,
  };
  const lang = ctx.profile?.lang ?? 'zh';
  const ref = await deps.services.newCaseRef(ctx.now, `${ctx.state.item.id}-case`);
  const opened = openCase({
    ref,
    customerId: ctx.state.customerId,
    route,
    lang,
    flow: null,
    conversationId: `handover-${payload.providerId}`,
    summary: `${payload.reason}: ${payload.summary}`.slice(0, 200),
    now: at,
  });
  const team = payload.team ?? 'support';
  const plan = await deps.services.planPromise({
    team,
    priority: 'normal',
    kind: 'first_response',
    now: ctx.now,
  });
  const escalated = escalateCase(opened.case, {
    team,
    priority: 'normal',
    reason: `${payload.reason}: ${payload.summary}`.slice(0, 200),
    plan,
    now: at,
    internal: true,
  });
  const work = new CaseWork(ctx, escalated.case);
  work.effects.push(...opened.effects, ...escalated.effects);
  work.transcript.push({
    at,
    kind: 'in',
    channel: payload.medium,
    text: payload.text ?? payload.summary,
    case: ref,
    meta: {
      providerMessageId: payload.providerId,
      handover: payload.reason,
      ...(payload.attachments?.length ? { attachments: payload.attachments } : {}),
    },
  });
  work.event('handed_to_staff', `${payload.reason}: ${payload.summary}`, { reason: payload.reason });
  work.effects.push(notifyOwner(work.case, `case ${ref}: ${payload.reason} — ${payload.summary}`));
  const profile: CustomerProfile = ctx.profile ?? newProfile(ctx.state.customerId, identity, lang, at);
  work.writes.push(slotWrites.profile({ ...profile, cases: [...profile.cases, ref], updatedAt: at }));
  return work.finish({ ref });
};

export function registerHandoverCommands(desk: Desk): void {
  desk.register('channel.undeliverable', undeliverable).register('channel.handover', handover);
}
