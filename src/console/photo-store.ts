/**
 * Photos and signatures taken in the console go where the case's other files are: the file store on
 * disk (src/files/store.ts), under the customer's identity — so erasing the customer erases them and the
 * record's retention purges them — and are opened by signed-in staff at `/console/files/<id>`. Only
 * pictures are taken, told by their bytes, not by what the browser claims.
 */
import { createHash } from 'node:crypto';
import type { Case } from '../cases/types.js';
import { FILES_PATH } from '../desk/channel-files.js';
import { SupportError } from '../errors.js';
import type { Attachment } from '../port/messages.js';
import type { Runtime } from '../runtime.js';

const PICTURES: Array<{ type: string; test: (b: Buffer) => boolean }> = [
  { type: 'image/jpeg', test: (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  { type: 'image/png', test: (b) => b.subarray(0, 8).equals(Buffer.from('89504e470d0a1a0a', 'hex')) },
  { type: 'image/gif', test: (b) => b.subarray(0, 4).toString('latin1') === 'GIF8' },
  {
    type: 'image/webp',
    test: (b) =>
      b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WEBP',
  },
  {
    type: 'image/heic',
    test: (b) =>
      b.subarray(4, 8).toString('latin1') === 'ftyp' &&
      /^(heic|heix|mif1|msf1)$/.test(b.subarray(8, 12).toString('latin1')),
  },
];

export function pictureType(bytes: Buffer): string | null {
  return PICTURES.find((picture) => picture.test(bytes))?.type ?? null;
}

/** Keeps a picture with the case's customer; the attachment the case records. */
export async function keepPicture(
  runtime: Runtime,
  kase: Case,
  bytes: Buffer,
  kind: 'photo' | 'signature',
): Promise<Attachment> {
  const contentType = pictureType(bytes);
  if (!contentType)
    throw new SupportError('SUPPORT_ERR_VALIDATION', 'file: not a picture (JPEG, PNG, WebP, GIF or HEIC)');
  const files = runtime.desk.deps.files;
  if (!files) throw new SupportError('SUPPORT_ERR_VALIDATION', 'file: this installation keeps no files');
  const digest = createHash('sha256').update(bytes).digest('hex').slice(0, 32);
  const extension = contentType.slice(6).replace('jpeg', 'jpg');
  const result = await files.keep(kase.route.identity, {
    key: `console-${kind}-${kase.ref}-${digest}`,
    filename: `${kase.ref}-${kind}-${digest.slice(0, 8)}.${extension}`,
    contentType,
    content: bytes,
  });
  if ('refused' in result)
    throw new SupportError('SUPPORT_ERR_VALIDATION', `file: not kept (${result.refused})`);
  const kept = result.kept;
  return { url: `${FILES_PATH}/${kept.id}`, contentType, filename: kept.filename, size: kept.size };
}
