/**
 * Attachments kept on the case (photos of the fault, invoices) are stored in Redis through the
 * channel's store, so every app process can serve them to staff — no shared disk, no object store to
 * run. Redis holds them in memory, so each attachment and each mail is capped (EMAIL_*_MAX_BYTES);
 * larger ones are recorded on the case as "not kept" with their name, type and size. They are served at
 * an unguessable URL (`/channels/email/attachments/<id>`): the id is a hash of the mail's id, the
 * attachment's place and its bytes, so it cannot be guessed without the file itself, and a mail read
 * again (after a crash before it was moved) stores each attachment once.
 */
import { createHash } from 'node:crypto';
import type { ChannelStore } from '../../src/port/channel.js';
import type { Attachment } from '../../src/port/messages.js';
import type { MailPart } from './read-mail.js';

export const ATTACHMENT_PATH = '/channels/email/attachments';

interface Stored {
  filename: string;
  contentType: string;
  base64: string;
}

export interface AttachmentCaps {
  perAttachment: number;
  perMail: number;
}

/** Keeps what fits the caps; returns every attachment as the case records it. */
export async function keepAttachments(
  store: ChannelStore,
  mailId: string,
  parts: readonly MailPart[],
  caps: AttachmentCaps,
): Promise<Attachment[]> {
  let total = 0;
  const kept: Attachment[] = [];
  for (const [n, part] of parts.entries()) {
    const described = { contentType: part.contentType, filename: part.filename, size: part.size };
    const tooBig = part.size > caps.perAttachment;
    if (tooBig || total + part.size > caps.perMail) {
      kept.push({
        ...described,
        url: `not-kept:${tooBig ? 'larger than the attachment cap' : 'over the per-mail cap'}`,
      });
      continue;
    }
    total += part.size;
    const id = createHash('sha256')
      .update(`${mailId}\0${n}\0`)
      .update(part.content)
      .digest('hex')
      .slice(0, 32);
    const stored: Stored = {
      filename: part.filename,
      contentType: part.contentType,
      base64: part.content.toString('base64'),
    };
    await store.set(`att:${id}`, stored);
    kept.push({ ...described, url: `${ATTACHMENT_PATH}/${id}` });
  }
  return kept;
}

export async function loadAttachment(
  store: ChannelStore,
  id: string,
): Promise<{ filename: string; contentType: string; content: Buffer } | null> {
  if (!/^[0-9a-f]{32}$/.test(id)) return null;
  const stored = await store.get<Stored>(`att:${id}`);
  return stored
    ? {
        filename: stored.filename,
        contentType: stored.contentType,
        content: Buffer.from(stored.base64, 'base64'),
      }
    : null;
}
