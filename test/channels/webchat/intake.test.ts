/**
 * The web chat's intake across crashes: a message is written to the history once, numbered in the same
 * step, and handed to the desk on every retry, so a browser retrying after a process died at any point
 * finds its message recorded and answered — never "duplicate" and lost. Also: ids that cannot be a
 * conversation's are a 404, a conversation's id never reaches the logs, and erasing the customer
 * erases the history.
 */
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WEBCHAT_CHANNEL_ID } from '../../../channels/webchat/webchat-adapter.js';
import { channelLogs } from '../../../src/desk/channel-logs.js';
import { eraseCustomer } from '../../../src/desk/privacy.js';
import { createLogger } from '../../../src/logger.js';
import { connectRedis, redisTarget } from '../../../src/redis/connect.js';
import { testRedisUrl } from '../../support/redis.js';
import { waitFor } from '../../support/wait.js';
import { type ChatHarness, createChatHarness } from '../botframework/support/harness.js';
import { type Entry, type WebChatClient, webChatClient } from './support/web-chat-client.js';

let h: ChatHarness;
let chat: WebChatClient;
let ips = 0;
const newIp = () => `198.51.100.${++ips}`;

beforeAll(async () => {
  h = await createChatHarness();
  chat = webChatClient(h.url);
});
afterAll(() => h.close());

const logsOf = (redis = h.runtime.redis) =>
  channelLogs(redis, h.runtime.desk.deps.keyPrefix, 'webchat', 'chat');

const entriesUntil = (id: string, check: (entries: Entry[]) => boolean, what: string) =>
  waitFor(
    async () => {
      const entries = await chat.history(id);
      return check(entries) ? entries : undefined;
    },
    10_000,
    what,
  );

describe('a message retried after a crash', () => {
  it('written to the history but never handed to the desk: the retry runs it, once, and it is answered', async () => {
    const ip = newIp();
    const id = await chat.start('en-US', ip);
    await entriesUntil(id, (e) => e.length >= 1, 'the greeting');
    // What a process killed between the history write and the desk leaves behind.
    await logsOf().append(
      id,
      { at: new Date().toISOString(), from: 'customer', kind: 'message', text: 'My printer is broken' },
      { keep: 300, ttlSeconds: 3600, once: 'in:c-crash-1' },
    );
    const retried = await chat.post(
      `/chat/api/conversations/${id}/messages`,
      { text: 'My printer is broken', clientId: 'c-crash-1' },
      ip,
    );
    expect(retried.status).toBe(202);
    expect(retried.json).toMatchObject({ accepted: true, duplicate: true });
    const entries = await entriesUntil(
      id,
      (e) => e.some((x) => x.from === 'bot' && x.seq > Number(retried.json.seq)),
      'the answer to the retried message',
    );
    expect(entries.filter((x) => x.from === 'customer')).toHaveLength(1);
    // A second retry (the browser did not see the answer) adds nothing and sends nothing again.
    const before = (await chat.history(id)).length;
    expect(await chat.send(id, 'My printer is broken', { ip, clientId: 'c-crash-1' })).toBe(202);
    expect((await chat.history(id)).length).toBe(before);
  });

  it('numbers are allocated and written in one step: parallel writers from two connections never share one', async () => {
    const ip = newIp();
    const id = await chat.start('en-US', ip);
    const other = connectRedis(redisTarget({ REDIS_URL: testRedisUrl() }));
    try {
      const writers = [logsOf(), logsOf(other)];
      const results = await Promise.all(
        Array.from({ length: 40 }, (_, n) =>
          writers[n % 2]!.append(
            id,
            { at: new Date().toISOString(), from: 'bot', kind: 'message', text: `reply ${n}` },
            { keep: 300, ttlSeconds: 3600, once: `out:${n % 20}` },
          ),
        ),
      );
      const appended = results.filter((r) => r.status === 'appended').map((r) => r.seq);
      expect(appended).toHaveLength(20);
      const seqs = (await chat.history(id)).map((entry) => entry.seq);
      expect(new Set(seqs).size).toBe(seqs.length);
      expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    } finally {
      other.disconnect();
    }
  });

  it('a case bar equal to the last one is not repeated; a changed one is', async () => {
    const ip = newIp();
    const id = await chat.start('en-US', ip);
    const bar = (status: string) => ({
      at: new Date().toISOString(),
      from: 'bot' as const,
      kind: 'case' as const,
      case: { ref: 'SR-2612-0001', status, deadline: null },
    });
    const options = (value: string) => ({ keep: 300, ttlSeconds: 3600, unlessSame: { tag: 'case', value } });
    const logs = logsOf();
    expect((await logs.append(id, bar('open'), options('open'))).status).toBe('appended');
    expect((await logs.append(id, bar('open'), options('open'))).status).toBe('skipped');
    expect((await logs.append(id, bar('waiting'), options('waiting'))).status).toBe('appended');
    expect((await logs.append(id, bar('open'), options('open'))).status).toBe('appended');
  });
});

describe('malformed and secret ids', () => {
  it('ids of 65 to 100 characters and odd ones are a 404, never a 500', async () => {
    for (const id of ['A'.repeat(65), 'b'.repeat(100), '%00', 'x'.repeat(24).replace(/x/, '.')]) {
      const path = `/chat/api/conversations/${encodeURIComponent(id)}`;
      expect((await fetch(`${h.url}${path}`)).status, id).toBe(404);
      expect((await fetch(`${h.url}${path}/events`)).status, id).toBe(404);
      expect((await chat.post(`${path}/messages`, { text: 'hi' })).status, id).toBe(404);
    }
  });

  it("a conversation's id never reaches the logs: its short hash does", async () => {
    const ip = newIp();
    const id = await chat.start('en-US', ip);
    expect(await chat.send(id, 'hello, my screen flickers', { ip })).toBe(202);
    await entriesUntil(id, (e) => e.filter((x) => x.from === 'bot').length >= 2, 'the answer');
    await chat.post(`/chat/api/conversations/${id}/messages`, { text: 'x'.repeat(5000) }, ip);
    expect(JSON.stringify(h.logs)).not.toContain(id);
    // The app's own logger hashes a conversation's id wherever a URL carries it.
    const lines: string[] = [];
    const logger = createLogger({
      destination: new Writable({
        write(chunk, _encoding, done) {
          lines.push(String(chunk));
          done();
        },
      }),
    });
    logger.warn({ url: `/chat/api/conversations/${id}/messages` }, `refused /chat/api/conversations/${id}`);
    logger.flush();
    await waitFor(async () => lines.length > 0 || undefined, 2000, 'the log line');
    expect(lines.join('')).not.toContain(id);
    expect(lines.join('')).toMatch(/conversations\/#h[0-9a-f]{10}\/messages/);
  });
});

describe('erasing a web chat customer', () => {
  it('erases the conversation: its history is no longer served', async () => {
    const ip = newIp();
    const id = await chat.start('en-US', ip);
    expect(await chat.send(id, 'my name is Li Lei, my laptop will not start', { ip })).toBe(202);
    await entriesUntil(id, (e) => e.some((x) => x.from === 'bot' && x.seq > 2), 'the answer');
    const record = await logsOf().record<{ userId: string }>(id);
    const erased = await eraseCustomer(h.runtime.desk, `${WEBCHAT_CHANNEL_ID}:${record!.userId}`, 'CN');
    expect(erased.erased).toBe(true);
    expect((await fetch(`${h.url}/chat/api/conversations/${id}`)).status).toBe(404);
    expect(await chat.send(id, 'still there?', { ip })).toBe(404);
  });
});
