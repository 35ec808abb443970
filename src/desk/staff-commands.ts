/**
 * Staff actions on a case, run in the customer's inbox so they never interleave with the customer's
 * own messages. Permission checks (role, team, ownership) happen in the staff API before submitting;
 * these handlers enforce what depends on the case's state.
 */
import { isActive, transition } from '../cases/lifecycle.js';
import {
  escalateCase,
  isCurrentEscalation,
  openCase,
  pendingPromise,
  settlePromise,
} from '../cases/operations.js';
import { quoteAt } from '../cases/quote.js';
import type { Appointment, Case, MaintenanceRecord } from '../cases/types.js';
import { newProfile } from '../engine/engine.js';
import { newSession } from '../engine/session.js';
import { SupportError } from '../errors.js';
import type { Priority } from '../flows/schema.js';
import { CaseWork } from './case-work.js';
import { slotWrites } from './customer-slot.js';
import type { CommandContext, CommandHandler } from './desk.js';

export interface StaffActor {
  name: string;
  role: 'agent' | 'engineer' | 'supervisor';
}

function requireCase(ctx: CommandContext): Case {
  if (!ctx.case)
    throw new SupportError('SUPPORT_ERR_CASE_NOT_FOUND', `no case ${ctx.state.item.caseRef ?? ''}`.trim());
  return ctx.case;
}

function ownerName(kase: Case): string | null {
  return kase.owner.startsWith('staff:') ? kase.owner.slice(6) : null;
}

/** Only the owner (or a supervisor) acts on an owned case. */
export function assertMayAct(kase: Case, actor: StaffActor): void {
  const owner = ownerName(kase);
  if (actor.role === 'supervisor') return;
  if (owner !== actor.name) {
    throw new SupportError(
      'SUPPORT_ERR_CASE_NOT_OWNER',
      owner
        ? `case ${kase.ref} is owned by ${owner}`
        : `case ${kase.ref} is not assigned to you: claim it first`,
    );
  }
}

const coverageName = {
  warranty: { zh: '保修', en: 'warranty' },
  contract: { zh: '服务合同', en: 'service contract' },
} as const;

/** Promises a staff reply or resolution kept in time, for /metrics (`support_deadlines_total`). */
function countKept(ctx: CommandContext, before: Case, after: Case): void {
  const kept = after.promises.filter(
    (promise) =>
      promise.state === 'kept' && before.promises.find((p) => p.n === promise.n)?.state === 'pending',
  ).length;
  if (kept > 0) ctx.deps.metrics?.deadlines.inc({ outcome: 'kept' }, kept);
}

function handled(kase: Case, name: string): Case {
  return kase.handledBy.includes(name) ? kase : { ...kase, handledBy: [...kase.handledBy, name] };
}

/** A claimed escalation job: the case becomes the staff member's. */
export const claim: CommandHandler = async (ctx) => {
  const { staff, team, n } = ctx.state.item.payload as { staff: StaffActor; team: string; n: number };
  const kase = requireCase(ctx);
  if (!isCurrentEscalation(kase, team, n))
    return { result: { skipped: `case is ${kase.status} with ${kase.team}` }, writes: [] };
  const work = new CaseWork(ctx, kase);
  work.case = handled(
    { ...transition(kase, 'assigned', work.nowIso), owner: `staff:${staff.name}` },
    staff.name,
  );
  work.event('claimed', `claimed by ${staff.name}`, { staff: staff.name }, staff.name);
  return work.finish();
};

/** A staff reply, delivered in the customer's channel; it satisfies the response clock. */
export const reply: CommandHandler = async (ctx) => {
  const { staff, text, messageId } = ctx.state.item.payload as {
    staff: StaffActor;
    text: string;
    messageId: string;
  };
  const kase = requireCase(ctx);
  assertMayAct(kase, staff);
  const work = new CaseWork(ctx, kase);
  const settled = settlePromise(kase, work.nowIso);
  work.effects.push(...settled.effects);
  countKept(ctx, kase, settled.case);
  work.case = handled(
    {
      ...settled.case,
      sla: {
        ...settled.case.sla,
        firstResponseAt: settled.case.sla.firstResponseAt ?? work.nowIso,
        lastStaffReplyAt: work.nowIso,
      },
    },
    staff.name,
  );
  work.send(text, `staff:${staff.name}`, messageId);
  return work.finish({ messageId, case: work.case.ref });
};

