/**
 * Working a case in the console: the queue in pick order, "Take next case" through the API's claim,
 * the case page (customer text escaped), reply reaching the outbox, an internal note, handing back to
 * the bot, resolving with the maintenance record, and the role checks.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../staff/harness.js';
import { type ConsoleClient, type ConsoleHarness, consoleHarness, formKeyOf } from './harness.js';

let h: ConsoleHarness;
let alice: ConsoleClient;
let bob: ConsoleClient;
let sam: ConsoleClient;
let phone = 500;

const SCRIPT = '<script>alert("pwned")</script>';

async function escalate(text = '转人工'): Promise<string> {
  phone += 1;
  return h.escalate(`+86138001${String(phone).padStart(5, '0')}`, text);
}

/** Takes the next support case as alice; returns the case page. */
async function aliceTakes(): Promise<{ ref: string; body: string }> {
  const taken = await alice.post('/console/take', { team: 'support' });
  expect(taken.statusCode).toBe(303);
  const location = String(taken.headers.location);
  expect(location).toMatch(/^\/console\/cases\//);
  const page = await alice.get(location);
  expect(page.statusCode).toBe(200);
  return { ref: location.split('/').pop()!, body: page.body };
}

beforeAll(async () => {
  h = await consoleHarness();
  alice = await h.signIn('alice', await h.addAccount('alice', 'agent', ['support']));
  bob = await h.signIn('bob', await h.addAccount('bob', 'engineer', ['onsite']));
  sam = await h.signIn('sam', await h.addAccount('sam', 'supervisor', ['supervisor']));
  h.startOutbox();
});

afterAll(async () => {
  await h.close();
});

describe('the queue and the case page', () => {
  it('lists my team’s waiting cases in pick order, and shows customer text as text', async () => {
    const first = await escalate(`${SCRIPT} 转人工`);
    const second = await escalate();
    const page = await alice.get('/console');
    expect(page.statusCode).toBe(200);
    expect(page.body.indexOf(first)).toBeGreaterThan(0);
    expect(page.body.indexOf(first)).toBeLessThan(page.body.indexOf(second));
    expect(page.body).toContain('data-live="/console/events/queue"');
    expect(page.body).not.toContain(SCRIPT);
    // The engineer's team (onsite) does not see support's queue.
    expect((await bob.get('/console')).body).not.toContain(first);

    const taken = await aliceTakes();
    expect(taken.ref).toBe(first);
    expect(taken.body).not.toContain(SCRIPT);
    expect(taken.body).toContain('&lt;script&gt;alert(&quot;pwned&quot;)&lt;/script&gt;');
    // The reply box names the customer's channel; SMS shows the segment counter.
    expect(taken.body).toMatch(/Reply in the customer’s channel: SMS/);
    expect(taken.body).toContain('data-sms="sms-count"');
    expect(taken.body).toContain(`data-live="/console/events/cases/${first}"`);
    // Claimed: no longer waiting.
    expect((await alice.get('/console')).body).not.toContain(`/console/cases/${first}"`);
    await h.runtime.cases.get(first).then((kase) => expect(kase?.owner).toBe('staff:alice'));
  });

  it('says so when nothing is waiting', async () => {
    while ((await alice.post('/console/take', { team: 'support' })).headers.location !== '/console?empty=1');
    const page = await alice.get('/console?empty=1');
    expect(page.body).toContain('Nothing is waiting in that team.');
  });

  it('sends a reply through the outbox in the customer’s channel, once per form', async () => {
    await escalate();
    const { ref, body } = await aliceTakes();
    const key = formKeyOf(body, 'reply');
    const form = { text: 'We are on it <b>now</b>', _key: key };
    expect((await alice.post(`/console/cases/${ref}/reply`, form)).statusCode).toBe(303);
    // The same form sent twice (a double click) is one message.
    expect((await alice.post(`/console/cases/${ref}/reply`, form)).statusCode).toBe(303);
    const message = await waitFor(() => h.sent.find((m) => m.caseRef === ref && m.text.includes('on it')));
    expect(message.channel).toBe('sms');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(h.sent.filter((m) => m.caseRef === ref && m.text.includes('on it'))).toHaveLength(1);
    const page = await alice.get(`/console/cases/${ref}`);
    expect(page.body).toContain('We are on it &lt;b&gt;now&lt;/b&gt;');
    expect(page.body).toContain('Staff · alice');
  });

  it('records an internal note that is never sent', async () => {
    await escalate();
    const { ref, body } = await aliceTakes();
    const sentBefore = h.sent.length;
    const noted = await alice.post(`/console/cases/${ref}/note`, {
      text: 'Customer sounds upset',
      _key: formKeyOf(body, 'note'),
    });
    expect(noted.statusCode).toBe(303);
    const page = await alice.get(`/console/cases/${ref}`);
    expect(page.body).toMatch(/Internal note · alice[\s\S]*Customer sounds upset/);
    expect(h.sent.slice(sentBefore).some((m) => m.text.includes('upset'))).toBe(false);
  });
});

describe('handing a case back and resolving it', () => {
  it('hands a case back with a reason: it waits in the queue again', async () => {
    await escalate();
    const { ref, body } = await aliceTakes();
    // The form says where the case goes, and asks why.
    expect(body).toContain('The case goes back to the support queue');
    const noReason = await alice.post(`/console/cases/${ref}/release`, { _key: formKeyOf(body, 'release') });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.body).toContain('reason');
    const released = await alice.post(`/console/cases/${ref}/release`, {
      _key: formKeyOf(body, 'release'),
      reason: 'needs a printer specialist',
    });
    expect(released.statusCode).toBe(303);
    expect((await h.runtime.cases.get(ref))?.owner).toBe('queue');
    const kase = (await h.runtime.cases.get(ref))!;
    const events = await h.runtime.cases.transcript(kase);
    expect(events.some((e) => e.text.includes('released by alice: needs a printer specialist'))).toBe(true);
    expect((await alice.get('/console')).body).toContain(`/console/cases/${ref}"`);
    const again = await aliceTakes();
    expect(again.ref).toBe(ref);
  });

  it('resolves with the maintenance record, validated by the API’s schema', async () => {
    await escalate();
    const { ref, body } = await aliceTakes();
    const key = formKeyOf(body, 'resolve');
    const incomplete = await alice.post(`/console/cases/${ref}/resolve`, { _key: key, faultReported: 'x' });
    expect(incomplete.statusCode).toBe(400);
    expect(incomplete.body).toContain('faultFound');
    const resolved = await alice.post(`/console/cases/${ref}/resolve`, {
      _key: key,
      faultReported: 'No heating',
      faultFound: 'Thermostat failed',
      cause: 'Worn contact',
      actions: 'Replaced the thermostat',
      engineer: 'alice',
      arrivedAt: '2026-11-26T09:00',
      finishedAt: '2026-11-26T09:40',
      mode: 'onsite',
      kind: 'repair',
      part: 'Thermostat',
      coverage: 'warranty',
      amount: '0',
    });
    expect(resolved.statusCode).toBe(303);
    const kase = await h.runtime.cases.get(ref);
    expect(kase?.status).toBe('resolved');
    expect(kase?.record).toMatchObject({
      faultFound: 'Thermostat failed',
      mode: 'onsite',
      arrivedAt: '2026-11-26T09:00:00.000+08:00',
      partsReplaced: [{ part: 'Thermostat', coverage: 'warranty', amount: 0 }],
    });
    const page = await alice.get(`/console/cases/${ref}`);
    expect(page.body).toContain(`href="/console/cases/${ref}/record"`);
    const record = await alice.get(`/console/cases/${ref}/record`);
    expect(record.statusCode).toBe(200);
    expect(record.body).toMatch(/Fault found<\/th><td>Thermostat failed/);
    expect(record.body).toMatch(/<td>Thermostat<\/td><td>[^<]*[Ww]arranty[^<]*<\/td><td>0\.00<\/td>/);
    expect(record.body).toContain('2026-11-26 09:00');
  });
});

