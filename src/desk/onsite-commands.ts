/**
 * The engineer on site and the supervisor watching the bot, as desk commands in the customer's inbox:
 * - `staff.take_over`: a person takes a conversation from the bot; the bot's running questions stop,
 *   and the customer is told, in their language on their channel, who has it now;
 * - `staff.onsite`: the engineer says they arrived, or finished, and the time is recorded;
 * - `staff.attach`: a photo taken on site goes on the case as a note with its attachment;
 * - `staff.confirm_code` / `staff.confirm_onsite`: the customer confirms the maintenance record in
 *   front of the engineer, by signing on the screen or reading out a code texted to them (客户予以确认).
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { transition } from '../cases/lifecycle.js';
import type { Case } from '../cases/types.js';
import { conversationKeyOf } from '../conversation/keys.js';
import type { Session } from '../engine/session.js';
import { SupportError } from '../errors.js';
import type { Attachment } from '../port/messages.js';
import { CaseWork } from './case-work.js';
import { slotKeys, slotWrites } from './customer-slot.js';
import type { CommandContext, CommandHandler } from './desk.js';
import { assertMayAct, type StaffActor } from './staff-commands.js';

/** A texted code is good for this long, and for this many wrong tries. */
export const CODE_VALID_MS = 30 * 60_000;
export const CODE_TRIES = 5;

function requireCase(ctx: CommandContext): Case {
  if (!ctx.case)
    throw new SupportError('SUPPORT_ERR_CASE_NOT_FOUND', `no case ${ctx.state.item.caseRef ?? ''}`.trim());
  return ctx.case;
}

/** The engineer booked on the visit acts on it even when a dispatcher owns the case. */
function assertOnSite(kase: Case, staff: StaffActor): void {
  if (kase.appointment?.engineer === staff.name || kase.record?.engineer === staff.name) return;
  assertMayAct(kase, staff);
}

const codeHash = (ref: string, code: string) =>
  createHash('sha256').update(`${ref}\n${code.trim()}`).digest('hex');

/** Ends the bot's questions on the customer's conversation (all of them, or only those of one flow). */
async function endQuestions(ctx: CommandContext, work: CaseWork, kase: Case, onlyFlow?: string) {
  const conversation = conversationKeyOf(kase.route.identity);
  const stored = await ctx.deps.redis.get(
    `${ctx.deps.keys.customer(kase.customerId)}${slotKeys.session(conversation)}`,
  );
  if (!stored) return;
  const session = JSON.parse(stored) as Session;
  if (onlyFlow !== undefined && session.flow !== onlyFlow) return;
  work.writes.push(
    slotWrites.session(conversation, {
      ...session,
      flow: null,
      step: null,
      stack: [],
      retries: 0,
      updatedAt: work.nowIso,
    }),
  );
}

/** A supervisor takes a conversation from the bot. */
export const takeOver: CommandHandler = async (ctx) => {
  const { staff } = ctx.state.item.payload as { staff: StaffActor };
  const kase = requireCase(ctx);
  if (kase.owner !== 'bot' || (kase.status !== 'open' && kase.status !== 'waiting_customer')) {
    throw new SupportError(
      'SUPPORT_ERR_CASE_TRANSITION',
      `case ${kase.ref} is no longer with the bot (${kase.status}, ${kase.owner})`,
    );
  }
  const work = new CaseWork(ctx, kase);
  work.case = {
    ...transition(kase, 'assigned', work.nowIso),
    owner: `staff:${staff.name}`,
    team: kase.team ?? 'support',
    handledBy: kase.handledBy.includes(staff.name) ? kase.handledBy : [...kase.handledBy, staff.name],
  };
  // The bot's question in progress ends: the customer's next message goes to the person.
  await endQuestions(ctx, work, kase);
  work.send(
    work.text(ctx.deps.bundle.bot.texts.staff_took_over, { staff: staff.name, ref: kase.ref }),
    `staff:${staff.name}`,
    `${ctx.state.item.id}-took-over`,
  );
  work.event('taken_over', `${staff.name} took the conversation over from the bot`, {}, staff.name);
  return work.finish();
};

