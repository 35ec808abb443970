/**
 * Preventive visits and visits that did not happen, in the customer's inbox:
 * - `timer.visit_invite`: ahead of a contract's planned visit (定期维护, 巡检) the bot opens a visit case
 *   and asks the customer, on their own channel, for a window (the same questions as on-site dispatch);
 *   the next planned visit is scheduled at once.
 * - `staff.absent`: the engineer found nobody (plan 2 (3)): the case is flagged for the next visit, the
 *   appointment is dropped (no reminder for it) and the bot offers the next working half-days.
 * - `visit.finding`: an inspection found a hidden risk (隐患) that needs a repair: a fault case opens at
 *   once, in the onsite queue, and the customer is told its reference and deadline.
 */
import { DateTime } from 'luxon';
import { createContractStore } from '../cases/contract-store.js';
import { transition } from '../cases/lifecycle.js';
import { escalateCase, openCase } from '../cases/operations.js';
import type { Case, CustomerProfile } from '../cases/types.js';
import { createVisitPlanStore, type VisitPlan } from '../cases/visit-plan.js';
import { newProfile } from '../engine/engine.js';
import { SupportError } from '../errors.js';
import { contractStatus, contractSummary } from '../policy/contracts.js';
import { localDate } from '../policy/dates.js';
import { offerWindows, visitDates } from '../policy/visit-schedule.js';
import { CaseWork } from './case-work.js';
import { visitInvite, visitKey } from './contract-commands.js';
import type { CommandContext, CommandHandler } from './desk.js';
import { assertMayAct, type StaffActor } from './staff-commands.js';

export const VISIT_FLOW = 'preventive_visit';
export const REBOOK_FLOW = 'rebook_visit';

/** "12月2日(周三) 09:00–12:00" / "Wed 2 Dec, 09:00–12:00". */
export function formatWindow(ctx: CommandContext, window: { start: string; end: string }, lang: 'zh' | 'en') {
  const { services } = ctx.deps;
  const end = DateTime.fromISO(window.end, { zone: services.timezone }).toFormat('HH:mm');
  return `${services.formatDeadline(new Date(window.start), lang)}–${end}`;
}

/** What plans the visit: a contract, or a visit plan for a customer's product. */
async function visitSource(ctx: CommandContext, number: string) {
  const { redis, keyPrefix } = ctx.deps;
  const contract = await createContractStore(redis, keyPrefix).get(number);
  if (contract) return { source: contract, contract };
  const plan = await createVisitPlanStore(redis, keyPrefix).get(number);
  return plan ? { source: plan, contract: null } : null;
}

export const visitInviteTimer: CommandHandler = async (ctx) => {
  const { ref: number, key } = ctx.state.item.payload as { ref: string; key: string };
  const { services } = ctx.deps;
  const found = await visitSource(ctx, number);
  const today = localDate(ctx.now, services.timezone);
  const source = found?.source;
  const date = source && visitDates(source).find((planned) => visitKey(source, planned) === key);
  if (!found || !source || !date || contractStatus(source, today) !== 'covered') {
    return { result: { skipped: 'visit no longer planned' }, writes: [] };
  }
  const { contract } = found;
  // A contract registered again re-schedules the same invitation: one visit case per planned date.
  const earlier = await services.readCases(ctx.state.customerId, ctx.profile?.cases ?? []);
  const already = earlier.find(
    (kase) => kase.visit?.due === date && (kase.visit.contract ?? kase.visit.plan) === source.number,
  );
  if (already) return { result: { ref: already.ref, skipped: 'already invited' }, writes: [] };
  const holder = source.contacts.find((candidate) => candidate.customerId === ctx.state.customerId);
  if (!holder) return { result: { skipped: 'not the contract holder' }, writes: [] };
  const at = ctx.now.toISOString();
  const profile: CustomerProfile = ctx.profile ?? newProfile(ctx.state.customerId, holder.identity, 'zh', at);
  const ref = await services.newCaseRef(ctx.now, ctx.state.item.id);
  const opened = openCase({
    ref,
    customerId: ctx.state.customerId,
    route: { channel: holder.channel, identity: holder.identity, address: holder.address },
    lang: profile.lang,
    flow: VISIT_FLOW,
    conversationId: `visit-${ref}`,
    summary: `preventive visit due ${date} (${contract ? 'contract' : 'plan'} ${source.number})`,
    now: at,
  });
  // The plan: mark a customer who was absent last time, for the next visit.
  const absentBefore = (profile.absences ?? []).length > 0;
  const kase: Case = {
    ...transition(opened.case, 'waiting_customer', at),
    team: source.team,
    ...(contract ? { contract: contractSummary(contract) } : {}),
    visit: contract
      ? { contract: contract.number, due: date }
      : { contract: null, plan: source.number, due: date },
    flags: absentBefore ? ['absent_last_visit'] : [],
  };
  const work = new CaseWork({ ...ctx, profile: { ...profile, cases: [...profile.cases, ref] } }, kase);
  work.effects.push(...opened.effects);
  const next = visitInvite(ctx, source, date);
  if (next) work.effects.push(next);
  work.event('visit_invited', `preventive visit due ${date} (${source.number}): booking asked`, {
    source: source.number,
    due: date,
  });
  await work.runFlow(
    VISIT_FLOW,
    {
      visit_date: services.formatDate(date, profile.lang),
      ...(contract ? { contract: contract.number } : { plan: source.number }),
    },
    ctx.state.item.id,
  );
  return work.finish({ ref, due: date });
};

