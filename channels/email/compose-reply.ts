/**
 * One outbox message as an email: `From: SUPPORT_EMAIL_FROM`, subject `Re: <original> [SR-…]` (or the
 * message's own title, `维护记录单 [SR-…]`, for a mail that answers nothing), our own
 * Message-ID on the support domain (derived from the outbox id, so a retried send keeps it and the
 * customer's client shows one mail), In-Reply-To and References carried (RFC 5322 §3.6.4),
 * `Auto-Submitted` on what the bot or the system wrote (RFC 3834 §5; staff replies are a person's),
 * `List-Unsubscribe` (RFC 2369) and a text part with a simple HTML part. Pure: no I/O.
 */
import { createHash } from 'node:crypto';
import type { OutboundMessage } from '../../src/port/messages.js';
import { newMessageId, replySubject } from './threading.js';

export interface ComposedMail {
  from: string;
  to: string;
  subject: string;
  messageId: string;
  inReplyTo?: string;
  references?: string[];
  headers: Record<string, string>;
  text: string;
  html: string;
}

interface ReplyContext {
  subject?: string;
  /** A mail that answers nothing (the maintenance record staff send): its own subject, not `Re:`. */
  title?: string;
  messageId?: string;
  references?: string[];
}

function replyContextOf(message: OutboundMessage): ReplyContext {
  const raw = message.replyContext ?? {};
  return {
    ...(typeof raw.subject === 'string' ? { subject: raw.subject } : {}),
    ...(typeof raw.title === 'string' ? { title: raw.title } : {}),
    ...(typeof raw.messageId === 'string' ? { messageId: raw.messageId } : {}),
    ...(Array.isArray(raw.references)
      ? { references: raw.references.filter((id): id is string => typeof id === 'string') }
      : {}),
  };
}

const escapeHtml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Paragraphs as <p>, line breaks kept: a numbered list of questions reads the same in both parts. */
export function htmlOf(text: string, lang: OutboundMessage['lang']): string {
  const paragraphs = text
    .split(/\n{2,}/)
    .map((block) => `<p>${escapeHtml(block).replace(/\n/g, '<br>\n')}</p>`)
    .join('\n');
  return `<!DOCTYPE html>\n<html lang="${lang === 'zh' ? 'zh-CN' : 'en'}"><head><meta charset="utf-8"></head>\n<body style="font-family:sans-serif;line-height:1.5">\n${paragraphs}\n</body></html>`;
}

export function composeReply(
  message: OutboundMessage,
  input: { from: string; fromAddress: string; domain: string; defaultSubject: string; footer: string },
): ComposedMail {
  const context = replyContextOf(message);
  const seed = createHash('sha256').update(message.id).digest('hex').slice(0, 20);
  const subject = context.subject
    ? replySubject(context.subject, message.caseRef)
    : `${context.title ?? input.defaultSubject}${message.caseRef ? ` [${message.caseRef}]` : ''}`;
  const references = [...(context.references ?? [])];
  if (context.messageId && !references.includes(context.messageId)) references.push(context.messageId);
  const automatic = !message.author.startsWith('staff:');
  const body = input.footer ? `${message.text}\n\n--\n${input.footer}` : message.text;
  return {
    from: input.from,
    to: message.to,
    subject,
    messageId: newMessageId(input.domain, message.caseRef, seed),
    ...(context.messageId ? { inReplyTo: context.messageId } : {}),
    ...(references.length ? { references } : {}),
    headers: {
      ...(automatic
        ? { 'Auto-Submitted': message.author === 'bot' ? 'auto-replied' : 'auto-generated' }
        : {}),
      // Outlook/Exchange: do not answer our automatic mail with an out-of-office of their own.
      ...(automatic ? { 'X-Auto-Response-Suppress': 'All' } : {}),
      'List-Unsubscribe': `<mailto:${input.fromAddress}?subject=unsubscribe>`,
    },
    text: body,
    html: htmlOf(body, message.lang),
  };
}
