/**
 * Email never loops (docs/channels/email.md): mail a robot sent — an auto-reply, a vacation notice, a bulk or list
 * mail, a bounce, our own mail, a no-reply sender — is recorded and moved, never answered. Pure: it
 * looks at headers and the sender only.
 */
import { domainToASCII } from 'node:url';

export type Robot =
  | { kind: 'bounce'; reason: string }
  | { kind: 'auto'; reason: string }
  | { kind: 'own'; reason: string }
  | { kind: 'no_reply'; reason: string };

/** Sender local parts that never read replies. */
const NO_REPLY =
  /^(?:no-?reply|do-?not-?reply|donotreply|noreply-.*|.*-noreply|mailer-daemon|postmaster|bounces?)(?:[+.-].*)?@/i;

export interface GuardInput {
  /** Lower-case header names → values, as mailparser gives them. */
  headers: ReadonlyMap<string, unknown>;
  /** The sender's bare address, lower case. */
  from: string | null;
  /** Our own address (SUPPORT_EMAIL_FROM), lower case. */
  ownAddress: string;
  contentType: string;
}

function header(headers: ReadonlyMap<string, unknown>, name: string): string | null {
  const value = headers.get(name);
  if (value === undefined || value === null) return null;
  if (typeof value === 'string') return value;
  if (typeof value === 'object' && 'value' in (value as object))
    return String((value as { value: unknown }).value);
  return String(value);
}

/**
 * One mailbox however it is written: case, a sub-address (`support+loop@`), a quoted local part,
 * full-width or other compatible characters, an internationalised or dot-ended domain. Null for what
 * is not an address.
 */
export function mailboxOf(address: string): string | null {
  const bare = address.trim().replace(/^<|>$/g, '').normalize('NFKC');
  const at = bare.lastIndexOf('@');
  if (at <= 0 || at === bare.length - 1) return null;
  const local = bare
    .slice(0, at)
    .replace(/^"(.*)"$/, '$1')
    .toLowerCase()
    .replace(/\+.*$/, '');
  const domain = domainToASCII(bare.slice(at + 1).replace(/\.+$/, ''));
  if (!local || !domain) return null;
  return `${local}@${domain}`;
}

/** Whether a sender is our own address in any spelling (never answered: a reply would loop). */
export function isOwnAddress(from: string, ownAddress: string): boolean {
  const mine = mailboxOf(ownAddress);
  return mine !== null && mailboxOf(from) === mine;
}

/** Why this mail must not be answered, or null for a person writing to us. */
export function robotOf(input: GuardInput): Robot | null {
  const { headers } = input;
  // RFC 3464 delivery status notifications (and RFC 3798 read receipts) come as multipart/report.
  if (/^multipart\/report\b/i.test(input.contentType)) return { kind: 'bounce', reason: 'multipart/report' };
  if (input.from && isOwnAddress(input.from, input.ownAddress))
    return { kind: 'own', reason: 'from our own address' };
  // RFC 3834 §5: anything but "no" means a machine sent it.
  const auto = header(headers, 'auto-submitted');
  if (
    auto &&
    auto
      .trim()
      .toLowerCase()
      .split(/[\s;(]/)[0] !== 'no'
  )
    return { kind: 'auto', reason: `Auto-Submitted: ${auto.trim()}` };
  const precedence = header(headers, 'precedence');
  if (precedence && /^(?:bulk|junk|list|auto_reply)$/i.test(precedence.trim()))
    return { kind: 'auto', reason: `Precedence: ${precedence.trim()}` };
  for (const name of ['x-autoreply', 'x-autorespond', 'x-auto-response-suppress']) {
    const value = header(headers, name);
    if (value !== null) return { kind: 'auto', reason: `${name}: ${value.trim()}` };
  }
  if (input.from && NO_REPLY.test(input.from)) return { kind: 'no_reply', reason: 'no-reply sender' };
  return null;
}

/** A bounce's facts from its delivery-status part (RFC 3464): whose address failed and why. */
export interface Bounce {
  recipients: string[];
  status: string | null;
  diagnostic: string | null;
  /** The Message-ID of the mail that bounced (ours, if we sent it). */
  originalMessageId: string | null;
}

export function bounceOf(raw: string): Bounce {
  const recipients = [...raw.matchAll(/^Final-Recipient:\s*rfc822;\s*<?([^\s<>]+@[^\s<>]+)>?/gim)].map(
    (match) => match[1]!.toLowerCase(),
  );
  const status = /^Status:\s*([245]\.\d{1,3}\.\d{1,3})/im.exec(raw)?.[1] ?? null;
  const diagnostic = /^Diagnostic-Code:\s*(.+)$/im.exec(raw)?.[1]?.trim() ?? null;
  // The returned headers follow the delivery-status part; the bounce's own Message-ID precedes it.
  const returned = raw.search(/^Content-Type:\s*(?:text\/rfc822-headers|message\/rfc822)/im);
  const originalMessageId =
    returned >= 0 ? (/^Message-ID:\s*(<[^>]+>)/im.exec(raw.slice(returned))?.[1] ?? null) : null;
  return { recipients: [...new Set(recipients)], status, diagnostic, originalMessageId };
}
