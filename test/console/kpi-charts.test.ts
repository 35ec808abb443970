/**
 * The KPI page's charts over time: the series per day (or week) in a JSON block the chart script reads,
 * for everyone, a team or a staff member; uPlot and the chart script served by the app itself.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ConsoleClient, type ConsoleHarness, consoleHarness } from './harness.js';
import { seedDays } from './kpi-seed.js';

let h: ConsoleHarness;
let sam: ConsoleClient;

const seriesOf = (body: string) => {
  const match = /<script type="application\/json" id="kpi-series">([^<]*)<\/script>/.exec(body);
  if (!match) throw new Error('no series on the page');
  return JSON.parse(match[1]!);
};
const values = (
  spec: { charts: Array<{ id: string; series: Array<{ values: unknown[] }> }> },
  id: string,
  n: number,
) => spec.charts.find((c) => c.id === id)!.series[n]!.values;

beforeAll(async () => {
  h = await consoleHarness();
  sam = await h.signIn('sam', await h.addAccount('sam', 'supervisor', ['supervisor']));
  await seedDays(h, '2026-11-20', 4);
  h.runtime.clock.set('2026-11-26T10:00:00+08:00');
});

afterAll(async () => {
  await h.close();
});

describe('KPI charts', () => {
  it('gives one point per day: first response and resolution median, promises, satisfaction', async () => {
    const page = await sam.get('/console/kpis?from=2026-11-19&to=2026-11-25');
    expect(page.statusCode).toBe(200);
    // The tables and the CSV link stay.
    expect(page.body).toContain('<caption>Overall</caption>');
    expect(page.body).toContain('/console/kpis.csv?');
    expect(page.body).toContain('<script src="/console/assets/uplot.js" defer></script>');
    expect(page.body).toContain('<script src="/console/assets/kpi-charts.js" defer></script>');
    expect(page.body).toContain('data-chart="times"');
    const spec = seriesOf(page.body);
    expect(spec.bucket).toBe('day');
    expect(spec.zone).toBe('Asia/Shanghai');
    expect(spec.x).toHaveLength(7);
    // 2026-11-19 00:00 in Shanghai is 2026-11-18T16:00Z.
    expect(spec.x[0]).toBe(Date.parse('2026-11-18T16:00:00Z') / 1000);
    expect(values(spec, 'times', 0)).toEqual([null, 10, 20, 30, 40, null, null]);
    expect(values(spec, 'times', 2)).toEqual([null, 60, 120, 180, 240, null, null]);
    // Every promise was kept by the reply; everyone's chart has bot containment (0: all escalated).
    expect(values(spec, 'percent', 0)).toEqual([null, 100, 100, 100, 100, null, null]);
    expect(values(spec, 'percent', 2)).toEqual([null, 0, 0, 0, 0, null, null]);
  });

  it('per week, and for one team or one staff member', async () => {
    const weeks = seriesOf((await sam.get('/console/kpis?from=2026-11-16&to=2026-11-29&per=week')).body);
    expect(weeks.bucket).toBe('week');
    expect(weeks.x).toHaveLength(2);
    // Mon 16 – Sun 22: days 20, 21, 22 (10, 20, 30 min); Mon 23: day 23 (40 min).
    expect(values(weeks, 'times', 0)).toEqual([20, 40]);

    const page = await sam.get('/console/kpis?from=2026-11-19&to=2026-11-25&chart=staff:kpi-alice');
    expect(page.body).toMatch(/<option value="staff:kpi-alice" selected>/);
    expect(page.body).toContain('<option value="team:support">');
    const alice = seriesOf(page.body);
    expect(values(alice, 'times', 0)).toEqual([null, 10, 20, 30, 40, null, null]);
    // No containment for a person.
    expect(alice.charts.find((c: { id: string }) => c.id === 'percent').series).toHaveLength(2);

    const nobody = seriesOf(
      (await sam.get('/console/kpis?from=2026-11-19&to=2026-11-25&chart=staff:nobody')).body,
    );
    expect(values(nobody, 'times', 0)).toEqual([null, null, null, null, null, null, null]);
    expect((await sam.get('/console/kpis?chart=staff:Not%20A%20Name')).statusCode).toBe(400);
    expect((await sam.get('/console/kpis?per=month')).statusCode).toBe(400);
  });

  it('serves uPlot and the chart script from the app, without a session', async () => {
    const uplot = await h.app.inject({ method: 'GET', url: '/console/assets/uplot.js' });
    expect(uplot.statusCode).toBe(200);
    expect(uplot.headers['content-type']).toContain('text/javascript');
    expect(uplot.body).toContain('uPlot');
    const css = await h.app.inject({ method: 'GET', url: '/console/assets/uplot.css' });
    expect(css.statusCode).toBe(200);
    expect(css.body).toContain('.uplot');
    const own = await h.app.inject({ method: 'GET', url: '/console/assets/kpi-charts.js' });
    expect(own.body).toContain("getElementById('kpi-series')");
  });
});
