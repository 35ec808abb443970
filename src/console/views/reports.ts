/**
 * The supervisors' product report (feedback to R&D): the period's faults by product category with
 * repeat and dead-on-arrival rates and who paid, the model × symptom × part table, and a chart of
 * faults by month drawn by uPlot from a JSON block (the KPI charts' script). Every figure is in a
 * table too, so the page reads without script.
 */
import { DateTime } from 'luxon';
import { type Category, categoryLabel } from '../../reports/categories.js';
import { type Segment, segments } from '../../reports/groups.js';
import type { FaultFigures, ProductReport } from '../../reports/product-report.js';
import { type Html, html } from '../html.js';
import type { Words } from '../i18n.js';
import { kpiChartsHead, scriptJson } from './kpi-charts.js';
import { type PageContext, page } from './layout.js';

export interface ProductReportChoice {
  from: string;
  to: string;
  category: string;
  segment: string;
  region: string;
  industry: string;
}

export function segmentLabel(w: Words, segment: Segment): string {
  const labels: Record<Segment, string> = {
    enterprise: w.segmentEnterprise,
    individual: w.segmentIndividual,
    government: w.segmentGovernment,
    education: w.segmentEducation,
    healthcare: w.segmentHealthcare,
    other: w.segmentOther,
  };
  return labels[segment];
}

function option(value: string, label: string, chosen: string): Html {
  return html`<option value="${value}"${value === chosen ? html` selected` : ''}>${label}</option>`;
}

const field = (id: string, label: string, input: Html) => html`<label for="${id}">${label}</label>${input}`;

/** The category's name in the console's language (the record keeps the flows' value). */
type Labels = (value: string) => string;

function form(
  ctx: PageContext,
  chosen: ProductReportChoice,
  categories: readonly Category[],
  labels: Labels,
): Html {
  const { w } = ctx;
  const query = new URLSearchParams({ ...chosen }).toString();
  const values = categories.map((c) => c.value);
  const categoryChoices = [...new Set([...values, ...(chosen.category ? [chosen.category] : [])])];
  return html`<form method="get" action="/console/reports/products">
${field('r-from', w.from, html`<input id="r-from" name="from" type="date" value="${chosen.from}">`)}
${field('r-to', w.to, html`<input id="r-to" name="to" type="date" value="${chosen.to}">`)}
${field('r-category', w.category, html`<select id="r-category" name="category">${option('', w.allCategories, chosen.category)}${categoryChoices.map((c) => option(c, labels(c), chosen.category))}</select>`)}
${field('r-segment', w.segment, html`<select id="r-segment" name="segment">${option('', w.allSegments, chosen.segment)}${segments.map((s) => option(s, segmentLabel(w, s), chosen.segment))}</select>`)}
${field('r-region', w.region, html`<input id="r-region" name="region" value="${chosen.region}">`)}
${field('r-industry', w.industry, html`<input id="r-industry" name="industry" value="${chosen.industry}">`)}
<p><button type="submit">${w.show}</button> <a href="/console/reports/products.csv?${query}">${w.csv}</a></p>
</form>`;
}

function bar(percent: number | null): Html {
  if (percent === null) return html`—`;
  const width = Math.max(0, Math.min(100, percent));
  return html`<svg width="104" height="12" role="img" aria-label="${percent}%"><rect x="0" y="1" width="100" height="10" fill="#eaeef2"></rect><rect class="bar" x="0" y="1" width="${width}" height="10"></rect></svg> ${percent}`;
}

function figuresRow(label: string, f: FaultFigures): Html {
  const c = f.coverage;
  return html`<tr><th scope="row">${label}</th><td>${f.faults}</td><td>${f.repeats} / ${f.withSerial}</td><td>${bar(f.repeatPercent)}</td><td>${f.deadOnArrival}</td><td>${bar(f.deadOnArrivalPercent)}</td><td>${c.warranty}</td><td>${c.paid}</td><td>${c.contract}</td><td>${c.undecided}</td></tr>`;
}

