/**
 * The product report (feedback to R&D) from the record: supervisors only, and its figures against
 * seeded history — laptop faults by model × symptom × part, repeats within 90 days, dead on arrival,
 * warranty against paid, by month, a category and a customer group chosen, and the CSV.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProductReport } from '../../src/reports/product-report.js';
import type { Caller } from '../staff/harness.js';
import { staffHarness } from '../staff/harness.js';
import { type ReportHarness, reportHarness } from './harness.js';
import { COMPANY, seedProductHistory } from './seed.js';

let h: ReportHarness;
let supervisor: Caller;
let agent: Caller;
let engineer: Caller;

beforeAll(async () => {
  h = await reportHarness();
  supervisor = await h.addStaff('sup', 'supervisor', []);
  agent = await h.addStaff('alice', 'agent', ['support']);
  engineer = await h.addStaff('wang', 'engineer', ['onsite']);
  await seedProductHistory(h.record.db);
});
afterAll(async () => h.close());

const URL = '/api/staff/reports/products?from=2026-10-01&to=2026-11-30';

describe('GET /api/staff/reports/products', () => {
  it('is for supervisors: agents and engineers get 403, no token 401', async () => {
    expect((await agent.get(URL)).statusCode).toBe(403);
    expect((await engineer.get(URL)).json().error.code).toBe('SUPPORT_ERR_FORBIDDEN');
    expect((await h.app.inject({ method: 'GET', url: URL })).statusCode).toBe(401);
    expect((await supervisor.get(URL)).statusCode).toBe(200);
  });

  it('counts the period’s faults by category, with repeats, dead on arrival and who paid', async () => {
    const report = (await supervisor.get(URL)).json<ProductReport>();
    expect(report.overall).toMatchObject({
      faults: 5,
      repeats: 1,
      withSerial: 4,
      repeatPercent: 25,
      deadOnArrival: 1,
      deadOnArrivalPercent: 20,
      coverage: { warranty: 2, paid: 1, contract: 1, undecided: 1 },
    });
    const laptop = report.byCategory.find((row) => row.category === 'laptop')!;
    expect(laptop).toMatchObject({
      faults: 4,
      repeats: 1,
      withSerial: 3,
      repeatPercent: 33.3,
      deadOnArrival: 1,
      deadOnArrivalPercent: 25,
      coverage: { warranty: 2, paid: 1, contract: 0, undecided: 1 },
    });
    // The preventive visit on the printer is not a fault; its earlier repair makes no repeat of it.
    expect(report.byCategory.find((row) => row.category === 'printer')).toMatchObject({
      faults: 1,
      repeats: 0,
    });
    expect(report.byMonth).toEqual([
      { month: '2026-10', category: 'laptop', faults: 1 },
      { month: '2026-11', category: 'laptop', faults: 3 },
      { month: '2026-11', category: 'printer', faults: 1 },
    ]);
  });

  it('lists the laptop faults by model × symptom × part replaced', async () => {
    const report = (await supervisor.get(`${URL}&category=laptop`)).json<ProductReport>();
    expect(report.category).toBe('laptop');
    expect(report.byCategory.map((row) => row.category)).toEqual(['laptop']);
    expect(report.breakdown).toEqual(
      expect.arrayContaining([
        { category: 'laptop', model: '', symptom: '屏幕闪烁', part: '屏幕排线', faults: 1 },
        { category: 'laptop', model: 'ThinkPad X1', symptom: '开不了机', part: '主板', faults: 1 },
        { category: 'laptop', model: 'ThinkPad X1', symptom: '开不了机', part: '电池', faults: 1 },
        { category: 'laptop', model: '', symptom: '开箱屏幕有裂纹', part: '', faults: 1 },
        { category: 'laptop', model: '', symptom: 'keyboard keys stick', part: '', faults: 1 },
      ]),
    );
    expect(report.breakdown).toHaveLength(5);
  });
});

describe('the product report by customer group, and as CSV', () => {
  it('narrows to a customer group', async () => {
    const set = await supervisor.post(`/api/staff/customers/${COMPANY}/group`, {
      segment: 'enterprise',
      region: '华东',
      industry: '制造业',
    });
    expect(set.statusCode).toBe(200);
    const report = (await supervisor.get(`${URL}&segment=enterprise`)).json<ProductReport>();
    expect(report.overall.faults).toBe(2);
    expect(report.byCategory.map((row) => [row.category, row.faults])).toEqual([
      ['laptop', 1],
      ['printer', 1],
    ]);
    expect((await supervisor.get(`${URL}&segment=government`)).json<ProductReport>().overall.faults).toBe(0);
    expect((await supervisor.get(`${URL}&region=${encodeURIComponent('华东')}`)).json().overall.faults).toBe(
      2,
    );
  });

  it('narrows the KPIs to a customer group too', async () => {
    const period = `from=${encodeURIComponent('2026-10-01T00:00:00+08:00')}&to=${encodeURIComponent('2026-12-01T00:00:00+08:00')}`;
    expect((await supervisor.get(`/api/staff/kpis?${period}`)).json().overall.cases).toBe(6);
    const grouped = await supervisor.get(`/api/staff/kpis?${period}&segment=enterprise`);
    expect(grouped.statusCode).toBe(200);
    expect(grouped.json().overall.cases).toBe(3);
    expect((await supervisor.get(`/api/staff/kpis?${period}&segment=government`)).json().overall.cases).toBe(
      0,
    );
  });

  it('gives the same as CSV, formulas defused', async () => {
    const response = await supervisor.get(`${URL}&format=csv`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/csv/);
    expect(response.headers['content-disposition']).toContain('products-2026-10-01-2026-11-30.csv');
    const lines = response.body.split('\r\n');
    expect(lines[0]).toBe(
      '"category","faults","repeat_faults","with_serial","repeat_percent","dead_on_arrival","dead_on_arrival_percent","warranty","paid","contract","undecided"',
    );
    expect(lines).toContain('"laptop","4","1","3","33.3","1","25","2","1","0","1"');
    expect(lines).toContain('"laptop","ThinkPad X1","开不了机","主板","1"');
    expect(lines).toContain('"2026-11","printer","1"');
  });

  it('refuses a bad query with 400 naming the field', async () => {
    const bad = await supervisor.get('/api/staff/reports/products?from=yesterday');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toContain('from');
    expect((await supervisor.get('/api/staff/reports/products?category=Lap%20top')).statusCode).toBe(400);
    expect(
      (await supervisor.get('/api/staff/reports/products?from=2026-12-01&to=2026-11-01')).statusCode,
    ).toBe(400);
    expect((await supervisor.get('/api/staff/reports/products?segment=aliens')).statusCode).toBe(400);
  });
});

describe('without the record', () => {
  it('answers 503 SUPPORT_ERR_RECORD_UNAVAILABLE, not a 500', async () => {
    const bare = await staffHarness();
    try {
      const boss = await bare.addStaff('boss', 'supervisor', []);
      const response = await boss.get(URL);
      expect(response.statusCode).toBe(503);
      expect(response.json().error.code).toBe('SUPPORT_ERR_RECORD_UNAVAILABLE');
    } finally {
      await bare.close();
    }
  });
});
