/**
 * The audit trail of a case: views (at most one per person per case per 10 minutes) and every staff
 * action, on the case page apart from the timeline and in the staff API's case view; a resent form or
 * a retried API call adds nothing; a refused action is not recorded.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../src/staff/audit.js';
import type { Caller } from '../staff/harness.js';
import { type ConsoleClient, type ConsoleHarness, consoleHarness, formKeyOf } from './harness.js';

let h: ConsoleHarness;
let alice: ConsoleClient;
let sam: ConsoleClient;
let samApi: Caller;

const trail = async (ref: string): Promise<AuditEntry[]> =>
  JSON.parse((await samApi.get(`/api/staff/cases/${ref}`)).body).audit;
const actions = async (ref: string) => (await trail(ref)).map((e) => `${e.staff} ${e.action}`);

beforeAll(async () => {
  h = await consoleHarness();
  alice = await h.signIn('alice', await h.addAccount('alice', 'agent', ['support']));
  sam = await h.signIn('sam', await h.addAccount('sam', 'supervisor', ['supervisor']));
  samApi = h.as((await h.accounts.rotateToken('sam')).token);
  h.startOutbox();
});

afterAll(async () => {
  await h.close();
});

describe('the audit trail: views', () => {
  it('records a view once per person per case per 10 minutes, however often the page reloads', async () => {
    const ref = await h.escalate('+8613800170001', '转人工');
    for (let i = 0; i < 5; i++) expect((await sam.get(`/console/cases/${ref}`)).statusCode).toBe(200);
    expect(await actions(ref)).toEqual(['sam viewed']);
    // The live stream and the API's case view are not page views.
    expect(await actions(ref)).toEqual(['sam viewed']);
    h.runtime.clock.advance(9 * 60_000);
    await sam.get(`/console/cases/${ref}`);
    expect(await actions(ref)).toEqual(['sam viewed']);
    h.runtime.clock.advance(2 * 60_000);
    await sam.get(`/console/cases/${ref}`);
    await alice.get(`/console/cases/${ref}`);
    expect(await actions(ref)).toEqual(['sam viewed', 'sam viewed', 'alice viewed']);
    // An agent of another team is refused the page, and the refusal is no view.
    const bob = await h.signIn('bob', await h.addAccount('bob', 'engineer', ['onsite']));
    expect((await bob.get(`/console/cases/${ref}`)).statusCode).toBe(403);
    expect(await actions(ref)).not.toContain('bob viewed');
    // Out of the queue, so the next test's claim gets its own case.
    expect((await samApi.post('/api/staff/cases/next', { team: 'support' })).statusCode).toBe(200);
  });
});

describe('the audit trail: what staff did', () => {
  it('records claim, reply, note, dispatch, reassign, hand-back and resolve, once each', async () => {
    const ref = await h.escalate('+8613800170002', '转人工');
    const taken = await alice.post('/console/take', { team: 'support' });
    expect(taken.headers.location).toBe(`/console/cases/${ref}`);
    let page = (await alice.get(`/console/cases/${ref}`)).body;
    const reply = { _key: formKeyOf(page, 'reply'), text: 'On it' };
    expect((await alice.post(`/console/cases/${ref}/reply`, reply)).statusCode).toBe(303);
    // The same form sent twice is one reply and one entry.
    expect((await alice.post(`/console/cases/${ref}/reply`, reply)).statusCode).toBe(303);
    await alice.post(`/console/cases/${ref}/note`, { _key: formKeyOf(page, 'note'), text: 'ring first' });
    await alice.post(`/console/cases/${ref}/dispatch`, {
      _key: formKeyOf(page, 'dispatch'),
      engineer: 'wang',
      start: '2026-11-28T09:00',
      end: '2026-11-28T12:00',
    });
    page = (await sam.get(`/console/cases/${ref}`)).body;
    await sam.post(`/console/cases/${ref}/reassign`, {
      _key: formKeyOf(page, 'reassign'),
      to: 'team:support',
    });
    // Through the API: alice claims it again, hands it back, claims again and resolves.
    const aliceApi = h.as((await h.accounts.rotateToken('alice')).token);
    expect((await aliceApi.post('/api/staff/cases/next', { team: 'support' })).statusCode).toBe(200);
    const release = await aliceApi.post(`/api/staff/cases/${ref}/release`, undefined, {
      'idempotency-key': 'once',
    });
    expect(release.statusCode).toBe(200);
    await aliceApi.post(`/api/staff/cases/${ref}/release`, undefined, { 'idempotency-key': 'once' });
    await aliceApi.post('/api/staff/cases/next', { team: 'support' });
    const resolved = await aliceApi.post(`/api/staff/cases/${ref}/resolve`, {
      record: {
        faultReported: 'x',
        faultFound: 'y',
        cause: 'z',
        actions: 'fixed',
        engineer: 'alice',
        finishedAt: '2026-11-26T10:00:00+08:00',
        mode: 'remote',
      },
    });
    expect(resolved.statusCode).toBe(200);
    // Refused by the desk (not carol's case): not in the trail.
    const carol = await h.addStaff('carol', 'agent', ['support']);
    expect((await carol.post(`/api/staff/cases/${ref}/reply`, { text: 'hi' })).statusCode).toBe(403);

    const entries = await trail(ref);
    expect(entries.map((e) => `${e.staff} ${e.action}`)).toEqual([
      'alice claimed',
      'alice viewed',
      'alice replied',
      'alice noted',
      'alice dispatched',
      'sam viewed',
      'sam reassigned',
      'alice claimed',
      'alice handed_back',
      'alice claimed',
      'alice resolved',
    ]);
    expect(entries.find((e) => e.action === 'dispatched')?.detail).toBe('wang');
    expect(entries.find((e) => e.action === 'reassigned')?.detail).toBe('team:support');
    expect(entries.every((e) => !Number.isNaN(Date.parse(e.at)))).toBe(true);

    // On the case page: its own section, newest first, apart from the timeline.
    const shown = (await sam.get(`/console/cases/${ref}`)).body;
    const section = shown.slice(shown.indexOf('<section class="audit"'));
    expect(section).toContain('Audit trail');
    expect(section.indexOf('data-action="resolved"')).toBeLessThan(section.indexOf('data-action="claimed"'));
    expect(section).toContain('<strong>sam</strong> reassigned → team:support');
    expect(section).toContain('<strong>alice</strong> dispatched → wang');
    const timeline = shown.slice(shown.indexOf('<ol class="timeline">'), shown.indexOf('</ol>'));
    expect(timeline).not.toContain('data-action=');
  });
});

describe('the audit trail: language', () => {
  it('speaks the person’s language', async () => {
    const ref = await h.escalate('+8613800170003', '转人工');
    await sam.post('/console/lang', { lang: 'zh' });
    const page = (await sam.get(`/console/cases/${ref}`)).body;
    expect(page).toContain('操作记录');
    expect(page).toContain('<strong>sam</strong> 查看');
    await sam.post('/console/lang', { lang: 'en' });
  });
});
