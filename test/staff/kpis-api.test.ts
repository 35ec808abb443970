import { afterAll, beforeAll, expect, it } from 'vitest';
import { type Caller, fireBreach, type StaffHarness, staffHarness } from './harness.js';

let h: StaffHarness;
let alice: Caller;
let sam: Caller;
const minute = 60_000;
const day = 'from=2026-11-26T00:00:00%2B08:00&to=2026-11-26T23:59:59%2B08:00';

beforeAll(async () => {
  h = await staffHarness();
  alice = await h.addStaff('alice', 'agent', ['support']);
  sam = await h.addStaff('sam', 'supervisor', ['supervisor']);
});
afterAll(() => h.close());

const record = {
  faultReported: 'no power',
  faultFound: 'loose cable',
  cause: 'cable',
  actions: 'reseated the cable',
  engineer: 'alice',
  finishedAt: '2026-11-26T12:00:00+08:00',
  mode: 'remote',
};

it('reports KPIs over real conversations, claims, replies, a resolution and a breach', async () => {
  // 10:00 three cases: two for support, one for the supervisors.
  const c1 = await h.escalate('+8613800000501', '转人工');
  const c2 = await h.escalate('+8613800000502', '我要投诉');
  const c3 = await h.escalate('+8613800000503', '转人工');
  expect((await alice.post('/api/staff/cases/next')).json().case.ref).toBe(c1);
  expect((await sam.post('/api/staff/cases/next')).json().case.ref).toBe(c2);
  h.runtime.clock.advance(30 * minute); // 10:30 alice answers c1
  expect((await alice.post(`/api/staff/cases/${c1}/reply`, { text: 'on it' })).statusCode).toBe(202);
  h.runtime.clock.advance(30 * minute); // 11:00 sam answers c2
  expect((await sam.post(`/api/staff/cases/${c2}/reply`, { text: '抱歉，我来处理' })).statusCode).toBe(202);
  h.runtime.clock.advance(60 * minute); // 12:00 alice resolves c1
  expect((await alice.post(`/api/staff/cases/${c1}/resolve`, { record })).statusCode).toBe(200);
  await fireBreach(h.runtime, c3, 1); // nobody answered c3: it goes to the supervisors

  const response = await sam.get(`/api/staff/kpis?${day}`);
  expect(response.statusCode).toBe(200);
  const report = response.json();
  expect(report.overall).toEqual({
    cases: 3,
    firstResponse: { count: 2, medianMinutes: 45, p90Minutes: 57 },
    resolution: { count: 1, medianMinutes: 120, p90Minutes: 120 },
    promises: { kept: 2, breached: 1, keptPercent: 66.7 },
    arrival: { onTime: 0, late: 0, punctualPercent: null },
    satisfaction: { responses: 0, average: null },
    containment: { finished: 1, withoutHuman: 0, percent: 0 },
    quotes: { sent: 0, accepted: 0, declined: 0, expired: 0, pending: 0, acceptedPercent: null, revenue: {} },
    // The one maintenance record was a remote fix with no parts or trips.
    visits: { done: 0, onTime: 0, late: 0, onTimePercent: null },
    cost: { records: 1, total: 0, perCase: 0, overBudget: [] },
    trips: { trips: 0, distanceKm: 0, onsiteResolved: 0, perResolvedOnsiteCase: null },
  });
  expect(report.byTeam.support).toMatchObject({
    cases: 2,
    promises: { kept: 1, breached: 1, keptPercent: 50 },
  });
  expect(report.byTeam.supervisor).toMatchObject({ cases: 2, promises: { kept: 1, breached: 0 } });
  expect(report.byStaff.alice).toMatchObject({ cases: 1, firstResponse: { medianMinutes: 30 } });
  expect(report.byStaff.sam).toMatchObject({ cases: 1, firstResponse: { medianMinutes: 60 } });

  const supportOnly = (await sam.get(`/api/staff/kpis?${day}&team=support`)).json();
  expect(supportOnly.overall).toMatchObject({ cases: 2, containment: null });
  const before = (await sam.get('/api/staff/kpis?from=2026-11-01T00:00:00Z&to=2026-11-02T00:00:00Z')).json();
  expect(before.overall.cases).toBe(0);
  // Default period: the 30 days up to now.
  expect((await sam.get('/api/staff/kpis')).json().overall.cases).toBe(3);

  const backwards = await sam.get('/api/staff/kpis?from=2026-11-27T00:00:00Z&to=2026-11-26T00:00:00Z');
  expect(backwards.statusCode).toBe(400);
  expect(backwards.json().error.message).toContain('from');
  expect((await sam.get('/api/staff/kpis?from=yesterday')).json().error.message).toContain('from');
});
