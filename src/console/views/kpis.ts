/**
 * The supervisors' KPI page: the staff API's KPI report as tables, each percentage with a bar drawn
 * as server-side SVG (no chart script to serve, nothing inline for the CSP to refuse).
 */
import type { KpiSeries } from '../../staff/kpi-series.js';
import type { KpiFigures, KpiReport } from '../../staff/kpis.js';
import { type Html, html } from '../html.js';
import { KNOWN_TEAMS } from '../teams.js';
import { kpiChartsHead, kpiChartsSection } from './kpi-charts.js';
import { quoteKpiTable } from './kpi-quotes.js';
import { type PageContext, page } from './layout.js';

function bar(percent: number | null): Html {
  if (percent === null) return html`—`;
  const width = Math.max(0, Math.min(100, percent));
  return html`<svg width="104" height="12" role="img" aria-label="${percent}%"><rect x="0" y="1" width="100" height="10" fill="#eaeef2"></rect><rect class="bar" x="0" y="1" width="${width}" height="10"></rect></svg> ${percent}`;
}

const minutes = (stats: KpiFigures['firstResponse']) =>
  `${stats.medianMinutes ?? '—'} / ${stats.p90Minutes ?? '—'}`;

function row(label: string, f: KpiFigures): Html {
  return html`<tr><th scope="row">${label}</th><td>${f.cases}</td><td>${minutes(f.firstResponse)}</td><td>${minutes(f.resolution)}</td><td>${bar(f.promises.keptPercent)}</td><td>${bar(f.arrival.punctualPercent)}</td><td>${f.satisfaction.average ?? '—'}</td><td>${f.containment ? bar(f.containment.percent) : '—'}</td></tr>`;
}

function table(ctx: PageContext, caption: string, rows: Array<[string, KpiFigures]>): Html {
  const { w } = ctx;
  return html`<table><caption>${caption}</caption>
<thead><tr><th scope="col"></th><th scope="col">${w.cases}</th><th scope="col">${w.firstResponse}</th><th scope="col">${w.resolution}</th><th scope="col">${w.promisesKept}</th><th scope="col">${w.punctuality}</th><th scope="col">${w.satisfaction}</th><th scope="col">${w.containment}</th></tr></thead>
<tbody>${rows.map(([label, figures]) => row(label, figures))}</tbody></table>`;
}

export interface KpiChoice {
  from: string;
  to: string;
  team: string;
  /** '' (automatic), 'day' or 'week'. */
  per: string;
  /** '' (everyone), 'team:NAME' or 'staff:NAME'. */
  chart: string;
}

function option(value: string, label: string, chosen: string): Html {
  return html`<option value="${value}"${value === chosen ? html` selected` : ''}>${label}</option>`;
}

/** Everyone, each team and each staff member of the report (and the current choice, if it has no data). */
function chartChoices(ctx: PageContext, report: KpiReport, chosen: KpiChoice): Html {
  const values = [
    ...Object.keys(report.byTeam).map((team) => `team:${team}`),
    ...Object.keys(report.byStaff).map((staff) => `staff:${staff}`),
  ];
  if (chosen.chart && !values.includes(chosen.chart)) values.push(chosen.chart);
  return html`${option('', ctx.w.everyone, chosen.chart)}${values.map((value) => option(value, value, chosen.chart))}`;
}

/** A picker of the teams every install has, those in the report, and the current choice. */
function teamChoices(ctx: PageContext, report: KpiReport, chosen: KpiChoice): Html {
  const teams = [
    ...new Set([...KNOWN_TEAMS, ...Object.keys(report.byTeam), ...(chosen.team ? [chosen.team] : [])]),
  ];
  return html`${option('', ctx.w.everyone, chosen.team)}${teams.sort().map((team) => option(team, team, chosen.team))}`;
}

