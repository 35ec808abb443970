/**
 * Pictures, voice notes and videos a customer sends are downloaded through the media API while the
 * message is received (WeChat keeps them only three days) and kept in the channel's store, so every app
 * process can show them to staff at an unguessable URL, as the email channel keeps attachments. What
 * cannot be fetched in time, or is over the cap, is recorded on the case as not kept, with its media id.
 */
import { createHash } from 'node:crypto';
import type { ChannelStore } from '../../src/port/channel.js';
import type { Attachment } from '../../src/port/messages.js';
import type { WechatApi } from './api.js';

/** Larger files are not kept in Redis. */
export const MEDIA_MAX_BYTES = 5 * 1024 * 1024;
/** The webhook must answer within 5 s: a download gets part of that. */
const DOWNLOAD_BUDGET_MS = 2500;
const KEEP_SECONDS = 400 * 24 * 3600;

interface Stored {
  contentType: string;
  filename: string;
  base64: string;
}

const EXTENSIONS: Record<string, string> = { image: 'jpg', voice: 'amr', video: 'mp4', shortvideo: 'mp4' };

/** Downloads one media file and keeps it; the attachment as the case records it. */
export async function keepMedia(options: {
  api: WechatApi;
  store: ChannelStore;
  /** The media API path (`/cgi-bin/media/get`, `/cgi-bin/media/get` on WeCom). */
  path: string;
  mediaId: string;
  kind: string;
  /** The message's own id: the stored file's id derives from it, so a retry stores it once. */
  messageId: string;
  /** Where the channel serves kept files. */
  servePath: string;
}): Promise<Attachment> {
  const id = createHash('sha256')
    .update(`${options.messageId}\0${options.mediaId}`)
    .digest('hex')
    .slice(0, 32);
  const filename = `${options.kind}-${options.messageId}.${EXTENSIONS[options.kind] ?? 'bin'}`;
  const kept = await options.store.get<Stored>(`media:${id}`);
  if (kept)
    return { url: `${options.servePath}/${id}`, contentType: kept.contentType, filename: kept.filename };
  try {
    const media = await Promise.race([
      options.api.download(options.path, { media_id: options.mediaId }, MEDIA_MAX_BYTES),
      new Promise<never>((_, reject) =>
        setTimeout(() => reject(new Error('download took too long')), DOWNLOAD_BUDGET_MS).unref(),
      ),
    ]);
    const stored: Stored = {
      contentType: media.contentType,
      filename: media.filename ?? filename,
      base64: media.content.toString('base64'),
    };
    await options.store.set(`media:${id}`, stored, KEEP_SECONDS);
    return {
      url: `${options.servePath}/${id}`,
      contentType: stored.contentType,
      filename: stored.filename,
      size: media.content.length,
    };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { url: `not-kept:${options.kind} ${options.mediaId} (${reason.slice(0, 120)})`, filename };
  }
}

export async function loadMedia(store: ChannelStore, id: string) {
  if (!/^[0-9a-f]{32}$/.test(id)) return null;
  const stored = await store.get<Stored>(`media:${id}`);
  return stored
    ? {
        contentType: stored.contentType,
        filename: stored.filename,
        content: Buffer.from(stored.base64, 'base64'),
      }
    : null;
}
