/**
 * `staff.email_record`: sends the case's maintenance record to the customer by email, through the
 * outbox like every reply (retries, delivery reports, the sent-once guard), whatever channel the case
 * runs on. Who may do it (anyone who may see the case) and where to (the customer's email identity, or
 * an address staff typed) are decided by the caller; the case's timeline records who sent it where.
 */
import type { Case } from '../cases/types.js';
import { SupportError } from '../errors.js';
import type { OutboundMessage } from '../port/messages.js';
import { CaseWork } from './case-work.js';
import type { CommandHandler } from './desk.js';
import { recordMail } from './record-mail.js';
import type { StaffActor } from './staff-commands.js';

export interface EmailRecordPayload {
  staff: StaffActor;
  to: string;
  /** Doubles as the outbox message id: one request, one mail. */
  messageId: string;
}

/** The address the customer wrote from by email, if they did: the record goes there by default. */
export function customerEmailOf(kase: Case, identities: readonly string[] = []): string | null {
  for (const route of [kase.route, kase.origin]) if (route.channel === 'email') return route.address;
  const identity = identities.find((id) => id.startsWith('email:'));
  return identity ? identity.slice('email:'.length) : null;
}

export const emailRecord: CommandHandler = async (ctx) => {
  const { staff, to, messageId } = ctx.state.item.payload as EmailRecordPayload;
  const kase = ctx.case;
  if (!kase)
    throw new SupportError('SUPPORT_ERR_CASE_NOT_FOUND', `no case ${ctx.state.item.caseRef ?? ''}`.trim());
  if (!kase.record)
    throw new SupportError('SUPPORT_ERR_VALIDATION', `case ${kase.ref} has no maintenance record yet`);
  const format = (iso: string) => ctx.deps.services.formatDeadline(new Date(iso), kase.lang);
  const mail = recordMail(kase, kase.record, kase.lang, format);
  const work = new CaseWork(ctx, kase);
  const message: OutboundMessage = {
    id: messageId,
    channel: 'email',
    to,
    lang: kase.lang,
    text: mail.text,
    caseRef: kase.ref,
    customerId: kase.customerId,
    // A new mail, not an answer in the customer's thread: its own subject (the channel adds the tag).
    replyContext: { title: mail.subject },
    author: `staff:${staff.name}`,
    createdAt: work.nowIso,
  };
  work.effects.push({ type: 'send', message });
  work.event('record_emailed', `record emailed by ${staff.name} to ${to}`, { to, messageId }, staff.name);
  return work.finish();
};
