/**
 * Saved replies through the staff API (supervisors change them, agents read their teams') and on the
 * console's page; the reply box carrying them filled in for the case; a note's @mention on the named
 * colleague's bell, counted until they open it; the quick close for an enquiry, with no record for the
 * customer to confirm.
 */
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ConsoleClient, type ConsoleHarness, consoleHarness, formKeyOf } from './harness.js';

let h: ConsoleHarness;
let alice: ConsoleClient;
let bob: ConsoleClient;
let sam: ConsoleClient;
let samToken: string;
let aliceToken: string;

beforeAll(async () => {
  h = await consoleHarness();
  alice = await h.signIn('alice', await h.addAccount('alice', 'agent', ['support']));
  bob = await h.signIn('bob', await h.addAccount('bob', 'agent', ['support']));
  sam = await h.signIn('sam', await h.addAccount('sam', 'supervisor', ['supervisor']));
  samToken = (await h.accounts.rotateToken('sam')).token;
  aliceToken = (await h.accounts.rotateToken('alice')).token;
  h.startOutbox();
});

afterAll(async () => {
  await h.close();
});

const api = (method: 'GET' | 'PUT' | 'DELETE', url: string, token: string, payload?: unknown) =>
  h.app.inject({
    method,
    url: `/api/staff${url}`,
    headers: { authorization: `Bearer ${token}` },
    ...(payload ? { payload: payload as Record<string, unknown> } : {}),
  });
const json = (response: LightMyRequestResponse) => response.json() as Record<string, unknown>;

describe('saved replies', () => {
  it('are changed by supervisors only, checked, and read by the team', async () => {
    const reply = {
      title: '周末值班',
      zh: '{customer}您好，工单 {ref} 已收到。',
      en: 'Hello {customer}, case {ref} is with us.',
    };
    expect((await api('PUT', '/canned/support/weekend', aliceToken, reply)).statusCode).toBe(403);
    const unknown = await api('PUT', '/canned/support/weekend', samToken, { title: 'x', zh: '{price} 元' });
    expect(unknown.statusCode).toBe(400);
    expect(JSON.stringify(json(unknown))).toContain('{customer} {ref} {deadline} {engineer} {window}');
    expect((await api('PUT', '/canned/support/weekend', samToken, { title: 'x' })).statusCode).toBe(400);
    const saved = await api('PUT', '/canned/support/weekend', samToken, reply);
    expect(saved.statusCode).toBe(200);
    expect(json(saved)).toMatchObject({ id: 'weekend', team: 'support', updatedBy: 'sam' });

    const mine = json(await api('GET', '/canned', aliceToken)).items as Array<{ id: string }>;
    expect(mine.map((item) => item.id)).toEqual(['weekend']);
    expect((await api('GET', '/canned?team=onsite', aliceToken)).statusCode).toBe(403);
    const doc = json(await h.app.inject({ method: 'GET', url: '/api/staff/openapi.json' }));
    expect(Object.keys(doc.paths as object)).toEqual(
      expect.arrayContaining(['/canned', '/canned/{team}/{id}']),
    );

    // The reply box carries it, filled in for the case.
    const ref = await h.escalate('+8613800300041', '请问你们周末有人上班吗？转人工');
    const page = (await alice.get(`/console/cases/${ref}`)).body;
    expect(page).toContain(`工单 ${ref} 已收到。`);

    expect((await alice.get('/console/canned')).statusCode).toBe(403);
    const list = await sam.get('/console/canned');
    expect(list.body).toContain('周末值班');
    const removed = await sam.post('/console/canned/support/weekend/delete');
    expect(removed.statusCode).toBe(303);
    expect((await api('DELETE', '/canned/support/weekend', samToken)).statusCode).toBe(404);
    const added = await sam.post('/console/canned', {
      team: 'support',
      id: 'hello',
      title: 'Hello',
      en: 'Hi {customer}',
    });
    expect(added.statusCode).toBe(303);
    expect((json(await api('GET', '/canned', aliceToken)).items as unknown[]).length).toBe(1);
  });
});

describe('mentions and the bell', () => {
  it('tells the colleague a note names, until they open the bell', async () => {
    const ref = await h.escalate('+8613800300042', '请问你们周末有人上班吗？转人工');
    const page = (await alice.get(`/console/cases/${ref}`)).body;
    const noted = await alice.post(`/console/cases/${ref}/note`, {
      _key: formKeyOf(page, 'note'),
      text: '@bob 这个客户上周也来过',
    });
    expect(noted.statusCode).toBe(303);
    expect(noted.headers.location).toBe(`/console/cases/${ref}?done=note#composer`);
    const state = json(await bob.get('/console/notifications/state'));
    expect(state.count).toBe(1);
    expect(state.latest).toMatchObject({ kind: 'mentioned', ref, by: 'alice' });
    expect(json(await alice.get('/console/notifications/state')).count).toBe(0);
    const list = await bob.get('/console/notifications');
    expect(list.body).toContain('You were mentioned');
    expect(list.body).toContain(`/console/cases/${ref}`);
    h.runtime.clock.advance(1000);
    expect(json(await bob.get('/console/notifications/state')).count).toBe(0);
  });
});

describe('closing an answered enquiry', () => {
  it('resolves without a record for the customer to confirm, and hides what no longer applies', async () => {
    const ref = await h.escalate('+8613800300043', '请问你们周末有人上班吗？转人工');
    const taken = await alice.post('/console/take', { team: 'support' });
    const taken2 = String(taken.headers.location);
    const mine = taken2.endsWith(ref) ? ref : taken2.split('/').pop()!;
    const page = (await alice.get(`/console/cases/${mine}`)).body;
    expect(page).toContain(`/console/cases/${mine}/dispatch`);
    const outBefore = (await h.runtime.cases.transcript((await h.runtime.cases.get(mine))!)).filter(
      (e) => e.kind === 'out',
    ).length;
    const closed = await alice.post(`/console/cases/${mine}/close-enquiry`, {
      _key: formKeyOf(page, 'enquiry'),
      what: '周六 9:00–12:00 有人值班',
    });
    expect(closed.statusCode).toBe(303);
    const kase = (await h.runtime.cases.get(mine))!;
    expect(kase.status).toBe('resolved');
    expect(kase.record).toMatchObject({
      kind: 'enquiry',
      faultFound: '周六 9:00–12:00 有人值班',
      partsReplaced: [],
    });
    // Nothing went to the customer: the answer was the reply, and there is no record to confirm.
    const outAfter = (await h.runtime.cases.transcript(kase)).filter((e) => e.kind === 'out').length;
    expect(outAfter).toBe(outBefore);
    const after = (await alice.get(`/console/cases/${mine}`)).body;
    for (const action of ['dispatch', 'resolve', 'release', 'close-enquiry', 'reassign'])
      expect(after).not.toContain(`/console/cases/${mine}/${action}"`);
    expect(after).toContain(`/console/cases/${mine}/reply`);
  });
});