/** An internal note: in the transcript, never sent to the customer. */
/**
 * An internal note. Not only the owner: anyone who may see the case (checked by the staff API) may add
 * one — a teammate's hint is useful — and each note keeps its author and time in the transcript.
 */
export const note: CommandHandler = async (ctx) => {
  const { staff, text } = ctx.state.item.payload as { staff: StaffActor; text: string };
  const work = new CaseWork(ctx, requireCase(ctx));
  work.note(text, staff.name);
  return work.finish();
};

/** A paid repair goes ahead only once the customer accepted its quote (plan: 经您确认后才开始有偿维修). */
function assertQuoteAccepted(kase: Case, now: Date): void {
  if (kase.warranty?.decision !== 'paid_repair') return;
  const quote = kase.quote ? quoteAt(kase.quote, now) : null;
  if (quote?.status === 'accepted') return;
  throw new SupportError(
    'SUPPORT_ERR_QUOTE_NOT_ACCEPTED',
    `case ${kase.ref} is a paid repair and ${quote ? `its quote ${quote.n} is ${quote.status}` : 'has no quote'}: send a quote and wait for the customer to accept it`,
  );
}

/** Books the on-site visit, tells the customer the window and schedules the reminder the day before. */
export const dispatch: CommandHandler = async (ctx) => {
  const { staff, engineer, window } = ctx.state.item.payload as {
    staff: StaffActor;
    engineer: string;
    window: { start: string; end: string };
  };
  const kase = requireCase(ctx);
  assertMayAct(kase, staff);
  assertQuoteAccepted(kase, ctx.now);
  const work = new CaseWork(ctx, kase);
  const appointment: Appointment = { engineer, window, bookedAt: work.nowIso };
  work.case = handled({ ...kase, appointment }, staff.name);
  const format = (iso: string) => ctx.deps.services.formatDeadline(new Date(iso), kase.lang);
  const texts = ctx.deps.bundle.bot.texts;
  const booked = { start: format(window.start), end: format(window.end), engineer, ref: kase.ref };
  work.send(
    work.text(texts.appointment_booked, booked),
    `staff:${staff.name}`,
    `${ctx.state.item.id}-booked`,
    undefined,
    undefined,
    work.notice('appointment_booked', booked),
  );
  const reminderAt = new Date(new Date(window.start).getTime() - 24 * 3600_000);
  if (reminderAt.getTime() > ctx.now.getTime()) {
    work.effects.push({
      type: 'schedule_reminder',
      ref: kase.ref,
      customerId: kase.customerId,
      at: reminderAt.toISOString(),
      key: String(new Date(window.start).getTime()),
    });
  }
  work.event(
    'dispatched',
    `on-site visit booked: ${engineer}, ${window.start} – ${window.end}`,
    { engineer, window },
    staff.name,
  );
  return work.finish();
};

/** The engineer is running late: the customer hears it before the window passes. */
export const late: CommandHandler = async (ctx) => {
  const { staff, eta } = ctx.state.item.payload as { staff: StaffActor; eta: string };
  const kase = requireCase(ctx);
  // The engineer on the way may say so themselves, even if a dispatcher owns the case.
  if (kase.appointment?.engineer !== staff.name) assertMayAct(kase, staff);
  if (!kase.appointment)
    throw new SupportError('SUPPORT_ERR_VALIDATION', `case ${kase.ref} has no appointment`);
  const work = new CaseWork(ctx, kase);
  work.case = { ...kase, appointment: { ...kase.appointment, lateEta: eta } };
  const late = { eta: ctx.deps.services.formatDeadline(new Date(eta), kase.lang), ref: kase.ref };
  work.send(
    work.text(ctx.deps.bundle.bot.texts.engineer_late, late),
    `staff:${staff.name}`,
    `${ctx.state.item.id}-late`,
    undefined,
    undefined,
    work.notice('engineer_late', late),
  );
  work.event('running_late', `engineer running late, new ETA ${eta}`, { eta }, staff.name);
  return work.finish();
};

