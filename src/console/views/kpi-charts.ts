/**
 * The KPI page's charts over time: three boxes drawn by uPlot (times in minutes, percentages, and
 * satisfaction), fed by a JSON block. JSON inside `<script>` is escaped so no value can close the
 * element (`<` becomes `\u003c`), whatever a name or label holds.
 */
import { DateTime } from 'luxon';
import type { KpiSeries } from '../../staff/kpi-series.js';
import { Html, html } from '../html.js';
import type { PageContext } from './layout.js';

export const kpiChartsHead = html`<link rel="stylesheet" href="/console/assets/uplot.css">
<script src="/console/assets/uplot.js" defer></script>
<script src="/console/assets/kpi-charts.js" defer></script>`;

interface ChartSpec {
  id: string;
  title: string;
  unit: string;
  max?: number;
  series: Array<{ label: string; values: Array<number | null> }>;
}

/** JSON safe inside a `<script>` element: nothing in it can end the element or start a comment. */
export function scriptJson(value: unknown): Html {
  return new Html(
    JSON.stringify(value)
      .replace(/</g, '\\u003c')
      .replace(/>/g, '\\u003e')
      .replace(/&/g, '\\u0026')
      .replace(/\u2028/g, '\\u2028')
      .replace(/\u2029/g, '\\u2029'),
  );
}

export function chartSpecs(ctx: PageContext, s: KpiSeries): ChartSpec[] {
  const { w } = ctx;
  return [
    {
      id: 'times',
      title: w.chartTimes,
      unit: w.minutes,
      series: [
        { label: `${w.firstResponseShort} · ${w.median}`, values: s.firstResponseMedian },
        { label: `${w.firstResponseShort} · p90`, values: s.firstResponseP90 },
        { label: `${w.resolutionShort} · ${w.median}`, values: s.resolutionMedian },
        { label: `${w.resolutionShort} · p90`, values: s.resolutionP90 },
      ],
    },
    {
      id: 'percent',
      title: w.chartPercent,
      unit: '%',
      max: 100,
      series: [
        { label: w.promisesKept, values: s.promisesKept },
        { label: w.punctuality, values: s.punctuality },
        ...(s.scope ? [] : [{ label: w.containment, values: s.containment }]),
      ],
    },
    {
      id: 'satisfaction',
      title: w.satisfaction,
      unit: '1–5',
      max: 5,
      series: [{ label: w.satisfaction, values: s.satisfaction }],
    },
  ];
}

export function kpiChartsSection(ctx: PageContext, s: KpiSeries): Html {
  const { w } = ctx;
  const x = s.starts.map((start) => DateTime.fromISO(start, { zone: ctx.zone }).toSeconds());
  const spec = { zone: ctx.zone, bucket: s.bucket, xLabel: w.periodStart, x, charts: chartSpecs(ctx, s) };
  const scope = !s.scope
    ? w.everyone
    : 'team' in s.scope
      ? `${w.team}: ${s.scope.team}`
      : `${w.staff}: ${s.scope.staff}`;
  return html`<section class="kpi-charts" aria-labelledby="charts-h">
<h2 id="charts-h">${w.overTime} (${s.bucket === 'week' ? w.perWeek : w.perDay}) · ${scope}</h2>
${spec.charts.map((chart) => html`<div class="chart" data-chart="${chart.id}" role="img" aria-label="${chart.title}"></div>`)}
<script type="application/json" id="kpi-series">${scriptJson(spec)}</script>
</section>`;
}
