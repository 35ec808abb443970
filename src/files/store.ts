/**
 * Customers' files (photos of a fault, invoices, voice notes) on disk, not in Redis: under FILES_DIR
 * (`./data/files`), one folder per customer identity, each file beside a small JSON description. A
 * file's id names its folder and derives from what the channel calls it (a mail's id and the part's
 * place, a message's media id), so a message read again after a crash keeps its file once.
 *
 * What a sender may make us keep is capped per file and per day (bytes and files, counted in Redis so
 * every process counts together). The stored type is what the bytes are, not what the sender claimed:
 * a known signature (JPEG, PNG, GIF, WebP, PDF, AMR, MP4) or `application/octet-stream`. Files are
 * served to signed-in staff only (src/console/routes/files.ts); erasing a customer removes their
 * folder, and files older than RETENTION_DAYS are removed with the record's purge.
 */
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Redis } from 'ioredis';

export interface FileCaps {
  /** Largest file kept (bytes). */
  perFile: number;
  /** Bytes one sender may have kept a day. */
  perSenderDayBytes: number;
  /** Files one sender may have kept a day. */
  perSenderDayFiles: number;
}

export interface StoredFile {
  id: string;
  filename: string;
  /** What the bytes are (checked), not what the sender said. */
  contentType: string;
  /** What the sender said it was. */
  declaredType: string;
  size: number;
  createdAt: string;
}

export type KeepResult = { kept: StoredFile } | { refused: string };

/** A file id: the owner's folder and the file's own hash. */
export const FILE_ID = /^[0-9a-f]{24}-[0-9a-f]{32}$/;

const hash = (value: string, length: number) =>
  createHash('sha256').update(value).digest('hex').slice(0, length);

/** What the bytes are, by their signature; anything else is served as a download of unknown type. */
export function sniffType(content: Buffer): string {
  const ascii = (from: number, to: number) => content.subarray(from, to).toString('latin1');
  if (content[0] === 0xff && content[1] === 0xd8 && content[2] === 0xff) return 'image/jpeg';
  if (content.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])))
    return 'image/png';
  if (ascii(0, 6) === 'GIF87a' || ascii(0, 6) === 'GIF89a') return 'image/gif';
  if (ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') return 'image/webp';
  if (ascii(0, 5) === '%PDF-') return 'application/pdf';
  if (ascii(0, 6) === '#!AMR\n') return 'audio/amr';
  if (ascii(4, 8) === 'ftyp') return 'video/mp4';
  return 'application/octet-stream';
}

export interface FileStoreOptions {
  root: string;
  redis: Redis;
  prefix: string;
  caps: FileCaps;
  now: () => Date;
}

export class FileStore {
  constructor(private readonly options: FileStoreOptions) {}

  /** The folder of an owner (a customer identity such as `email:li@example.cn`). */
  ownerFolder(owner: string): string {
    return hash(`owner\0${owner}`, 24);
  }

  idOf(owner: string, key: string): string {
    return `${this.ownerFolder(owner)}-${hash(`file\0${key}`, 32)}`;
  }

  private pathsOf(id: string) {
    const [folder = '', name = ''] = id.split('-');
    const dir = join(this.options.root, folder);
    return { dir, data: join(dir, name), meta: join(dir, `${name}.json`) };
  }

  /** The file kept under this owner and key, if it was kept before. */
  async find(owner: string, key: string): Promise<StoredFile | null> {
    return this.describe(this.idOf(owner, key));
  }

  async describe(id: string): Promise<StoredFile | null> {
    if (!FILE_ID.test(id)) return null;
    try {
      return JSON.parse(await readFile(this.pathsOf(id).meta, 'utf8')) as StoredFile;
    } catch {
      return null;
    }
  }

  async read(id: string): Promise<{ file: StoredFile; content: Buffer } | null> {
    const file = await this.describe(id);
    if (!file) return null;
    try {
      return { file, content: await readFile(this.pathsOf(id).data) };
    } catch {
      return null;
    }
  }

