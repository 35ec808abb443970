/**
 * A channel's view of the file store (src/port/channel.ts `ChannelFiles`): files are kept under the
 * sender's identity, so erasing the customer erases them, and the case records a link staff open in the
 * console (`/console/files/<id>`). What is not kept is recorded with the reason.
 */
import { identityOf } from '../conversation/keys.js';
import type { FileStore, StoredFile } from '../files/store.js';
import type { ChannelFiles } from '../port/channel.js';
import type { Attachment, ChannelKind } from '../port/messages.js';

/** Where signed-in staff open a kept file. */
export const FILES_PATH = '/console/files';

const attachmentOf = (file: StoredFile): Attachment => ({
  url: `${FILES_PATH}/${file.id}`,
  contentType: file.contentType,
  filename: file.filename,
  size: file.size,
});

export function channelFiles(files: FileStore | undefined, kind: ChannelKind): ChannelFiles {
  return {
    async keep(address, file) {
      if (!files) return { url: 'not-kept:no file store', filename: file.filename };
      const result = await files.keep(identityOf(kind, address), file);
      if ('refused' in result)
        return {
          url: `not-kept:${result.refused}`,
          filename: file.filename,
          contentType: file.contentType,
          size: file.content.length,
        };
      return attachmentOf(result.kept);
    },
    async find(address, key) {
      const found = await files?.find(identityOf(kind, address), key);
      return found ? attachmentOf(found) : null;
    },
  };
}
