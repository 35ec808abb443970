/**
 * Live updates over server-sent events on a listening app: the queue stream pushes a new case as soon
 * as a customer's message escalates, the case stream pushes a staff note, and signing out ends the
 * streams. Read with fetch, as a browser's EventSource would.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ConsoleClient, type ConsoleHarness, consoleHarness } from './harness.js';

let h: ConsoleHarness;
let alice: ConsoleClient;
let base: string;

/** Reads a stream's events as they come; `next(match)` waits for the first event containing `match`. */
async function openStream(path: string, cookie: string) {
  const controller = new AbortController();
  const response = await fetch(`${base}${path}`, { headers: { cookie }, signal: controller.signal });
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  return {
    response,
    async next(match: string, timeoutMs = 8000): Promise<string> {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const events = buffer.split('\n\n');
        const index = events.findIndex((event) => event.includes(match));
        if (index >= 0 && index < events.length - 1) {
          buffer = events.slice(index + 1).join('\n\n');
          return events[index]!;
        }
        if (Date.now() > deadline) throw new Error(`no event with ${match} within ${timeoutMs} ms`);
        const { value, done } = await reader.read();
        if (done) throw new Error(`stream ended before an event with ${match}`);
        buffer += value;
      }
    },
    close: () => controller.abort(),
  };
}

beforeAll(async () => {
  h = await consoleHarness({ pollMs: 100 });
  alice = await h.signIn('alice', await h.addAccount('alice', 'agent', ['support']));
  await h.app.listen({ port: 0, host: '127.0.0.1' });
  const address = h.app.server.address();
  base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
});

afterAll(async () => {
  await h.close();
});

describe('live updates', () => {
  it('pushes a case into the queue as soon as it escalates, without a reload', async () => {
    const stream = await openStream('/console/events/queue', alice.cookie);
    expect(stream.response.headers.get('content-type')).toContain('text/event-stream');
    expect(stream.response.headers.get('content-security-policy')).toContain("script-src 'self'");
    const first = await stream.next('event: update');
    expect(first).toContain('Nothing waiting.');
    const ref = await h.escalate('+8613800200001', '转人工');
    const update = await stream.next(ref);
    expect(update).toMatch(/^event: update\ndata: \{"html":/);
    // Left open on purpose: closing the app must end it rather than wait for the browser.
  });

  it('pushes a note onto an open case page, and ends when the person signs out everywhere', async () => {
    await h.escalate('+8613800200002', '转人工');
    let ref = '';
    for (;;) {
      const taken = await alice.post('/console/take', { team: 'support' });
      ref = String(taken.headers.location).split('/').pop()!;
      const kase = await h.runtime.cases.get(ref);
      if (kase?.route.address === '+8613800200002') break;
    }
    const stream = await openStream(`/console/events/cases/${ref}`, alice.cookie);
    await stream.next('event: update');
    await alice.post(`/console/cases/${ref}/note`, { text: 'Checked the serial', _key: 'n1' });
    expect(await stream.next('Checked the serial')).toContain('Internal note · alice');
    await alice.post('/console/logout-everywhere');
    expect(await stream.next('event: ended')).toBeTruthy();
  });

  it('pushes a case onto the at-risk page as its deadline nears; supervisors only', async () => {
    const sam = await h.signIn('sam', await h.addAccount('sam', 'supervisor', ['supervisor']));
    const page = await sam.get('/console/at-risk');
    expect(page.body).toContain('data-live="/console/events/at-risk"');
    const refused = await fetch(`${base}/console/events/at-risk`, { headers: { cookie: alice.cookie } });
    expect(refused.status).toBe(401); // alice signed out everywhere above
    await refused.body?.cancel();
    const carol = await h.signIn('carol', await h.addAccount('carol', 'agent', ['support']));
    const agent = await fetch(`${base}/console/events/at-risk`, { headers: { cookie: carol.cookie } });
    expect(agent.status).toBe(403);
    await agent.body?.cancel();

    const stream = await openStream('/console/events/at-risk', sam.cookie);
    const first = await stream.next('event: update');
    const ref = await h.escalate('+8613800200003', '转人工');
    const due = Date.parse((await h.runtime.cases.get(ref))!.promises.at(-1)!.due);
    expect(first).not.toContain(ref);
    h.runtime.clock.set(new Date(due - 20 * 60_000));
    const update = await stream.next(ref);
    expect(update).toContain('due amber');
    h.runtime.clock.set(new Date(due + 60_000));
    expect(await stream.next('due red')).toContain(ref);
    // Demoted: the stream ends at its next tick.
    await h.accounts.update('sam', { role: 'agent' });
    expect(await stream.next('event: ended')).toBeTruthy();
  });

  it('refuses a stream without a session', async () => {
    const response = await fetch(`${base}/console/events/queue`);
    expect(response.status).toBe(401);
    await response.body?.cancel();
  });
});
