/**
 * Bot Framework activities, web chat requests and raw MIME, fuzzed: every activity or request gets a
 * 2xx or a 4xx in the documented shape and no promise is left rejected; every raw mail is read or
 * refused with an error the intake quarantines — never a crash.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readMail } from '../../channels/email/read-mail.js';
import { newConversation } from '../channels/botframework/support/activities.js';
import { type ChatHarness, createChatHarness } from '../channels/botframework/support/harness.js';
import { fuzz, nastyStrings, RUNS } from './budget.js';

let harness: ChatHarness;
const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);
beforeAll(async () => {
  process.on('unhandledRejection', onUnhandled);
  harness = await createChatHarness();
});
afterAll(async () => {
  process.off('unhandledRejection', onUnhandled);
  await harness.close();
});

const text = fc.oneof(
  fc.string({ maxLength: 80 }),
  fc.constantFrom(...nastyStrings.filter((s) => s.length < 20_000)),
);
const anyJson = fc.jsonValue({ maxDepth: 3 });

const activity = fc.record(
  {
    type: fc.oneof(
      fc.constantFrom('message', 'conversationUpdate', 'typing', 'invoke', 'event', '__proto__'),
      text,
    ),
    id: fc.oneof(fc.string({ maxLength: 20 }), fc.integer()),
    text,
    value: anyJson,
    channelId: fc.constantFrom('emulator', 'msteams', 'webchat', '', 'constructor'),
    locale: fc.constantFrom('zh-CN', 'en-US', '', 'xx', '__proto__'),
    conversation: fc.oneof(fc.constant({ id: newConversation() }), anyJson),
    from: fc.oneof(
      fc.record({ id: fc.string({ maxLength: 12 }) }),
      fc.record({ id: fc.string({ minLength: 1, maxLength: 12 }), name: anyJson }),
      anyJson,
    ),
    recipient: fc.oneof(fc.record({ id: fc.string({ maxLength: 12 }), name: anyJson }), anyJson),
    attachments: fc.oneof(fc.constant([]), fc.array(anyJson, { maxLength: 2 })),
    // The shapes that once made botbuilder throw: a string, nulls, members without ids or names.
    membersAdded: fc.oneof(
      fc.constant(undefined),
      fc.array(anyJson, { maxLength: 2 }),
      fc.constantFrom('x', [null], [{}], [{ id: 5 }], [{ id: 'u', name: 7 }], 0),
    ),
    membersRemoved: fc.oneof(fc.constant(undefined), anyJson),
  },
  { requiredKeys: [] },
);

describe('fuzz: chat and mail', () => {
  it('every Bot Framework activity gets a 2xx or a 4xx in the documented shape', async () => {
    const failures = await fuzz('Bot Framework activities', activity, RUNS, async (input) => {
      const body = { ...input, serviceUrl: harness.connector.url };
      const answer = await harness.post('/api/messages', body);
      if (answer.status < 300) return null;
      if (answer.status >= 400 && answer.status < 500) {
        const parsed = JSON.parse(answer.body) as { error?: { code?: unknown; message?: unknown } };
        if (typeof parsed.error?.code === 'string' && typeof parsed.error?.message === 'string') return null;
      }
      return `${answer.status} ${JSON.stringify(body).slice(0, 300)} → ${answer.body.slice(0, 200)}`;
    });
    expect(failures).toEqual([]);
    expect(unhandled).toEqual([]);
  });

  it('every web chat request gets a 2xx or a 4xx in the documented shape', async () => {
    const created = await harness.post('/chat/api/conversations', { locale: 'zh-CN' });
    const { id } = JSON.parse(created.body) as { id: string };
    const request = fc.record({
      path: fc.constantFrom(
        `/chat/api/conversations/${id}/messages`,
        '/chat/api/conversations',
        `/chat/api/conversations/${'x'.repeat(30)}/messages`,
      ),
      body: fc.oneof(
        anyJson,
        fc.record({ text, clientId: fc.string({ maxLength: 40 }) }),
        fc.record({ value: anyJson }),
      ),
    });
    const failures = await fuzz('web chat requests', request, RUNS, async (input) => {
      const answer = await harness.post(input.path, input.body as object);
      if (answer.status < 300 || answer.status === 429) return null;
      if (answer.status >= 400 && answer.status < 500) {
        const parsed = JSON.parse(answer.body) as { error?: { code?: unknown } };
        if (typeof parsed.error?.code === 'string') return null;
      }
      return `${answer.status} ${input.path} ${JSON.stringify(input.body).slice(0, 200)} → ${answer.body.slice(0, 200)}`;
    });
    expect(failures).toEqual([]);
  });
});

describe('fuzz: web chat ids', () => {
  it('every web chat path with a long or odd id gets a 4xx, never a 5xx', async () => {
    const oddId = fc.oneof(
      fc.string({ minLength: 65, maxLength: 100 }),
      fc.stringMatching(/^[A-Za-z0-9_-]{25,120}$/),
      fc.constantFrom(...nastyStrings.filter((s) => s.length < 2000)),
      fc.string({ unit: 'binary', maxLength: 40 }),
    );
    const request = fc.record({
      id: oddId,
      tail: fc.constantFrom('', '/messages', '/events', '/events?after=-1', '/events?after=x'),
      method: fc.constantFrom('GET', 'POST'),
      body: fc.oneof(anyJson, fc.record({ text, clientId: fc.string({ maxLength: 80 }) })),
    });
    const failures = await fuzz('web chat ids', request, RUNS, async (input) => {
      // Broken UTF-16 cannot be percent-encoded: sent as the replacement character (the raw bad
      // percent-encodings come from the nasty strings).
      const id = /^%[0-9A-F]{2}/.test(input.id) ? input.id : encodeURIComponent(input.id.toWellFormed());
      const url = `${harness.url}/chat/api/conversations/${id}${input.tail}`;
      const controller = new AbortController();
      const response = await fetch(url, {
        method: input.method,
        signal: controller.signal,
        ...(input.method === 'POST'
          ? { headers: { 'content-type': 'application/json' }, body: JSON.stringify(input.body) }
          : {}),
      });
      const body = response.status === 200 && input.tail.startsWith('/events') ? '' : await response.text();
      controller.abort();
      if (response.status < 500) return null;
      return `${response.status} ${input.method} ${url.slice(0, 200)} → ${body.slice(0, 200)}`;
    });
    expect(failures).toEqual([]);
    expect(unhandled).toEqual([]);
  });
});

describe('fuzz: mail', () => {
  it('every raw mail is read or refused with an error, never a crash of the process', async () => {
    const header = fc.constantFrom(
      'From: a@b.cn\r\n',
      'Subject: =?GB2312?B?1tDOxA==?=\r\n',
      'Content-Type: multipart/mixed; boundary=x\r\n',
      'Content-Type: text/plain; charset=gb18030\r\n',
      'Content-Transfer-Encoding: base64\r\n',
      'Message-ID: <a@b>\r\n',
      'Content-Type: multipart/report; report-type=delivery-status; boundary=y\r\n',
    );
    const raw = fc.tuple(
      fc.array(header, { maxLength: 6 }),
      fc.oneof(fc.string({ maxLength: 300 }), fc.uint8Array({ maxLength: 300 })),
    );
    const failures = await fuzz('raw MIME', raw, RUNS, async ([headers, body]) => {
      const bytes = Buffer.concat([Buffer.from(`${headers.join('')}\r\n`), Buffer.from(body)]);
      try {
        const mail = await readMail(bytes);
        return typeof mail.id === 'string' ? null : `no id for ${bytes.toString('hex').slice(0, 80)}`;
      } catch (error) {
        // A refusal the intake quarantines is an Error with a message; anything else is a defect.
        return error instanceof Error && error.message ? null : `threw ${String(error)}`;
      }
    });
    expect(failures).toEqual([]);
  });
});