  /** Keeps a file for an owner, within the caps; a file kept before under the same key is returned. */
  async keep(
    owner: string,
    input: { key: string; filename: string; contentType: string; content: Buffer },
  ): Promise<KeepResult> {
    const { caps } = this.options;
    const before = await this.find(owner, input.key);
    if (before) return { kept: before };
    if (input.content.length > caps.perFile) return { refused: `larger than ${caps.perFile} bytes` };
    const refusal = await this.takeQuota(owner, input.content.length);
    if (refusal) return { refused: refusal };
    const id = this.idOf(owner, input.key);
    const file: StoredFile = {
      id,
      filename: input.filename.replace(/[\r\n"\\/]/g, '_').slice(0, 200) || 'file',
      contentType: sniffType(input.content),
      declaredType: input.contentType.slice(0, 100),
      size: input.content.length,
      createdAt: this.options.now().toISOString(),
    };
    const paths = this.pathsOf(id);
    await mkdir(paths.dir, { recursive: true });
    // Written under a temporary name and renamed: a crash never leaves half a file under its id.
    const partial = `${paths.data}.${process.pid}.part`;
    await writeFile(partial, input.content);
    await rename(partial, paths.data);
    await writeFile(`${paths.meta}.${process.pid}.part`, JSON.stringify(file));
    await rename(`${paths.meta}.${process.pid}.part`, paths.meta);
    return { kept: file };
  }

  /** Counts a file against the owner's day; the reason when it would go over. */
  private async takeQuota(owner: string, bytes: number): Promise<string | null> {
    const { redis, prefix, caps } = this.options;
    const day = this.options.now().toISOString().slice(0, 10);
    const key = `${prefix}:files:quota:${this.ownerFolder(owner)}:${day}`;
    const replies = await redis
      .multi()
      .hincrby(key, 'bytes', bytes)
      .hincrby(key, 'files', 1)
      .expire(key, 2 * 86_400)
      .exec();
    const total = Number(replies?.[0]?.[1] ?? 0);
    const files = Number(replies?.[1]?.[1] ?? 0);
    if (total <= caps.perSenderDayBytes && files <= caps.perSenderDayFiles) return null;
    await redis.multi().hincrby(key, 'bytes', -bytes).hincrby(key, 'files', -1).exec();
    return total > caps.perSenderDayBytes
      ? `over ${caps.perSenderDayBytes} bytes from this sender today`
      : `over ${caps.perSenderDayFiles} files from this sender today`;
  }

  /** Removes every file of these owners (erasing a customer); how many owners had files. */
  async eraseOwners(owners: readonly string[]): Promise<number> {
    let erased = 0;
    for (const owner of new Set(owners)) {
      const dir = join(this.options.root, this.ownerFolder(owner));
      const existed = await stat(dir).then(
        () => true,
        () => false,
      );
      await rm(dir, { recursive: true, force: true });
      if (existed) erased++;
    }
    return erased;
  }

  /** Removes files kept more than `days` ago (the record's retention); how many. */
  async purgeOlderThan(days: number): Promise<number> {
    const cutoff = this.options.now().getTime() - days * 86_400_000;
    let purged = 0;
    const folders = await readdir(this.options.root).catch(() => [] as string[]);
    for (const folder of folders.filter((name) => /^[0-9a-f]{24}$/.test(name))) {
      const names = await readdir(join(this.options.root, folder)).catch(() => [] as string[]);
      for (const name of names.filter((n) => /^[0-9a-f]{32}\.json$/.test(n))) {
        const id = `${folder}-${name.slice(0, 32)}`;
        const file = await this.describe(id);
        if (!file || Date.parse(file.createdAt) >= cutoff) continue;
        const paths = this.pathsOf(id);
        await rm(paths.data, { force: true });
        await rm(paths.meta, { force: true });
        purged++;
      }
    }
    return purged;
  }
}