describe('dispatching, and cases someone else owns', () => {
  it('dispatches an engineer with a window and tells the customer when they run late', async () => {
    await escalate();
    const { ref, body } = await aliceTakes();
    expect(body).not.toContain('name="eta"'); // nothing booked yet: no "running late"
    const booked = await alice.post(`/console/cases/${ref}/dispatch`, {
      _key: formKeyOf(body, 'dispatch'),
      engineer: '王工',
      start: '2026-11-28T09:00',
      end: '2026-11-28T12:00',
    });
    expect(booked.statusCode).toBe(303);
    expect((await h.runtime.cases.get(ref))?.appointment).toMatchObject({
      engineer: '王工',
      window: { start: '2026-11-28T09:00:00.000+08:00', end: '2026-11-28T12:00:00.000+08:00' },
    });
    await waitFor(() => h.sent.find((m) => m.caseRef === ref && m.text.includes('王工')));
    const page = await alice.get(`/console/cases/${ref}`);
    expect(page.body).toContain('Booked: 王工, 2026-11-28 09:00 – 2026-11-28 12:00');
    const late = await alice.post(`/console/cases/${ref}/late`, {
      _key: formKeyOf(page.body, 'late'),
      eta: '2026-11-28T12:30',
    });
    expect(late.statusCode).toBe(303);
    await waitFor(() => h.sent.find((m) => m.caseRef === ref && m.text.includes('12:30')));
    const backwards = await alice.post(`/console/cases/${ref}/dispatch`, {
      _key: 'again',
      engineer: '王工',
      start: '2026-11-28T12:00',
      end: '2026-11-28T09:00',
    });
    expect(backwards.statusCode).toBe(400);
    expect(backwards.body).toContain('window.end');
  });

  it('refuses actions on a case someone else owns (the desk’s check)', async () => {
    await escalate();
    const { ref } = await aliceTakes();
    const carol = await h.signIn('carol', await h.addAccount('carol', 'agent', ['support']));
    const page = await carol.get(`/console/cases/${ref}`);
    expect(page.statusCode).toBe(200);
    const refused = await carol.post(`/console/cases/${ref}/reply`, { text: 'hi', _key: 'k1' });
    expect(refused.statusCode).toBe(403);
    expect(refused.headers['content-type']).toContain('text/html');
  });
});