export function kpiPage(ctx: PageContext, report: KpiReport, chosen: KpiChoice, series: KpiSeries): Html {
  const { w } = ctx;
  const query = new URLSearchParams({ from: chosen.from, to: chosen.to, team: chosen.team }).toString();
  return page(
    ctx,
    w.kpis,
    html`<h1>${w.kpis}</h1>
<form method="get" action="/console/kpis">
${field('k-from', w.from, html`<input id="k-from" name="from" type="date" value="${chosen.from}">`)}
${field('k-to', w.to, html`<input id="k-to" name="to" type="date" value="${chosen.to}">`)}
${field('k-team', w.team, html`<select id="k-team" name="team">${teamChoices(ctx, report, chosen)}</select>`)}
${field('k-per', w.per, html`<select id="k-per" name="per">${option('', w.bucketAuto, chosen.per)}${option('day', w.perDay, chosen.per)}${option('week', w.perWeek, chosen.per)}</select>`)}
${field('k-chart', w.chartFor, html`<select id="k-chart" name="chart">${chartChoices(ctx, report, chosen)}</select>`)}
<p><button type="submit">${w.show}</button> <a href="/console/kpis.csv?${query}">${w.csv}</a></p>
</form>
${table(ctx, w.overall, [[w.overall, report.overall]])}
${table(ctx, w.byTeam, Object.entries(report.byTeam))}
${table(ctx, w.byStaff, Object.entries(report.byStaff))}
${quoteKpiTable(ctx, report)}
${servicePlanTable(ctx, [[w.overall, report.overall], ...Object.entries(report.byTeam), ...Object.entries(report.byStaff)])}
${overBudget(ctx, report.overall)}
${kpiChartsSection(ctx, series)}`,
    kpiChartsHead,
  );
}

/** The service plan's figures (plan 绩效考核): preventive visits on time, what the work cost, trips. */
function servicePlanTable(ctx: PageContext, rows: Array<[string, KpiFigures]>): Html {
  const { w } = ctx;
  const dash = (value: number | null) => (value === null ? '—' : value);
  return html`<table id="service-plan"><caption>${w.kpiServicePlan}</caption>
<thead><tr><th scope="col"></th><th scope="col">${w.kpiVisitsDone}</th><th scope="col">${w.kpiVisitsOnTime}</th><th scope="col">${w.kpiCostTotal}</th><th scope="col">${w.kpiCostPerCase}</th><th scope="col">${w.kpiOverBudget}</th><th scope="col">${w.kpiTrips}</th><th scope="col">${w.kpiDistance}</th><th scope="col">${w.kpiTripsPerCase}</th></tr></thead>
<tbody>${rows.map(
    ([label, f]) =>
      html`<tr><th scope="row">${label}</th><td>${f.visits.done}</td><td>${bar(f.visits.onTimePercent)}</td><td>${f.cost.total}</td><td>${dash(f.cost.perCase)}</td><td>${f.cost.overBudget.length}</td><td>${f.trips.trips}</td><td>${f.trips.distanceKm}</td><td>${dash(f.trips.perResolvedOnsiteCase)}</td></tr>`,
  )}</tbody></table>`;
}

/** Records over their advance, with the reason the engineer gave (the plan's cost review). */
function overBudget(ctx: PageContext, f: KpiFigures): Html {
  const { w } = ctx;
  if (f.cost.overBudget.length === 0) return html``;
  return html`<table><caption>${w.kpiOverBudget}</caption><thead><tr><th scope="col">${w.ref}</th><th scope="col">${w.kpiCostTotal}</th><th scope="col">${w.kpiBudget}</th><th scope="col">${w.kpiReason}</th></tr></thead>
<tbody>${f.cost.overBudget.map((o) => html`<tr><td><a href="/console/cases/${o.ref}">${o.ref}</a></td><td>${o.cost}</td><td>${o.budget}</td><td>${o.reason ?? '—'}</td></tr>`)}</tbody></table>`;
}

function field(id: string, label: string, input: Html): Html {
  return html`<label for="${id}">${label}</label>${input}`;
}
