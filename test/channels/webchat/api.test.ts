/**
 * The built-in web chat over real HTTP: the page and its assets, a conversation driven through the
 * same bot as the Bot Framework endpoint, the live event stream, staff replies, and the abuse limits.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../../support/wait.js';
import { type ChatHarness, createChatHarness } from '../botframework/support/harness.js';
import { type Entry, type WebChatClient, webChatClient } from './support/web-chat-client.js';

let h: ChatHarness;
let chat: WebChatClient;
let ips = 0;
const newIp = () => `198.51.100.${++ips}`;

beforeAll(async () => {
  h = await createChatHarness({
    env: {
      WEBCHAT_CONVERSATION_RATE_PER_MINUTE: '6',
      WEBCHAT_RATE_PER_MINUTE: '10',
      WEBCHAT_CONVERSATIONS_PER_HOUR: '4',
    },
  });
  chat = webChatClient(h.url);
});
afterAll(() => h.close());

const entriesUntil = (id: string, check: (entries: Entry[]) => boolean, what: string) =>
  waitFor(
    async () => {
      const entries = await chat.history(id);
      return check(entries) ? entries : undefined;
    },
    10_000,
    what,
  );

describe('the page', () => {
  it('GET / leads to /chat; the page and its assets are served by the app, with a CSP', async () => {
    const root = await fetch(`${h.url}/`, { redirect: 'manual' });
    expect(root.status).toBe(302);
    expect(root.headers.get('location')).toBe('/chat');
    const page = await fetch(`${h.url}/chat`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("default-src 'self'");
    const html = await page.text();
    expect(html).toContain('role="log"');
    expect(html).not.toMatch(/https?:\/\//);
    for (const [path, type] of [
      ['/chat/assets/chat.js', 'javascript'],
      ['/chat/assets/chat.css', 'css'],
      ['/chat/embed.js', 'javascript'],
    ] as const) {
      const asset = await fetch(`${h.url}${path}`);
      expect(asset.status, path).toBe(200);
      expect(asset.headers.get('content-type'), path).toContain(type);
    }
    expect(h.wiring.status).toContain(`webchat: on (open http://localhost:3978/chat in a browser)`);
  });
});

describe('a conversation', () => {
  it('greets in the browser language, asks with buttons, shows the case bar, and takes a button press', async () => {
    const ip = newIp();
    const id = await chat.start('en-US', ip);
    expect(id).toMatch(/^[A-Za-z0-9_-]{24}$/);
    const [greeting] = await entriesUntil(id, (e) => e.length >= 1, 'the greeting');
    expect(greeting).toMatchObject({ from: 'bot', kind: 'message', lang: 'en' });
    expect(greeting!.text).toMatch(/^Hello, this is the/);

    expect(
      await chat.send(id, 'My HP LaserJet keeps jamming, serial CNB1234567, bought 3 weeks ago', { ip }),
    ).toBe(202);
    const asked = await entriesUntil(id, (e) => e.some((x) => x.choices?.length), 'a question with buttons');
    expect(asked.find((x) => x.from === 'customer')!.text).toMatch(/LaserJet/);
    const question = asked.find((x) => x.choices?.length)!;
    expect(question.text).toBe('Has the device been dropped, knocked or got wet?');
    expect(question.choices).toEqual(['Yes', 'No']);
    const bar = asked.find((x) => x.kind === 'case')!;
    expect(bar.case!.ref).toMatch(/^SR-\d{4}-\d{4}$/);

    expect(await chat.send(id, 'No', { ip })).toBe(202);
    await entriesUntil(
      id,
      (e) => e.some((x) => x.text === 'Has anyone other than our authorised service opened or repaired it?'),
      'the next question',
    );
    const kase = await h.caseOf(bar.case!.ref);
    expect(kase.route).toMatchObject({ channel: 'chat', provider: 'webchat' });
  });

  it("streams a staff reply live, and a conversation's events reach only its own stream", async () => {
    const ip = newIp();
    const mine = await chat.start('zh-CN', ip);
    const other = await chat.start('zh-CN', ip);
    const stream = await chat.follow(mine);
    const otherStream = await chat.follow(other);
    try {
      expect(await chat.send(mine, '转人工', { ip })).toBe(202);
      const bar = await waitFor(
        () =>
          stream.events.find((e) => e.event === 'entry' && (e.data as Entry).kind === 'case')?.data as
            | Entry
            | undefined,
        10_000,
        'the case bar on the stream',
      );
      expect(bar.case!.deadline).toBeTruthy();
      await h.staffReply(bar.case!.ref, '您好，我是客服小王，请问是什么型号？');
      const staff = await waitFor(
        () => stream.events.map((e) => e.data as Entry).find((e) => e.from === 'staff'),
        10_000,
        'the staff reply on the stream',
      );
      expect(staff.text).toBe('您好，我是客服小王，请问是什么型号？');
      const seqs = stream.events.filter((e) => e.event === 'entry').map((e) => (e.data as Entry).seq);
      expect(seqs).toEqual([...new Set(seqs)].sort((a, b) => a - b));
      // The other conversation saw its own greeting, and nothing of this one.
      const others = otherStream.events.filter((e) => e.event === 'entry').map((e) => e.data as Entry);
      expect(others.map((e) => e.text)).not.toContain('转人工');
      expect(others.some((e) => e.from === 'staff' || e.kind === 'case')).toBe(false);
    } finally {
      stream.close();
      otherStream.close();
    }
  });

  it('a reconnecting stream gets only what it missed', async () => {
    const ip = newIp();
    const id = await chat.start('en-US', ip);
    const entries = await entriesUntil(id, (e) => e.length >= 1, 'the greeting');
    const stream = await chat.follow(id, entries.at(-1)!.seq);
    try {
      expect(await chat.send(id, 'hello', { ip })).toBe(202);
      await waitFor(() => stream.events.some((e) => (e.data as Entry).from === 'customer'), 10_000);
      expect(
        stream.events.filter((e) => e.event === 'entry').map((e) => (e.data as Entry).seq),
      ).not.toContain(entries.at(-1)!.seq);
    } finally {
      stream.close();
    }
  });
});

describe('abuse limits', () => {
  it('refuses unknown or guessed conversation ids with 404', async () => {
    for (const id of ['AAAAAAAAAAAAAAAAAAAAAAAA', 'not-an-id', '../../etc']) {
      expect(
        (await chat.post(`/chat/api/conversations/${encodeURIComponent(id)}/messages`, { text: 'hi' }))
          .status,
      ).toBe(404);
      expect((await fetch(`${h.url}/chat/api/conversations/${encodeURIComponent(id)}/events`)).status).toBe(
        404,
      );
    }
  });

  it('caps the message size, refuses malformed bodies, and logs each refusal', async () => {
    const ip = newIp();
    const id = await chat.start('en-US', ip);
    const before = h.logs.length;
    expect(await chat.send(id, 'x'.repeat(2001), { ip })).toBe(400);
    expect((await chat.post(`/chat/api/conversations/${id}/messages`, '{"text": ', ip)).status).toBe(400);
    expect(
      (await chat.post(`/chat/api/conversations/${id}/messages`, { text: 'hi', extra: 1 }, ip)).status,
    ).toBe(400);
    expect((await chat.post(`/chat/api/conversations/${id}/messages`, { text: '   ' }, ip)).status).toBe(400);
    expect(h.logs.slice(before).filter((line) => line.level >= 40).length).toBeGreaterThanOrEqual(4);
    expect((await chat.history(id)).filter((e) => e.from === 'customer')).toEqual([]);
  });

  it('a message retried with the same client id is taken once', async () => {
    const ip = newIp();
    const id = await chat.start('en-US', ip);
    expect(await chat.send(id, 'hello there', { ip, clientId: 'retry-1' })).toBe(202);
    expect(await chat.send(id, 'hello there', { ip, clientId: 'retry-1' })).toBe(202);
    const entries = await chat.history(id);
    expect(entries.filter((e) => e.from === 'customer')).toHaveLength(1);
  });

  it('limits messages per conversation and per address, and conversations per address (429)', async () => {
    const ip = newIp();
    const id = await chat.start('en-US', ip);
    const statuses: number[] = [];
    for (let n = 0; n < 7; n++) statuses.push(await chat.send(id, `message ${n}`, { ip }));
    expect(statuses.slice(0, 6).every((s) => s === 202)).toBe(true);
    expect(statuses[6]).toBe(429);

    const busy = newIp();
    const a = await chat.start('en-US', busy);
    const b = await chat.start('en-US', busy);
    const fromAddress: number[] = [];
    for (let n = 0; n < 11; n++) fromAddress.push(await chat.send(n % 2 ? a : b, `hi ${n}`, { ip: busy }));
    expect(fromAddress.slice(0, 10).every((s) => s === 202)).toBe(true);
    expect(fromAddress[10]).toBe(429);

    const starter = newIp();
    const starts: number[] = [];
    for (let n = 0; n < 5; n++)
      starts.push((await chat.post('/chat/api/conversations', { locale: 'en' }, starter)).status);
    expect(starts).toEqual([201, 201, 201, 201, 429]);
  });
});
