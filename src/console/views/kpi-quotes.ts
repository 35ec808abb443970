/** Paid repairs on the KPI page: quotes sent, accepted, accepted %, revenue — overall, per team, per engineer. */
import type { QuoteFigures } from '../../staff/kpi-quotes.js';
import type { KpiReport } from '../../staff/kpis.js';
import { type Html, html } from '../html.js';
import type { PageContext } from './layout.js';

const revenue = (figures: QuoteFigures) =>
  Object.entries(figures.revenue)
    .map(([currency, amount]) => `${amount.toFixed(2)} ${currency}`)
    .join(', ') || '—';

function rows(entries: Array<[string, QuoteFigures]>): Html {
  return html`${entries.map(
    ([label, f]) =>
      html`<tr><th scope="row">${label}</th><td>${f.sent}</td><td>${f.accepted}</td><td>${f.acceptedPercent ?? '—'}</td><td>${revenue(f)}</td></tr>`,
  )}`;
}

export function quoteKpiTable(ctx: PageContext, report: KpiReport): Html {
  const { w } = ctx;
  const quotes = (group: KpiReport['byTeam']) =>
    Object.entries(group)
      .filter(([, figures]) => figures.quotes.sent > 0)
      .map(([name, figures]): [string, QuoteFigures] => [name, figures.quotes]);
  return html`<table class="quote-kpis"><caption>${w.quoteKpis}</caption>
<thead><tr><th scope="col"></th><th scope="col">${w.quotesSent}</th><th scope="col">${w.quotesAccepted}</th><th scope="col">${w.quotesAcceptedPercent}</th><th scope="col">${w.quotesRevenue}</th></tr></thead>
<tbody>${rows([[w.overall, report.overall.quotes]])}
${rows(quotes(report.byTeam).map(([name, f]) => [`${w.team}: ${name}`, f]))}
${rows(quotes(report.byEngineer).map(([name, f]) => [`${w.byEngineer}: ${name}`, f]))}</tbody></table>`;
}
