/**
 * Pictures the customer sent with a message (a photo of the fault), kept as links on the case. Cards,
 * the HTML copy Teams adds to every message and other inline content are not pictures and are skipped.
 */
import type { Activity } from 'botbuilder';
import type { Attachment } from '../../src/port/messages.js';

/** At most this many pictures per message are recorded. */
const MOST = 10;

export function imageAttachmentsOf(activity: Partial<Activity>): Attachment[] {
  const found: Attachment[] = [];
  for (const item of activity.attachments ?? []) {
    if (!item || typeof item !== 'object') continue;
    const { contentType, contentUrl, name } = item as {
      contentType?: unknown;
      contentUrl?: unknown;
      name?: unknown;
    };
    if (typeof contentType !== 'string' || !contentType.startsWith('image/')) continue;
    if (typeof contentUrl !== 'string' || !/^(https?:|data:image\/)/.test(contentUrl)) continue;
    // A data: URL can be megabytes: the case keeps that a picture came, not the bytes.
    const url = contentUrl.startsWith('data:') ? `data:${contentType};(inline, not kept)` : contentUrl;
    found.push({ url, contentType, ...(typeof name === 'string' ? { filename: name } : {}) });
    if (found.length >= MOST) break;
  }
  return found;
}