describe('roles', () => {
  it('gives an agent and an engineer 403 on the supervisor pages; a supervisor sees the KPIs', async () => {
    for (const client of [alice, bob]) {
      const page = await client.get('/console/kpis');
      expect(page.statusCode).toBe(403);
      expect(page.body).not.toContain('<svg');
    }
    expect((await alice.get('/console')).body).not.toContain('href="/console/kpis"');
    const kpis = await sam.get('/console/kpis');
    expect(kpis.statusCode).toBe(200);
    expect(kpis.body).toContain('First response');
    expect(kpis.body).toMatch(/<th scope="row">support<\/th><td>\d+<\/td>/);
    expect((await sam.get('/console')).body).toContain('href="/console/kpis"');
  });

  it('lets only a supervisor reassign, to a person or to a team’s queue', async () => {
    await escalate();
    const { ref, body } = await aliceTakes();
    expect(body).not.toContain(`/console/cases/${ref}/reassign`);
    const refused = await alice.post(`/console/cases/${ref}/reassign`, { to: 'staff:bob', _key: 'r0' });
    expect(refused.statusCode).toBe(403);
    expect((await h.runtime.cases.get(ref))?.owner).toBe('staff:alice');

    const page = await sam.get(`/console/cases/${ref}`);
    expect(page.body).toContain(`/console/cases/${ref}/reassign`);
    const toBob = await sam.post(`/console/cases/${ref}/reassign`, {
      to: 'staff:bob',
      _key: formKeyOf(page.body, 'reassign'),
    });
    expect(toBob.statusCode).toBe(303);
    expect((await h.runtime.cases.get(ref))?.owner).toBe('staff:bob');
    const nobody = await sam.post(`/console/cases/${ref}/reassign`, { to: 'staff:nobody', _key: 'r2' });
    expect(nobody.statusCode).toBe(404);
    const toTeam = await sam.post(`/console/cases/${ref}/reassign`, { to: 'team:onsite', _key: 'r3' });
    expect(toTeam.statusCode).toBe(303);
    expect(await h.runtime.cases.get(ref)).toMatchObject({ owner: 'queue', team: 'onsite' });
    expect((await bob.get('/console')).body).toContain(`/console/cases/${ref}"`);
  });

  it('gives a supervisor the KPIs for a chosen period and team, and as CSV', async () => {
    const page = await sam.get('/console/kpis?from=2026-11-01&to=2026-11-30&team=support');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('value="2026-11-01"');
    expect(page.body).toContain(
      'href="/console/kpis.csv?from=2026-11-01&amp;to=2026-11-30&amp;team=support"',
    );
    const csv = await sam.get('/console/kpis.csv?from=2026-11-01&to=2026-11-30&team=support');
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    const lines = csv.body.trim().split('\r\n');
    expect(lines[0]).toContain('"first_response_median_min"');
    expect(lines[1]).toMatch(/^"overall","support","\d+"/);
    expect(lines.some((line) => line.startsWith('"staff","alice"'))).toBe(true);
    expect((await alice.get('/console/kpis.csv')).statusCode).toBe(403);
    expect((await sam.get('/console/kpis?from=yesterday')).statusCode).toBe(400);
  });

  it('gives 403 for a case of another team', async () => {
    const ref = await escalate();
    const page = await bob.get(`/console/cases/${ref}`);
    expect(page.statusCode).toBe(403);
    expect(page.body).not.toContain('转人工');
    expect((await bob.post('/console/take', { team: 'support' })).statusCode).toBe(403);
  });
});
