/**
 * Supervisors' oversight: every team's queue on their queue page, and the cases at risk — an open
 * case whose promised deadline is within the hour (amber) or past (red). Agents get 403.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ConsoleClient, type ConsoleHarness, consoleHarness } from './harness.js';

let h: ConsoleHarness;
let alice: ConsoleClient;
let sam: ConsoleClient;
let ref: string;

beforeAll(async () => {
  h = await consoleHarness();
  alice = await h.signIn('alice', await h.addAccount('alice', 'agent', ['support']));
  sam = await h.signIn('sam', await h.addAccount('sam', 'supervisor', ['supervisor']));
});

afterAll(async () => {
  await h.close();
});

describe('supervisor oversight', () => {
  it('shows a supervisor every team’s queue, an agent only their own', async () => {
    ref = await h.escalate('+8613800400001', '转人工');
    const queue = await sam.get('/console');
    expect(queue.body).toContain('Team: support (1)');
    expect(queue.body).toContain('Team: onsite (0)');
    expect(queue.body).toContain(`/console/cases/${ref}"`);
    expect((await alice.get('/console')).body).not.toContain('Team: onsite');
  });

  it('lists a case once its deadline is within the hour, and as breached once past', async () => {
    const kase = (await h.runtime.cases.get(ref))!;
    const due = Date.parse(kase.promises.at(-1)!.due);
    expect((await sam.get('/console/at-risk')).body).toContain('No open case is within an hour');

    h.runtime.clock.set(new Date(due - 30 * 60_000));
    const soon = await sam.get('/console/at-risk');
    expect(soon.body).toContain(`/console/cases/${ref}"`);
    expect(soon.body).toContain('class="due amber"');

    h.runtime.clock.set(new Date(due + 5 * 60_000));
    const late = await sam.get('/console/at-risk');
    expect(late.body).toContain('class="due red"');
    expect(late.body).toContain('<strong>breached</strong>');
  });

  it('gives an agent 403', async () => {
    expect((await alice.get('/console/at-risk')).statusCode).toBe(403);
  });
});