function categoryTable(ctx: PageContext, report: ProductReport, labels: Labels): Html {
  const { w } = ctx;
  return html`<table class="product-categories"><caption>${w.byCategory}</caption>
<thead><tr><th scope="col">${w.category}</th><th scope="col">${w.faults}</th><th scope="col">${w.repeatFaults}</th><th scope="col">${w.repeatRate}</th><th scope="col">${w.deadOnArrival}</th><th scope="col">${w.deadOnArrivalRate}</th><th scope="col">${w.coverageWarranty}</th><th scope="col">${w.coveragePaid}</th><th scope="col">${w.coverageContract}</th><th scope="col">${w.coverageUndecided}</th></tr></thead>
<tbody>${figuresRow(w.allFaults, report.overall)}${report.byCategory.map((row) => figuresRow(labels(row.category), row))}</tbody></table>
<p>${w.repeatNote.replace('{days}', String(report.repeatWithinDays))}</p>`;
}

function breakdownTable(ctx: PageContext, report: ProductReport, labels: Labels): Html {
  const { w } = ctx;
  const rows = report.breakdown.map(
    (row) =>
      html`<tr><td>${labels(row.category)}</td><td>${row.model || w.notGiven}</td><td>${row.symptom || w.notGiven}</td><td>${row.part || w.noPart}</td><td>${row.faults}</td></tr>`,
  );
  return html`<table class="product-breakdown"><caption>${w.breakdown}</caption>
<thead><tr><th scope="col">${w.category}</th><th scope="col">${w.model}</th><th scope="col">${w.symptom}</th><th scope="col">${w.partReplaced}</th><th scope="col">${w.faults}</th></tr></thead>
<tbody>${rows}</tbody></table>`;
}

/** Every month of the period (one without faults shows 0), in the business timezone. */
function monthsOf(report: ProductReport, zone: string): string[] {
  const months: string[] = [];
  const last = DateTime.fromISO(report.to, { zone }).minus({ milliseconds: 1 }).startOf('month');
  for (
    let m = DateTime.fromISO(report.from, { zone }).startOf('month');
    m <= last && months.length < 120;
    m = m.plus({ months: 1 })
  )
    months.push(m.toFormat('yyyy-MM'));
  return months;
}

/** Faults per month and category: a table, and the same as a chart (one line per category). */
function trend(ctx: PageContext, report: ProductReport, labels: Labels): Html {
  const { w } = ctx;
  const months = monthsOf(report, ctx.zone);
  const categories = [...new Set(report.byMonth.map((row) => row.category))].sort();
  const count = (month: string, category: string) =>
    report.byMonth.find((row) => row.month === month && row.category === category)?.faults ?? 0;
  const spec = {
    zone: ctx.zone,
    bucket: 'month',
    xLabel: w.month,
    x: months.map((month) => DateTime.fromISO(`${month}-01`, { zone: ctx.zone }).toSeconds()),
    charts: [
      {
        id: 'faults-by-month',
        title: w.trend,
        unit: w.faults,
        series: categories.map((category) => ({
          label: labels(category),
          values: months.map((m) => count(m, category)),
        })),
      },
    ],
  };
  return html`<section class="kpi-charts" aria-labelledby="trend-h">
<h2 id="trend-h">${w.trend}</h2>
<table class="product-trend"><caption>${w.trend}</caption>
<thead><tr><th scope="col">${w.month}</th>${categories.map((c) => html`<th scope="col">${labels(c)}</th>`)}</tr></thead>
<tbody>${months.map((m) => html`<tr><th scope="row">${m}</th>${categories.map((c) => html`<td>${count(m, c)}</td>`)}</tr>`)}</tbody></table>
<div class="chart" data-chart="faults-by-month" role="img" aria-label="${w.trend}"></div>
<script type="application/json" id="kpi-series">${scriptJson(spec)}</script>
</section>`;
}

export function productReportPage(
  ctx: PageContext,
  report: ProductReport,
  chosen: ProductReportChoice,
  categories: readonly Category[],
): Html {
  const { w } = ctx;
  const labels: Labels = (value) => categoryLabel(categories, value, ctx.lang);
  const body =
    report.overall.faults === 0
      ? html`<p class="empty">${w.noFaults}</p>`
      : html`${categoryTable(ctx, report, labels)}${trend(ctx, report, labels)}${breakdownTable(ctx, report, labels)}`;
  return page(
    ctx,
    w.productReport,
    html`<h1>${w.productReport}</h1>
<p>${w.productReportIntro}</p>
${form(ctx, chosen, categories, labels)}
${body}`,
    kpiChartsHead,
  );
}
