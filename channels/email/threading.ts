/**
 * Threading: which case a mail belongs to. Our Message-IDs carry the case reference
 * (`<sr-2611-0001.k3j9…@support.example.com>`), so a reply's In-Reply-To/References (RFC 5322 §3.6.4)
 * finds the case even when the customer's client rewrote the subject; otherwise the `[SR-…]` tag in the
 * subject does, behind any number of Re:/回复:/答复:/Fwd:/转发: prefixes.
 */
import { randomBytes } from 'node:crypto';

const REF_IN_SUBJECT = /\[\s*(SR-\d{4}-\d{3,})\s*\]/i;
const REF_IN_ID = /^<?(sr-\d{4}-\d{3,})\.[a-z0-9]+@/i;
/** Reply and forward prefixes of English and Chinese clients, full-width colons included. */
const PREFIX = /^\s*(?:(?:re|fw|fwd|aw|wg|回复|答复|回覆|转发|轉寄)\s*(?:\[\d+\])?\s*[:：]\s*)+/iu;

/** The `Message-ID` values of a References / In-Reply-To header, in order. */
export function messageIdsOf(value: unknown): string[] {
  const text = Array.isArray(value) ? value.join(' ') : typeof value === 'string' ? value : '';
  return [...text.matchAll(/<[^<>\s]+>/g)].map((match) => match[0]);
}

export function caseRefInSubject(subject: string): string | null {
  return REF_IN_SUBJECT.exec(subject)?.[1]?.toUpperCase() ?? null;
}

/** The case reference one of our own Message-IDs carries. */
export function caseRefInMessageId(id: string): string | null {
  return REF_IN_ID.exec(id)?.[1]?.toUpperCase() ?? null;
}

/** The case a mail threads to: our ids in In-Reply-To/References (newest first), then the subject. */
export function threadCaseRef(input: {
  subject: string;
  inReplyTo: string[];
  references: string[];
  domain: string;
}): string | null {
  const ours = [...input.inReplyTo, ...[...input.references].reverse()].filter((id) =>
    id.toLowerCase().endsWith(`@${input.domain.toLowerCase()}>`),
  );
  for (const id of ours) {
    const ref = caseRefInMessageId(id);
    if (ref) return ref;
  }
  return caseRefInSubject(input.subject);
}

/** The subject without reply prefixes and without our tag: what the customer called it. */
export function baseSubject(subject: string): string {
  return subject
    .replace(PREFIX, '')
    .replace(REF_IN_SUBJECT, '')
    .replace(/\s{2,}/g, ' ')
    .trim();
}

/** `Re: <original> [SR-…]` (one Re:, one tag, however long the thread). */
export function replySubject(original: string, caseRef: string | undefined): string {
  const base = baseSubject(original) || 'Support';
  return caseRef ? `Re: ${base} [${caseRef}]` : `Re: ${base}`;
}

/** A fresh Message-ID of ours on the support domain, carrying the case reference when there is one. */
export function newMessageId(domain: string, caseRef: string | undefined, seed?: string): string {
  const unique = (seed ?? randomBytes(9).toString('hex')).toLowerCase().replace(/[^a-z0-9]/g, '');
  return `<${caseRef ? `${caseRef.toLowerCase()}.` : 'm.'}${unique}@${domain}>`;
}
