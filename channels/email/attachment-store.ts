/**
 * Attachments of a mail (photos of the fault, invoices) are kept in the app's file store (on disk
 * under FILES_DIR, never in Redis; src/port/channel.ts `ChannelFiles`), under the sender, so erasing the
 * customer erases them and staff open them signed in to the console. Each attachment and each mail is
 * capped here (EMAIL_*_MAX_BYTES), and the file store caps what one sender may have kept a day; what is
 * not kept is recorded on the case as "not kept" with its name, type, size and the reason. A file's key
 * is the mail's id and the attachment's place, so a mail read again (after a crash before it was moved)
 * keeps each attachment once.
 */
import type { ChannelFiles } from '../../src/port/channel.js';
import type { Attachment } from '../../src/port/messages.js';
import type { MailPart } from './read-mail.js';

export interface AttachmentCaps {
  perAttachment: number;
  perMail: number;
}

/** Keeps what fits the caps; returns every attachment as the case records it. */
export async function keepAttachments(
  files: ChannelFiles,
  from: string,
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
    kept.push(
      await files.keep(from, {
        key: `mail\0${mailId}\0${n}`,
        filename: part.filename,
        contentType: part.contentType,
        content: part.content,
      }),
    );
  }
  return kept;
}
