/**
 * Photos and signatures taken in the console, kept in Redis beside the channels' attachments, so every
 * app process serves them (no shared disk). The id is the sha256 of the bytes: unguessable without the
 * picture, and the same photo sent twice is stored once. Only pictures are taken, told by their bytes,
 * not by what the browser claims.
 */
import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';
import { SupportError } from '../errors.js';

export const ATTACHMENT_PATH = '/console/attachments';

const SIGNATURES: Array<{ type: string; test: (b: Buffer) => boolean }> = [
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
  return SIGNATURES.find((signature) => signature.test(bytes))?.type ?? null;
}

export interface StoredPicture {
  id: string;
  url: string;
  contentType: string;
  size: number;
}

export function createPhotoStore(redis: Redis, prefix: string) {
  const key = (id: string) => `${prefix}:console:att:${id}`;
  return {
    async save(bytes: Buffer): Promise<StoredPicture> {
      const contentType = pictureType(bytes);
      if (!contentType)
        throw new SupportError(
          'SUPPORT_ERR_VALIDATION',
          'file: not a picture (JPEG, PNG, WebP, GIF or HEIC)',
        );
      const id = createHash('sha256').update(bytes).digest('hex').slice(0, 32);
      await redis.hset(key(id), { type: contentType, data: bytes });
      return { id, url: `${ATTACHMENT_PATH}/${id}`, contentType, size: bytes.length };
    },
    async get(id: string): Promise<{ contentType: string; bytes: Buffer } | null> {
      if (!/^[0-9a-f]{32}$/.test(id)) return null;
      const [type, data] = await redis.hmgetBuffer(key(id), 'type', 'data');
      return type && data ? { contentType: type.toString(), bytes: data } : null;
    },
  };
}
