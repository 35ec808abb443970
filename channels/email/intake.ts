/**
 * One mail in: read it, keep robots and bounces out of the conversation, hand faxes to staff, thread
 * it to its case, strip quoted history, and record it through the desk. Returns where the mail goes
 * next; the reader moves it there only after this resolved (recorded before moved). An error thrown
 * from here means "not recorded, try again" (Redis unreachable): the mail stays in the inbox.
 */
import type { ChannelContext } from '../../src/port/channel.js';
import type { Attachment } from '../../src/port/messages.js';
import { keepAttachments } from './attachment-store.js';
import { bounceOf, robotOf } from './loop-guard.js';
import { newTextOf } from './quote-rules.js';
import { type IncomingMail, rawDigestId, readMail } from './read-mail.js';
import { type EmailSettings, maskAddress } from './settings.js';
import { caseRefInSubject, threadCaseRef } from './threading.js';

export type Disposition = { to: 'processed'; what: string } | { to: 'quarantine'; reason: string };

/** The customer's own unsubscribe words, as a whole subject or a whole new text (RFC 2369 mailto). */
const UNSUBSCRIBE = /^\s*(?:unsubscribe|退订|取消订阅)\s*$/i;
/** …and the way back in. */
const SUBSCRIBE = /^\s*(?:subscribe|订阅|重新订阅)\s*$/i;

function isFax(from: string, settings: EmailSettings): boolean {
  const domain = `@${from.split('@')[1] ?? ''}`;
  return settings.faxSenders.some((entry) => entry === from || entry === domain);
}

/** What the engine reads: the new text, and for a new thread the subject too (often the fault itself). */
function textFor(mail: IncomingMail, isReply: boolean): string {
  const fresh = newTextOf(mail.text);
  if (isReply || !mail.subject) return fresh;
  return fresh ? `${mail.subject}\n${fresh}` : mail.subject;
}

/** What every log line of one mail carries: its id and the masked sender. */
type MailLog = { channel: 'email'; messageId: string; from: string | null };

/** A bounce: each failed address is flagged on its case and the original message marked failed. */
async function recordBounce(raw: Buffer, mail: IncomingMail, context: ChannelContext, log: MailLog) {
  const bounce = bounceOf(raw.toString('latin1'));
  for (const address of bounce.recipients) {
    await context.reportUndeliverable({
      address,
      providerId: mail.id,
      reason: bounce.diagnostic ?? 'the mail bounced',
      ...(bounce.status ? { code: bounce.status } : {}),
    });
  }
  if (bounce.originalMessageId) {
    await context.deliveryReport({
      providerId: bounce.originalMessageId,
      state: 'failed',
      status: 'bounced',
      ...(bounce.status ? { code: bounce.status } : {}),
    });
  }
  context.logger.info(
    { ...log, recipients: bounce.recipients.map(maskAddress), status: bounce.status },
    'email bounce recorded, not answered',
  );
  context.metrics?.inbound.inc({ channel: 'email', result: 'bounce' });
}

/** Bounces and automatic mail are never answered (no loops); null for a mail from a person. */
async function keepRobotsOut(
  raw: Buffer,
  mail: IncomingMail & { from: string },
  context: ChannelContext,
  settings: EmailSettings,
  log: MailLog,
): Promise<Disposition | null> {
  const robot = robotOf({
    headers: mail.headers,
    from: mail.from,
    ownAddress: settings.fromAddress,
    contentType: mail.contentType,
  });
  if (robot?.kind === 'bounce') {
    await recordBounce(raw, mail, context, log);
    return { to: 'processed', what: 'bounce' };
  }
  if (!robot) return null;
  context.logger.info({ ...log, robot: robot.kind, reason: robot.reason }, 'automatic email not answered');
  context.metrics?.inbound.inc({ channel: 'email', result: 'automatic' });
  return { to: 'processed', what: robot.kind };
}

