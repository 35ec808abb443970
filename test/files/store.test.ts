/**
 * Customers' files on disk: the stored type is what the bytes are, caps per file and per sender and
 * day, a file kept once however often its message is read, erased with its owner, and purged after the
 * retention period.
 */
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FileStore, sniffType } from '../../src/files/store.js';
import { testRedis, uniquePrefix } from '../support/redis.js';

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46]);

let redis: Redis;
let root: string;
let now = new Date('2026-12-01T08:00:00Z');

const storeOf = (caps = { perFile: 1000, perSenderDayBytes: 2000, perSenderDayFiles: 3 }) =>
  new FileStore({ root, redis, prefix: uniquePrefix('files'), caps, now: () => now });

beforeAll(async () => {
  redis = testRedis();
  root = await mkdtemp(join(tmpdir(), 'files-'));
});
afterAll(async () => {
  redis.disconnect();
  await rm(root, { recursive: true, force: true });
});

describe('the file store', () => {
  it('stores the type the bytes are, not the one claimed', () => {
    expect(sniffType(PNG)).toBe('image/png');
    expect(sniffType(JPEG)).toBe('image/jpeg');
    expect(sniffType(Buffer.from('GIF89a....'))).toBe('image/gif');
    expect(sniffType(Buffer.from('%PDF-1.7\n'))).toBe('application/pdf');
    expect(sniffType(Buffer.from('<html><script>alert(1)</script>'))).toBe('application/octet-stream');
    expect(sniffType(Buffer.from('<svg onload="alert(1)"/>'))).toBe('application/octet-stream');
  });

  it('keeps a file once under its key, with the checked type, on disk', async () => {
    const files = storeOf();
    const input = { key: 'mail-1\x001', filename: 'photo.png', contentType: 'text/html', content: PNG };
    const first = await files.keep('email:li@example.cn', input);
    const again = await files.keep('email:li@example.cn', input);
    if (!('kept' in first) || !('kept' in again)) throw new Error('not kept');
    expect(again.kept.id).toBe(first.kept.id);
    expect(first.kept).toMatchObject({
      contentType: 'image/png',
      declaredType: 'text/html',
      size: PNG.length,
    });
    const read = await files.read(first.kept.id);
    expect(read!.content.equals(PNG)).toBe(true);
    expect(await files.read('../../etc/passwd')).toBeNull();
  });

  it('caps a file, and what one sender may have kept a day (bytes and files)', async () => {
    const files = storeOf();
    const sender = 'chat:wx:o-many';
    const big = Buffer.alloc(1001, 1);
    expect(await files.keep(sender, { key: 'big', filename: 'b', contentType: 'x', content: big })).toEqual({
      refused: 'larger than 1000 bytes',
    });
    const part = Buffer.alloc(900, 2);
    const results = [];
    for (let n = 0; n < 3; n++)
      results.push(
        await files.keep(sender, { key: `p${n}`, filename: 'p', contentType: 'x', content: part }),
      );
    expect(results.map((r) => 'kept' in r)).toEqual([true, true, false]);
    expect(results[2]).toEqual({ refused: 'over 2000 bytes from this sender today' });
    const small = Buffer.alloc(10, 3);
    expect(
      'kept' in (await files.keep(sender, { key: 's1', filename: 's', contentType: 'x', content: small })),
    ).toBe(true);
    expect(await files.keep(sender, { key: 's2', filename: 's', contentType: 'x', content: small })).toEqual({
      refused: 'over 3 files from this sender today',
    });
    // Another sender is not affected; the next day starts afresh.
    expect(
      'kept' in
        (await files.keep('chat:other', { key: 'o', filename: 'o', contentType: 'x', content: part })),
    ).toBe(true);
    now = new Date(now.getTime() + 86_400_000);
    expect(
      'kept' in (await files.keep(sender, { key: 'next', filename: 'n', contentType: 'x', content: part })),
    ).toBe(true);
  });
});

describe('erasing and retention', () => {
  it('erases every file of an owner, and purges files past the retention period', async () => {
    const files = storeOf({ perFile: 10_000, perSenderDayBytes: 100_000, perSenderDayFiles: 100 });
    const owner = 'phone:+8613800138000';
    const kept = await files.keep(owner, {
      key: 'a',
      filename: 'a.png',
      contentType: 'image/png',
      content: PNG,
    });
    if (!('kept' in kept)) throw new Error('not kept');
    expect(await files.eraseOwners([owner, 'email:nobody@example.cn'])).toBe(1);
    expect(await files.read(kept.kept.id)).toBeNull();

    const old = await files.keep('email:old@example.cn', {
      key: 'o',
      filename: 'o',
      contentType: 'x',
      content: JPEG,
    });
    now = new Date(now.getTime() + 40 * 86_400_000);
    const fresh = await files.keep('email:old@example.cn', {
      key: 'f',
      filename: 'f',
      contentType: 'x',
      content: JPEG,
    });
    if (!('kept' in old) || !('kept' in fresh)) throw new Error('not kept');
    expect(await files.purgeOlderThan(30)).toBeGreaterThanOrEqual(1);
    expect(await files.read(old.kept.id)).toBeNull();
    expect(await files.read(fresh.kept.id)).not.toBeNull();
    expect((await readdir(root)).length).toBeGreaterThan(0);
  });
});
