/**
 * A raw mail (RFC 5322 bytes, as IMAP hands it over) read into what intake needs: the sender, the
 * subject, the text (HTML-only mail turned into text by mailparser), the threading ids and the
 * attachments. mailparser decodes every charset iconv-lite knows, RFC 2047 encoded-words split over
 * several words, and treats a GB2312 label as GBK, so mislabelled Chinese mail survives.
 */
import { createHash } from 'node:crypto';
import { type ParsedMail, simpleParser } from 'mailparser';
import { bareAddress } from './settings.js';
import { messageIdsOf } from './threading.js';

export interface MailPart {
  filename: string;
  contentType: string;
  size: number;
  content: Buffer;
}

export interface IncomingMail {
  /** The Message-ID, or `<sha256-…@raw>` of the raw bytes when it has none: the dedupe key. */
  id: string;
  /** The sender's bare address (lower case), or null when none can be read. */
  from: string | null;
  subject: string;
  /** The whole text body (quoted history included). */
  text: string;
  inReplyTo: string[];
  references: string[];
  headers: ReadonlyMap<string, unknown>;
  contentType: string;
  attachments: MailPart[];
}

export function rawDigestId(raw: Buffer): string {
  return `<sha256-${createHash('sha256').update(raw).digest('hex').slice(0, 40)}@raw>`;
}

function senderOf(parsed: ParsedMail): string | null {
  // Reply-To wins over From only when From is a mailing-list or gateway address we cannot answer.
  const from = parsed.from?.value.find((entry) => entry.address)?.address;
  return from ? bareAddress(from) : null;
}

function contentTypeOf(parsed: ParsedMail): string {
  const value = parsed.headers.get('content-type') as { value?: string } | string | undefined;
  if (!value) return 'text/plain';
  return typeof value === 'string' ? value : (value.value ?? 'text/plain');
}

export async function readMail(raw: Buffer): Promise<IncomingMail> {
  const parsed = await simpleParser(raw, { skipImageLinks: true, skipTextToHtml: true });
  const messageId = messageIdsOf(parsed.messageId ?? '')[0];
  return {
    id: messageId ?? rawDigestId(raw),
    from: senderOf(parsed),
    subject: (parsed.subject ?? '').replace(/\s+/g, ' ').trim(),
    text: parsed.text ?? '',
    inReplyTo: messageIdsOf(parsed.inReplyTo),
    references: messageIdsOf(parsed.references),
    headers: parsed.headers,
    contentType: contentTypeOf(parsed),
    attachments: parsed.attachments
      .filter((part) => part.contentDisposition !== 'inline' || !part.contentType.startsWith('text/'))
      .map((part) => ({
        filename: part.filename ?? 'attachment',
        contentType: part.contentType,
        size: part.size,
        content: part.content,
      })),
  };
}