/** A visit plan registered for this customer's product: its first invitation is scheduled. */
export const planAttach: CommandHandler = async (ctx) => {
  const { plan } = ctx.state.item.payload as { plan: VisitPlan };
  const invite = visitInvite(ctx, plan, localDate(ctx.now, ctx.deps.services.timezone));
  await ctx.run(invite ? [invite] : []);
  return { result: { plan: plan.number, scheduled: invite ? 1 : 0 }, writes: [] };
};

export const absent: CommandHandler = async (ctx) => {
  const { staff, note } = ctx.state.item.payload as { staff: StaffActor; note?: string };
  const kase = ctx.case;
  if (!kase) throw new SupportError('SUPPORT_ERR_CASE_NOT_FOUND', `no case ${ctx.state.item.caseRef ?? ''}`);
  const appointment = kase.appointment;
  if (!appointment) throw new SupportError('SUPPORT_ERR_VALIDATION', `case ${kase.ref} has no appointment`);
  // The engineer at the door may say so, as with running late.
  if (appointment.engineer !== staff.name) assertMayAct(kase, staff);
  const { services } = ctx.deps;
  const offered = offerWindows(
    ctx.now,
    services.policy.visits.offer_windows,
    services.calendar,
    services.timezone,
  );
  const at = ctx.now.toISOString();
  const profile = ctx.profile ?? newProfile(kase.customerId, kase.route.identity, kase.lang, at);
  const work = new CaseWork(
    { ...ctx, profile: { ...profile, absences: [...(profile.absences ?? []), { ref: kase.ref, at }] } },
    kase,
  );
  work.case = {
    ...kase,
    appointment: null,
    rebook: { engineer: appointment.engineer, offered },
    missedVisits: [
      ...(kase.missedVisits ?? []),
      { engineer: appointment.engineer, window: appointment.window, at },
    ],
    flags: [...new Set([...kase.flags, 'customer_absent'])],
  };
  work.event(
    'customer_absent',
    `${staff.name}: customer not there for the visit of ${appointment.window.start}${note ? ` (${note})` : ''}`,
    { window: appointment.window },
    staff.name,
  );
  const owner = kase.owner.startsWith('staff:') ? kase.owner.slice(6) : null;
  if (owner && owner !== staff.name) {
    work.effects.push({
      type: 'notify_staff',
      ref: kase.ref,
      to: owner,
      text: `case ${kase.ref}: the customer was not there; new windows offered`,
    });
  }
  const windows = offered.map((window, n) => `${n + 1}. ${formatWindow(ctx, window, kase.lang)}`).join('\n');
  await work.runFlow(REBOOK_FLOW, { windows }, ctx.state.item.id);
  return work.finish();
};

export const finding: CommandHandler = async (ctx) => {
  const { text, index, staff } = ctx.state.item.payload as { text: string; index: number; staff: StaffActor };
  const visitCase = ctx.case;
  if (!visitCase)
    throw new SupportError('SUPPORT_ERR_CASE_NOT_FOUND', `no case ${ctx.state.item.caseRef ?? ''}`);
  const already = visitCase.record?.findings?.[index]?.faultCase;
  if (already) return { result: { ref: already }, writes: [] };
  const { services } = ctx.deps;
  const at = ctx.now.toISOString();
  const ref = await services.newCaseRef(ctx.now, ctx.state.item.id);
  const opened = openCase({
    ref,
    customerId: visitCase.customerId,
    route: visitCase.route,
    lang: visitCase.lang,
    flow: null,
    conversationId: visitCase.conversations[0] ?? `visit-${visitCase.ref}`,
    summary: `inspection finding (${visitCase.ref}): ${text}`.slice(0, 200),
    now: at,
  });
  const team = visitCase.team ?? 'onsite';
  const plan = await services.planPromise({
    team,
    priority: 'normal',
    kind: 'first_response',
    now: ctx.now,
    ...(visitCase.contract ? { targetMinutes: visitCase.contract.responseMinutes } : {}),
  });
  const base: Case = {
    ...opened.case,
    slots: { ...visitCase.slots },
    ...(visitCase.contract ? { contract: visitCase.contract } : {}),
  };
  const escalated = escalateCase(base, {
    team,
    priority: 'normal',
    reason: `hidden risk found on inspection ${visitCase.ref}: ${text}`.slice(0, 300),
    plan,
    now: at,
  });
  const profile =
    ctx.profile ?? newProfile(visitCase.customerId, visitCase.route.identity, visitCase.lang, at);
  const work = new CaseWork({ ...ctx, profile }, escalated.case);
  work.effects.push(...opened.effects, ...escalated.effects);
  work.event(
    'case_opened',
    `case ${ref} opened from inspection ${visitCase.ref} by ${staff.name}`,
    { ref },
    staff.name,
  );
  const finding = {
    finding: text,
    new_ref: ref,
    ref: visitCase.ref,
    deadline: services.formatDeadline(plan.due, visitCase.lang),
  };
  work.send(
    work.text(ctx.deps.bundle.bot.texts.finding_case, finding),
    'system',
    `${ctx.state.item.id}-finding`,
    undefined,
    undefined,
    work.notice('finding_case', finding),
  );
  const findings = (visitCase.record?.findings ?? []).map((item, n) =>
    n === index ? { ...item, faultCase: ref } : item,
  );
  const updatedVisit: Case = visitCase.record
    ? { ...visitCase, record: { ...visitCase.record, findings }, updatedAt: at }
    : visitCase;
  work.writes.push(
    ['set', `case:${visitCase.ref}`, JSON.stringify(updatedVisit)],
    ['set', 'profile', JSON.stringify({ ...profile, cases: [...profile.cases, ref], updatedAt: at })],
  );
  return work.finish({ ref });
};
