/**
 * Live updates over server-sent events, across processes: two apps on one Redis stand for two app
 * processes. Changes are made through process A (a customer's message through its desk, staff forms on
 * its console); the streams are open on process B. Its fallback re-read is set to 30 s, so an update
 * that arrives within the few seconds a step waits was carried by a live event, not by the timer.
 * Read with fetch, as a browser's EventSource would.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consolePlugin } from '../../src/console/plugin.js';
import { loadContent } from '../../src/content.js';
import { silentLogger } from '../../src/logger.js';
import { createRuntime, type Runtime } from '../../src/runtime.js';
import { buildApp } from '../../src/server/app.js';
import { fireBreach } from '../staff/harness.js';
import { type ConsoleClient, type ConsoleHarness, consoleHarness } from './harness.js';

/** Far longer than any step below waits: an update seen in time cannot have come from the timer. */
const FALLBACK_MS = 30_000;
const WAIT_MS = 5_000;

let h: ConsoleHarness;
let alice: ConsoleClient;
let processB: { runtime: Runtime; app: FastifyInstance };
let base: string;

/** Reads a stream's events as they come; `next(match)` waits for the first event containing `match`. */
async function openStream(path: string, cookie: string) {
  const controller = new AbortController();
  const response = await fetch(`${base}${path}`, { headers: { cookie }, signal: controller.signal });
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  return {
    response,
    async next(match: string): Promise<string> {
      const timeout = new Promise<never>((_, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`no event with ${match} within ${WAIT_MS} ms`)),
          WAIT_MS,
        );
        timer.unref();
      });
      for (;;) {
        const events = buffer.split('\n\n');
        const index = events.findIndex((event) => event.includes(match));
        if (index >= 0 && index < events.length - 1) {
          buffer = events.slice(index + 1).join('\n\n');
          return events[index]!;
        }
        const { value, done } = await Promise.race([reader.read(), timeout]);
        if (done) throw new Error(`stream ended before an event with ${match}`);
        buffer += value;
      }
    },
    close: () => controller.abort(),
  };
}

beforeAll(async () => {
  h = await consoleHarness({ fallbackMs: FALLBACK_MS });
  alice = await h.signIn('alice', await h.addAccount('alice', 'agent', ['support']));
  // Process B: its own runtime and connections on the same Redis and key prefix, the same wall clock.
  const runtime = createRuntime(h.runtime.config, { clock: h.runtime.clock, content: loadContent('flows') });
  const app = await buildApp({
    logger: silentLogger,
    plugins: [{ name: 'console', plugin: consolePlugin(runtime, { fallbackMs: FALLBACK_MS }) }],
  });
  processB = { runtime, app };
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
});

afterAll(async () => {
  await processB.app.close();
  await processB.runtime.close();
  await h.close();
});

describe('live updates across processes', () => {
  it('pushes a case into the queue on process B as soon as it escalates on process A', async () => {
    const stream = await openStream('/console/events/queue', alice.cookie);
    expect(stream.response.headers.get('content-type')).toContain('text/event-stream');
    expect(stream.response.headers.get('content-security-policy')).toContain("script-src 'self'");
    const first = await stream.next('event: update');
    expect(first).toContain('Nothing waiting.');
    const ref = await h.escalate('+8613800200001', '转人工');
    const update = await stream.next(ref);
    expect(update).toMatch(/^event: update\ndata: \{"html":/);
    // Taken by alice on A: the case leaves the queue on B.
    await alice.post('/console/take', { team: 'support' });
    expect(await stream.next('Nothing waiting.')).not.toContain(ref);
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
    // The customer writes again on process A: the new transcript line shows on B.
    await h.runtime.desk.receive({
      channel: 'sms',
      providerMessageId: 'live-follow-up-1',
      from: '+8613800200002',
      text: '序列号是 SN-4471',
      receivedAt: h.runtime.clock.now(),
    });
    expect(await stream.next('SN-4471')).toMatch(/^event: update/);
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
    const promise = (await h.runtime.cases.get(ref))!.promises.at(-1)!;
    const due = Date.parse(promise.due);
    expect(first).not.toContain(ref);
    // The deadline warning fires on process A, as its timer would, 20 minutes before the deadline.
    h.runtime.clock.set(new Date(due - 20 * 60_000));
    const customerId = (await h.runtime.cases.customerOf(ref))!;
    await h.runtime.command(
      customerId,
      'deadline.warn',
      { ref, customerId, n: promise.n, stage: 'warn' },
      { caseRef: ref },
    );
    const update = await stream.next(ref);
    expect(update).toContain('due amber');
    h.runtime.clock.set(new Date(due + 60_000));
    await fireBreach(h.runtime, ref, promise.n);
    expect(await stream.next('due red')).toContain(ref);
    // Demoted: the account change is itself an event, and the stream ends.
    await h.accounts.update('sam', { role: 'agent' });
    expect(await stream.next('event: ended')).toBeTruthy();
  });

  it('refuses a stream without a session', async () => {
    const response = await fetch(`${base}/console/events/queue`);
    expect(response.status).toBe(401);
    await response.body?.cancel();
  });
});
