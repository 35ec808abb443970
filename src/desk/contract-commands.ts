/**
 * Service contracts in a customer's inbox: `contract.attach` (a contract registered for this customer:
 * remembered on the profile, its renewal reminder and first preventive visit scheduled) and
 * `timer.renewal` (30 days before the end: staff are reminded, and the customer is told at their next
 * contact). Timers re-read the contract, so one ended early or renewed since does nothing.
 */
import { DateTime } from 'luxon';
import { createContractStore } from '../cases/contract-store.js';
import type { Effect } from '../cases/effects.js';
import type { CustomerProfile } from '../cases/types.js';
import { newProfile } from '../engine/engine.js';
import type { Contract } from '../policy/contract.js';
import {
  contractStatus,
  contractSummary,
  lastCoveredDay,
  renewalDay,
  renewalNotice,
} from '../policy/contracts.js';
import { addDays, type IsoDate, localDate } from '../policy/dates.js';
import { nextVisit } from '../policy/visit-schedule.js';
import type { CommandContext, CommandHandler } from './desk.js';

/** Contract timers fire at the start of the working day, never in the past. */
export function morningOf(day: IsoDate, timezone: string, now: Date): string {
  const at = DateTime.fromISO(day, { zone: timezone }).set({ hour: 9 }).toJSDate();
  return (at.getTime() < now.getTime() ? now : at).toISOString();
}

export function renewalKey(contract: Contract): string {
  return `${contract.number}-${lastCoveredDay(contract)}`;
}

/** Anything that plans visits: a contract, or a visit plan for a customer's product. */
export type VisitSource = Pick<Contract, 'number' | 'start' | 'end' | 'endedEarly' | 'visits'>;

export function visitKey(contract: VisitSource, date: IsoDate): string {
  return `${contract.number}-${date}`;
}

/** The invitation for the first planned visit whose booking time has not passed. */
export function visitInvite(ctx: CommandContext, contract: VisitSource, after: IsoDate): Effect | null {
  const { policy, timezone } = ctx.deps.services;
  const date = nextVisit(contract, after);
  if (!date) return null;
  return {
    type: 'schedule_timer',
    kind: 'visit_invite',
    ref: contract.number,
    customerId: ctx.state.customerId,
    at: morningOf(addDays(date, -policy.visits.invite_days_before), timezone, ctx.now),
    key: visitKey(contract, date),
  };
}

export const attach: CommandHandler = async (ctx) => {
  const { contract, identity, primary } = ctx.state.item.payload as {
    contract: Contract;
    identity: string;
    primary: boolean;
  };
  const { policy, timezone } = ctx.deps.services;
  const at = ctx.now.toISOString();
  const today = localDate(ctx.now, timezone);
  const profile: CustomerProfile = ctx.profile ?? newProfile(ctx.state.customerId, identity, 'zh', at);
  const contracts = [
    ...(profile.contracts ?? []).filter((held) => held.number !== contract.number),
    contractSummary(contract),
  ];
  // A renewed (or shortened) contract makes an earlier renewal notice wrong: drop it.
  const notices = (profile.notices ?? []).filter(
    (notice) =>
      !notice.id.startsWith(`renewal-${contract.number}-`) ||
      notice.id === `renewal-${contract.number}-${lastCoveredDay(contract)}`,
  );
  const effects: Effect[] = [];
  const status = contractStatus(contract, today);
  // Reminders and visits go once per contract, through its primary contact.
  if (primary && (status === 'covered' || status === 'not_started')) {
    effects.push({
      type: 'schedule_timer',
      kind: 'renewal',
      ref: contract.number,
      customerId: ctx.state.customerId,
      at: morningOf(renewalDay(contract, policy.service_contracts.renewal_notice_days), timezone, ctx.now),
      key: renewalKey(contract),
    });
    const invite = visitInvite(ctx, contract, today);
    if (invite) effects.push(invite);
  }
  await ctx.run(effects);
  return {
    result: { contract: contract.number, customerId: ctx.state.customerId, scheduled: effects.length },
    writes: [['set', 'profile', JSON.stringify({ ...profile, contracts, notices, updatedAt: at })]],
  };
};

export const renewal: CommandHandler = async (ctx) => {
  const { ref, key } = ctx.state.item.payload as { ref: string; key: string };
  const store = createContractStore(ctx.deps.redis, ctx.deps.keyPrefix);
  const contract = await store.get(ref);
  const today = localDate(ctx.now, ctx.deps.services.timezone);
  if (!contract || renewalKey(contract) !== key || contractStatus(contract, today) !== 'covered') {
    return { result: { skipped: 'contract changed' }, writes: [] };
  }
  const end = lastCoveredDay(contract);
  await ctx.run([
    {
      type: 'notify_staff',
      ref: contract.number,
      to: 'team:support',
      text: `contract ${contract.number} (${contract.customer.name}) ends on ${end}: offer the renewal`,
    },
  ]);
  const profile = ctx.profile;
  if (!profile) return { result: { notified: 'staff' }, writes: [] };
  const id = `renewal-${contract.number}-${end}`;
  const notices = [
    ...(profile.notices ?? []).filter((notice) => notice.id !== id),
    { id, text: renewalNotice(contract, ctx.deps.services.policy) },
  ];
  return {
    result: { notified: 'staff', notice: id },
    writes: [['set', 'profile', JSON.stringify({ ...profile, notices, updatedAt: ctx.now.toISOString() })]],
  };
};