/** The record's summary goes to the customer to confirm (or dispute), through the confirm flow if set. */
async function sendRecordSummary(
  ctx: CommandContext,
  work: CaseWork,
  kase: Case,
  staff: StaffActor,
  record: MaintenanceRecord,
): Promise<void> {
  const { deps } = ctx;
  const parts = record.partsReplaced.length
    ? record.partsReplaced
        .map(
          (part) =>
            `${part.part} (${part.coverage === 'paid' ? `${kase.lang === 'zh' ? '付费' : 'paid'} ${part.amount ?? ''}`.trim() : coverageName[part.coverage][kase.lang]})`,
        )
        .join(', ')
    : kase.lang === 'zh'
      ? '无'
      : 'none';
  const summary = work.text(deps.bundle.bot.texts.record_summary, {
    ref: kase.ref,
    reported: record.faultReported,
    found: record.faultFound,
    cause: record.cause,
    actions: record.actions,
    parts,
    engineer: record.engineer,
  });
  const confirmFlow = deps.bundle.bot.confirm_record_flow;
  const confirmation = work.notice('record_confirmation', { engineer: record.engineer });
  if (confirmFlow)
    await work.runFlow(confirmFlow, { record_summary: summary }, ctx.state.item.id, confirmation);
  else
    work.send(
      summary,
      `staff:${staff.name}`,
      `${ctx.state.item.id}-record`,
      undefined,
      undefined,
      confirmation,
    );
}

/**
 * Resolves with the maintenance record: the customer gets its summary to confirm (or dispute), and the
 * follow-up is scheduled.
 */
export const resolve: CommandHandler = async (ctx) => {
  const { staff, record } = ctx.state.item.payload as { staff: StaffActor; record: MaintenanceRecord };
  const kase = requireCase(ctx);
  // The engineer on site writes the record there, even when a dispatcher owns the case.
  if (kase.appointment?.engineer !== staff.name) assertMayAct(kase, staff);
  const work = new CaseWork(ctx, kase);
  const settled = settlePromise(kase, work.nowIso);
  work.effects.push(...settled.effects);
  countKept(ctx, kase, settled.case);
  const appointment =
    settled.case.appointment && record.arrivedAt
      ? { ...settled.case.appointment, arrivedAt: record.arrivedAt }
      : settled.case.appointment;
  work.case = handled(
    { ...transition(settled.case, 'resolved', work.nowIso), record, appointment },
    staff.name,
  );
  work.event(
    'resolved',
    `resolved by ${staff.name} (${record.kind === 'enquiry' ? 'enquiry answered' : record.mode})`,
    { mode: record.mode, ...(record.kind === 'enquiry' ? { kind: 'enquiry' } : {}) },
    staff.name,
  );
  const { deps } = ctx;
  // An enquiry was answered in the conversation: there is no record for the customer to confirm.
  if (record.kind !== 'enquiry') await sendRecordSummary(ctx, work, kase, staff, record);
  const at = new Date(ctx.now.getTime() + deps.services.followUpDelayMs).toISOString();
  work.case = { ...work.case, followUp: { scheduledFor: at } };
  work.effects.push({
    type: 'schedule_followup',
    ref: kase.ref,
    customerId: kase.customerId,
    at,
    key: ctx.state.item.id,
  });
  return work.finish();
};

async function requeue(
  ctx: CommandContext,
  kase: Case,
  team: string,
  priority: Priority,
  reason: string,
  by: string,
) {
  const work = new CaseWork(ctx, kase);
  // A case back in the queue keeps its pending promise: the customer was told a time.
  const pending = pendingPromise(kase);
  const plan = pending
    ? { due: new Date(pending.due), warnAt: new Date(pending.warnAt), openNow: true, backAt: null }
    : await ctx.deps.services.planPromise({ team, priority, kind: 'next_response', now: ctx.now });
  const escalated = escalateCase(kase, {
    team,
    priority,
    reason,
    plan,
    now: work.nowIso,
    internal: !pending,
  });
  work.case = escalated.case;
  work.effects.push(...escalated.effects);
  work.event('requeued', `${by}: back to the ${team} queue (${reason})`, { team }, by);
  return work;
}

