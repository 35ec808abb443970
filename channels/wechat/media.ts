/**
 * Pictures, voice notes and videos a customer sends are downloaded through the media API while the
 * message is received (WeChat keeps them only three days) and kept in the app's file store (on disk,
 * never in Redis), where signed-in staff open them from the case, as the email channel keeps
 * attachments. What cannot be fetched in time, or is over a cap, is recorded on the case as not kept,
 * with its media id and the reason.
 */
import type { ChannelFiles } from '../../src/port/channel.js';
import type { Attachment } from '../../src/port/messages.js';
import type { WechatApi } from './api.js';

/** Larger files are not downloaded (the file store caps what it keeps on top). */
export const MEDIA_MAX_BYTES = 5 * 1024 * 1024;
/** The webhook must answer within 5 s: a download gets part of that. */
const DOWNLOAD_BUDGET_MS = 2500;

const EXTENSIONS: Record<string, string> = { image: 'jpg', voice: 'amr', video: 'mp4', shortvideo: 'mp4' };

/** Downloads one media file and keeps it in the file store; the attachment as the case records it. */
export async function keepMedia(options: {
  api: WechatApi;
  files: ChannelFiles;
  /** The sender's address on the channel: the file is theirs (erased with them). */
  address: string;
  /** The media API path (`/cgi-bin/media/get`, `/cgi-bin/media/get` on WeCom). */
  path: string;
  mediaId: string;
  kind: string;
  /** The message's own id: the file's key derives from it, so a retry keeps (and fetches) it once. */
  messageId: string;
}): Promise<Attachment> {
  const key = `wechat\0${options.messageId}\0${options.mediaId}`;
  const filename = `${options.kind}-${options.messageId}.${EXTENSIONS[options.kind] ?? 'bin'}`;
  const kept = await options.files.find(options.address, key);
  if (kept) return kept;
  try {
    const media = await Promise.race([
      options.api.download(options.path, { media_id: options.mediaId }, MEDIA_MAX_BYTES),
      new Promise<never>((_, reject) =>
        setTimeout(() => reject(new Error('download took too long')), DOWNLOAD_BUDGET_MS).unref(),
      ),
    ]);
    return await options.files.keep(options.address, {
      key,
      filename: media.filename ?? filename,
      contentType: media.contentType,
      content: media.content,
    });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { url: `not-kept:${options.kind} ${options.mediaId} (${reason.slice(0, 120)})`, filename };
  }
}