/** Arrived or finished on site: the time goes on the appointment (the record form starts from it). */
export const onSite: CommandHandler = async (ctx) => {
  const { staff, step } = ctx.state.item.payload as { staff: StaffActor; step: 'arrived' | 'finished' };
  const kase = requireCase(ctx);
  assertOnSite(kase, staff);
  if (!kase.appointment)
    throw new SupportError('SUPPORT_ERR_VALIDATION', `case ${kase.ref} has no appointment`);
  if (step === 'finished' && !kase.appointment.arrivedAt)
    throw new SupportError('SUPPORT_ERR_VALIDATION', 'say you arrived before saying you finished');
  const work = new CaseWork(ctx, kase);
  const field = step === 'arrived' ? 'arrivedAt' : 'finishedAt';
  work.case = { ...kase, appointment: { ...kase.appointment, [field]: work.nowIso } };
  work.event(`onsite_${step}`, `${staff.name} ${step} on site`, { at: work.nowIso }, staff.name);
  return work.finish();
};

/** A photo taken on site, on the case as a note carrying the attachment. */
export const attach: CommandHandler = async (ctx) => {
  const { staff, attachment, text } = ctx.state.item.payload as {
    staff: StaffActor;
    attachment: Attachment;
    text: string;
  };
  const kase = requireCase(ctx);
  const work = new CaseWork(ctx, kase);
  work.transcript.push({
    at: work.nowIso,
    kind: 'note',
    text,
    case: kase.ref,
    author: staff.name,
    meta: { attachments: [attachment] },
  });
  return work.finish();
};

function requireRecord(kase: Case) {
  if (!kase.record)
    throw new SupportError('SUPPORT_ERR_VALIDATION', `case ${kase.ref} has no maintenance record to confirm`);
  return kase.record;
}

/** Texts the customer a code to read out to the engineer. */
export const confirmCode: CommandHandler = async (ctx) => {
  const { staff, code } = ctx.state.item.payload as { staff: StaffActor; code: string };
  const kase = requireCase(ctx);
  assertOnSite(kase, staff);
  requireRecord(kase);
  const work = new CaseWork(ctx, kase);
  work.case = { ...kase, onSiteCode: { hash: codeHash(kase.ref, code), sentAt: work.nowIso, tries: 0 } };
  work.send(
    work.text(ctx.deps.bundle.bot.texts.onsite_confirm_code, { code, ref: kase.ref }),
    'system',
    `${ctx.state.item.id}-code`,
  );
  work.event('onsite_code_sent', `confirmation code sent to the customer for ${staff.name}`, {}, staff.name);
  return work.finish();
};

function codeMatches(ctx: CommandContext, kase: Case, code: string | undefined): boolean {
  const sent = kase.onSiteCode;
  if (!sent || !code) return false;
  if (ctx.now.getTime() - Date.parse(sent.sentAt) > CODE_VALID_MS || sent.tries >= CODE_TRIES) return false;
  return timingSafeEqual(Buffer.from(sent.hash, 'hex'), Buffer.from(codeHash(kase.ref, code), 'hex'));
}

/** The customer confirms on the spot: a signature drawn on the screen, or the code they were texted. */
export const confirmOnSite: CommandHandler = async (ctx) => {
  const { staff, method, code, signature } = ctx.state.item.payload as {
    staff: StaffActor;
    method: 'signature' | 'code';
    code?: string;
    signature?: string;
  };
  const kase = requireCase(ctx);
  assertOnSite(kase, staff);
  const record = requireRecord(kase);
  const work = new CaseWork(ctx, kase);
  if (method === 'code' && !codeMatches(ctx, kase, code)) {
    // A wrong try is counted (and kept): guessing is cut off after a few.
    if (kase.onSiteCode)
      work.case = { ...kase, onSiteCode: { ...kase.onSiteCode, tries: kase.onSiteCode.tries + 1 } };
    work.event('onsite_code_wrong', `a wrong confirmation code was typed by ${staff.name}`, {}, staff.name);
    return { ...(await work.finish({ confirmed: false })) };
  }
  const onSite = { method, engineer: staff.name, ...(signature ? { signature } : {}) };
  const confirmed: Case = {
    ...kase,
    record: { ...record, confirmation: { state: 'confirmed', at: work.nowIso, onSite } },
  };
  delete confirmed.onSiteCode;
  work.case = confirmed.status === 'resolved' ? transition(confirmed, 'closed', work.nowIso) : confirmed;
  // Confirmed in person: the bot no longer waits for the customer's answer to the record.
  const confirmFlow = ctx.deps.bundle.bot.confirm_record_flow;
  if (confirmFlow) await endQuestions(ctx, work, kase, confirmFlow);
  work.event('record_confirmed', `maintenance record confirmed on site (${method})`, { method }, staff.name);
  return work.finish({ confirmed: true });
};