/** Hands the case back to its team's queue. */
export const release: CommandHandler = async (ctx) => {
  const { staff, reason } = ctx.state.item.payload as { staff: StaffActor; reason?: string };
  const kase = requireCase(ctx);
  assertMayAct(kase, staff);
  const work = await requeue(
    ctx,
    kase,
    kase.team ?? 'support',
    kase.priority,
    reason ? `released by ${staff.name}: ${reason}` : `released by ${staff.name}`,
    staff.name,
  );
  return work.finish();
};

/** Supervisor: give the case to a person, or to another team's queue. */
export const reassign: CommandHandler = async (ctx) => {
  const { staff, to } = ctx.state.item.payload as {
    staff: StaffActor;
    to: { staff?: string; team?: string };
  };
  const kase = requireCase(ctx);
  if (to.staff) {
    const work = new CaseWork(ctx, kase);
    const next = transition(kase, 'assigned', work.nowIso);
    if (kase.status === 'escalated' && kase.team) {
      work.effects.push({ type: 'dequeue_escalation', ref: kase.ref, team: kase.team, n: kase.escalations });
    }
    work.case = handled({ ...next, owner: `staff:${to.staff}` }, to.staff);
    work.event('reassigned', `${staff.name} assigned the case to ${to.staff}`, { to: to.staff }, staff.name);
    work.effects.push({
      type: 'notify_staff',
      ref: kase.ref,
      to: to.staff,
      text: `${staff.name} assigned case ${kase.ref} to you`,
      kind: 'reassigned',
    });
    return work.finish();
  }
  const work = await requeue(ctx, kase, to.team!, kase.priority, `reassigned by ${staff.name}`, staff.name);
  return work.finish();
};

/**
 * A staff member writes first (e.g. an SMS to a customer who called in): a case opens owned by them,
 * waiting for the customer, and the customer's answer lands on it.
 */
export const start: CommandHandler = async (ctx) => {
  const { staff, teams, team, channel, address, identity, text, messageId, lang } = ctx.state.item
    .payload as {
    staff: StaffActor;
    /** The caller's teams: an open case of another team is not named to them. */
    teams: readonly string[];
    team: string | null;
    channel: 'sms' | 'email' | 'chat';
    address: string;
    identity: string;
    text: string;
    messageId: string;
    lang: 'zh' | 'en';
  };
  const { deps } = ctx;
  if (ctx.case && isActive(ctx.case.status)) {
    // The customer's answer would land on one case or the other: continue on the open one — named
    // only to those who may see it.
    const open = ctx.case;
    const visible =
      staff.role === 'supervisor' ||
      (open.team !== null && teams.includes(open.team)) ||
      open.owner === `staff:${staff.name}` ||
      open.handledBy.includes(staff.name);
    throw new SupportError(
      'SUPPORT_ERR_CASE_OPEN',
      visible
        ? `the customer already has open case ${open.ref}: reply on it`
        : 'the customer already has an open case with another team: ask a supervisor',
    );
  }
  const at = ctx.now.toISOString();
  const ref = await deps.services.newCaseRef(ctx.now, ctx.state.item.id);
  const profile = ctx.profile ?? newProfile(ctx.state.customerId, identity, lang, at);
  const session = ctx.session ?? newSession(identity, channel, profile.lang, at);
  const opened = openCase({
    ref,
    customerId: ctx.state.customerId,
    route: { channel, identity, address },
    lang: profile.lang,
    flow: null,
    conversationId: session.conversationId,
    summary: text.slice(0, 200),
    now: at,
  });
  const work = new CaseWork(ctx, opened.case);
  work.effects.push(...opened.effects);
  work.case = handled(
    { ...transition(opened.case, 'waiting_customer', at), owner: `staff:${staff.name}`, team },
    staff.name,
  );
  work.event('case_opened', `case ${ref} opened by ${staff.name}`, { ref }, staff.name);
  work.send(text, `staff:${staff.name}`, messageId);
  work.writes.push(
    slotWrites.session(ctx.state.item.conversation!, {
      ...session,
      flow: null,
      step: null,
      caseRef: ref,
      updatedAt: at,
    }),
    slotWrites.profile({ ...profile, cases: [...profile.cases, ref], updatedAt: at }),
  );
  return work.finish({ ref, messageId });
};
