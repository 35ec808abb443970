/**
 * The KPI page and CSV carry the service plan's figures the API returns (preventive visits, cost,
 * trips), and on-site punctuality counts against the time the engineer told the customer when running
 * late: arriving after the booked window but by the new time is on time.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Caller } from '../staff/harness.js';
import { type ConsoleClient, type ConsoleHarness, consoleHarness } from './harness.js';

let h: ConsoleHarness;
let sam: ConsoleClient;
let wang: ConsoleClient;
let alice: Caller;

beforeAll(async () => {
  h = await consoleHarness();
  sam = await h.signIn('sam', await h.addAccount('sam', 'supervisor', ['supervisor']));
  wang = await h.signIn('wang', await h.addAccount('wang', 'engineer', ['onsite']));
  alice = await h.addStaff('alice', 'agent', ['support']);
  h.startOutbox();
}, 60_000);
afterAll(() => h?.close());

describe('KPIs of the service plan', () => {
  it('an engineer who called ahead and arrived by the new time is punctual; cost and trips are shown', async () => {
    const ref = await h.escalate('+8613800138601', '打印机卡纸，转人工');
    expect((await alice.post('/api/staff/cases/next', { team: 'support' })).statusCode).toBe(200);
    const now = h.runtime.clock.now().getTime();
    const at = (hours: number) => new Date(now + hours * 3600_000).toISOString();
    const window = { start: at(1), end: at(2) };
    expect(
      (await alice.post(`/api/staff/cases/${ref}/dispatch`, { engineer: 'wang', window })).statusCode,
    ).toBe(200);
    const late = await h.as(alice.token).post(`/api/staff/cases/${ref}/late`, { eta: at(3) });
    expect(late.statusCode).toBe(200);
    h.runtime.clock.advance(2.5 * 3600_000);
    expect((await wang.post(`/console/engineer/${ref}/arrived`)).statusCode).toBe(303);
    const resolved = await alice.post(`/api/staff/cases/${ref}/resolve`, {
      record: {
        faultReported: '卡纸',
        faultFound: '搓纸轮磨损',
        cause: '老化',
        actions: '更换搓纸轮',
        engineer: 'wang',
        finishedAt: h.runtime.clock.now().toISOString(),
        mode: 'onsite',
        partsReplaced: [{ part: '搓纸轮', coverage: 'warranty', cost: 80 }],
        consumables: [{ item: '清洁布', cost: 5 }],
        trips: [{ vehicle: '沪A12345', distanceKm: 18 }],
      },
    });
    expect(resolved.statusCode).toBe(200);

    const page = await sam.get('/console/kpis');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Service plan: preventive visits, cost and trips');
    expect(page.body).toMatch(/aria-label="100%"/);
    const csv = (await sam.get('/console/kpis.csv')).body.trim().split('\r\n');
    const header = csv[0]!.split(',');
    const overall = csv[1]!.split(',');
    const value = (name: string) => overall[header.indexOf(`"${name}"`)];
    expect(value('onsite_punctual_percent')).toBe('"100"');
    expect(value('cost_total')).toBe('"85"');
    expect(value('trips')).toBe('"1"');
    expect(value('distance_km')).toBe('"18"');
    expect(value('trips_per_onsite_case')).toBe('"1"');
    expect(header).toContain('"visits_on_time_percent"');
  });
});
