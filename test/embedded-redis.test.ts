/**
 * The first-run Redis: REDIS_URL wins; REDIS_EMBEDDED=1 (or nothing on 6379) starts a private
 * redis-server with AOF on under the data folder, stopped on exit; a server left by a killed process is
 * stopped before a new one takes the folder.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import { answers, chooseRedis } from '../src/redis/embedded.js';

const stops: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const stop of stops.splice(0)) await stop();
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'embedded-redis-'));
  stops.push(async () => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

describe('the Redis npm start uses', () => {
  it('is REDIS_URL when it is set: nothing is started', async () => {
    const choice = await chooseRedis({ REDIS_URL: 'redis://10.1.2.3:6380' });
    expect(choice).toEqual({ url: 'redis://10.1.2.3:6380' });
  });

  it('with REDIS_EMBEDDED=1: a private server with AOF on and noeviction, stopped on exit', async () => {
    const dir = tempDir();
    const choice = await chooseRedis({ REDIS_EMBEDDED: '1', dataDir: dir });
    stops.unshift(async () => choice.embedded?.stop());
    expect(choice.embedded?.dir).toBe(dir);
    const client = new Redis(choice.url);
    try {
      await client.set('first-run', 'kept');
      expect(await client.config('GET', 'appendonly')).toEqual(['appendonly', 'yes']);
      expect(await client.config('GET', 'maxmemory-policy')).toEqual(['maxmemory-policy', 'noeviction']);
    } finally {
      client.disconnect();
    }
    const port = Number(new URL(choice.url).port);
    await choice.embedded!.stop();
    expect(await answers(port)).toBe(false);
    expect(existsSync(join(dir, 'appendonlydir'))).toBe(true);

    // The next start finds the data again.
    const again = await chooseRedis({ REDIS_EMBEDDED: '1', dataDir: dir });
    stops.unshift(async () => again.embedded?.stop());
    const reader = new Redis(again.url);
    try {
      expect(await reader.get('first-run')).toBe('kept');
    } finally {
      reader.disconnect();
    }
  });

  it('a server left running by a killed process is stopped before a new one takes the folder', async () => {
    const dir = tempDir();
    const left = await chooseRedis({ REDIS_EMBEDDED: '1', dataDir: dir });
    stops.push(async () => left.embedded?.stop());
    // The process that started it is gone (a pid no process has).
    writeFileSync(join(dir, 'redis.owner'), '4194303\n');
    const leftPort = Number(new URL(left.url).port);
    const next = await chooseRedis({ REDIS_EMBEDDED: '1', dataDir: dir });
    stops.unshift(async () => next.embedded?.stop());
    expect(await answers(leftPort)).toBe(false);
    expect(await answers(Number(new URL(next.url).port))).toBe(true);
  });

  it('a second process (npm run chat beside the running app) uses the app’s server and leaves it running', async () => {
    const dir = tempDir();
    const app = await chooseRedis({ REDIS_EMBEDDED: '1', dataDir: dir });
    stops.push(async () => app.embedded?.stop());
    const chat = await chooseRedis({ dataDir: dir, REDIS_EMBEDDED: '1' });
    expect(chat).toEqual({ url: app.url });
    await chat.embedded?.stop();
    const client = new Redis(app.url);
    try {
      expect(await client.ping()).toBe('PONG');
    } finally {
      client.disconnect();
    }
  });
});
