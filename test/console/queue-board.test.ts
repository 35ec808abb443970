/**
 * Bull Board at /console/queues: supervisors only (an agent gets 403 on the page and its API), under
 * the console's CSP, and changes only from the console's own origin.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ConsoleClient, type ConsoleHarness, consoleHarness } from './harness.js';

let h: ConsoleHarness;
let alice: ConsoleClient;
let sam: ConsoleClient;

beforeAll(async () => {
  h = await consoleHarness();
  alice = await h.signIn('alice', await h.addAccount('alice', 'agent', ['support']));
  sam = await h.signIn('sam', await h.addAccount('sam', 'supervisor', ['supervisor']));
});

afterAll(async () => {
  await h.close();
});

describe('queue internals', () => {
  it('sends a signed-out visitor to sign in', async () => {
    const page = await h.app.inject({ method: 'GET', url: '/console/queues' });
    expect(page.statusCode).toBe(303);
    expect(page.headers.location).toBe('/console/login');
  });

  it('gives an agent 403 on the board and its API', async () => {
    expect((await alice.get('/console/queues')).statusCode).toBe(403);
    expect((await alice.get('/console/queues/api/queues')).statusCode).toBe(403);
  });

  it('shows a supervisor the outbox, timers, deadlines and every team’s escalation queue', async () => {
    const page = await sam.get('/console/queues');
    expect(page.statusCode).toBe(200);
    expect(String(page.headers['content-security-policy'])).toContain("script-src 'self'");
    const api = await sam.get('/console/queues/api/queues');
    expect(api.statusCode).toBe(200);
    const names = (api.json() as { queues: Array<{ name: string }> }).queues.map((q) => q.name);
    expect(names).toEqual(
      expect.arrayContaining(['outbox', 'deadlines', 'timers', 'esc-support', 'esc-onsite']),
    );
  });

  it('refuses a change that does not come from the console’s own origin', async () => {
    const forged = await h.app.inject({
      method: 'PUT',
      url: '/console/queues/api/queues/outbox/pause',
      headers: { cookie: sam.cookie, origin: 'https://evil.example' },
    });
    expect(forged.statusCode).toBe(403);
    expect(await h.runtime.queues.outbox.isPaused()).toBe(false);
    const own = await h.app.inject({
      method: 'PUT',
      url: '/console/queues/api/queues/outbox/pause',
      headers: { cookie: sam.cookie, 'sec-fetch-site': 'same-origin' },
    });
    expect(own.statusCode).toBe(200);
    expect(await h.runtime.queues.outbox.isPaused()).toBe(true);
    await h.runtime.queues.outbox.resume();
  });
});

describe('the way back', () => {
  it('the board carries a link back to the console', async () => {
    const page = await sam.get('/console/queues');
    expect(page.body).toContain('Back to the console');
    expect(page.body).toContain('"url":"/console"');
  });
});