/** The customer's own unsubscribe or subscribe mail: recorded as a preference, not a conversation. */
async function recordPreference(
  mail: IncomingMail & { from: string },
  context: ChannelContext,
  log: MailLog,
): Promise<Disposition | null> {
  const said = (words: RegExp) => words.test(newTextOf(mail.text)) || words.test(mail.subject);
  const kind = said(UNSUBSCRIBE) ? 'opt_out' : said(SUBSCRIBE) ? 'opt_in' : null;
  if (!kind) return null;
  const what = kind === 'opt_out' ? 'unsubscribe' : 'subscribe';
  await context.preference({ kind, address: mail.from, text: what, providerMessageId: mail.id });
  context.logger.info(log, `email ${what} recorded`);
  return { to: 'processed', what };
}

/** A customer's mail: threaded to its case (subject reference, then Message-IDs) and recorded. */
async function recordMessage(
  mail: IncomingMail & { from: string },
  attachments: Attachment[],
  context: ChannelContext,
  settings: EmailSettings,
  log: MailLog,
): Promise<Disposition> {
  const isReply = mail.inReplyTo.length > 0 || /^\s*(?:re|回复|答复)\s*[:：]/iu.test(mail.subject);
  const caseRef = threadCaseRef({
    subject: mail.subject,
    inReplyTo: mail.inReplyTo,
    references: mail.references,
    domain: settings.domain,
  });
  // Our reply carries the thread on: the customer's id last, at most ten ids (RFC 5322 §3.6.4 allows trimming).
  const thread = [...mail.references.filter((id) => id !== mail.id), mail.id].slice(-10);
  const result = await context.receive({
    channel: 'email',
    providerMessageId: mail.id,
    from: mail.from,
    to: settings.fromAddress,
    text: textFor(mail, isReply),
    ...(attachments.length ? { attachments } : {}),
    receivedAt: context.clock.now(),
    ...(mail.references.length || mail.inReplyTo.length
      ? { threadHint: [...mail.inReplyTo, ...mail.references].join(' ') }
      : {}),
    ...(caseRef ? { caseRefHint: caseRef } : {}),
    ...(!caseRef && !isReply ? { newThread: true } : {}),
    replyContext: { subject: mail.subject, messageId: mail.id, references: thread },
  });
  const threadedBy = caseRef
    ? caseRefInSubject(mail.subject) === caseRef
      ? 'subject'
      : 'message-id'
    : 'sender';
  context.logger.info(
    { ...log, caseRef: result.case?.ref ?? caseRef, duplicate: result.duplicate, threadedBy },
    result.duplicate ? 'email already recorded (repeated delivery)' : 'email recorded',
  );
  return { to: 'processed', what: 'message' };
}

export async function takeIn(
  raw: Buffer,
  context: ChannelContext,
  settings: EmailSettings,
): Promise<Disposition> {
  const { logger } = context;
  let mail: IncomingMail;
  try {
    mail = await readMail(raw);
  } catch (error) {
    logger.warn(
      { channel: 'email', id: rawDigestId(raw), err: String(error) },
      'email could not be parsed: quarantined',
    );
    return { to: 'quarantine', reason: `unparseable: ${String(error).slice(0, 200)}` };
  }
  const log: MailLog = {
    channel: 'email',
    messageId: mail.id,
    from: mail.from ? maskAddress(mail.from) : null,
  };
  if (!mail.from) {
    logger.warn(log, 'email without a readable sender: quarantined');
    return { to: 'quarantine', reason: 'no readable sender address' };
  }
  const fromPerson = { ...mail, from: mail.from };
  const robots = await keepRobotsOut(raw, fromPerson, context, settings, log);
  if (robots) return robots;
  const attachments = await keepAttachments(context.files, mail.from, mail.id, mail.attachments, {
    perAttachment: settings.attachmentMaxBytes,
    perMail: settings.mailAttachmentsMaxBytes,
  });
  if (isFax(mail.from, settings)) {
    const { ref } = await context.handToStaff({
      reason: 'fax',
      providerId: mail.id,
      address: mail.from,
      summary: mail.subject || 'fax',
      text: newTextOf(mail.text) || mail.subject,
      attachments,
    });
    logger.info(
      { ...log, caseRef: ref, attachments: attachments.length },
      'fax received: case for staff, no reply',
    );
    return { to: 'processed', what: 'fax' };
  }
  return (
    (await recordPreference(fromPerson, context, log)) ??
    (await recordMessage(fromPerson, attachments, context, settings, log))
  );
}
