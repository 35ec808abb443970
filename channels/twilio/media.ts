/**
 * MMS media: Twilio sends `NumMedia` and, per item, `MediaUrlN` and `MediaContentTypeN` (N from 0, at
 * most 10). They become attachments of the inbound message, so the URLs are kept on the case's
 * transcript; the files themselves stay at Twilio (fetching them needs the account's Basic auth).
 */
import type { Attachment } from '../../src/port/messages.js';

/** Twilio accepts at most 10 media per message. */
export const MAX_MEDIA = 10;

export function mediaAttachments(params: Record<string, unknown>): Attachment[] {
  const attachments: Attachment[] = [];
  for (let n = 0; n < MAX_MEDIA; n++) {
    const url = params[`MediaUrl${n}`];
    if (typeof url !== 'string' || url.trim() === '') continue;
    const contentType = params[`MediaContentType${n}`];
    attachments.push({
      url: url.trim(),
      ...(typeof contentType === 'string' && contentType ? { contentType } : {}),
    });
  }
  return attachments;
}
