/** The supervisors' list of cases at risk (deadline within the hour) and breached, updated live. */
import type { RiskyCase } from '../at-risk.js';
import { type Html, html } from '../html.js';
import { type PageContext, page } from './layout.js';
import { dueCell } from './queue.js';

/** The live part of the page, re-sent by the event stream whenever it changes. */
export function atRiskFragment(ctx: PageContext, risky: RiskyCase[]): Html {
  const { w } = ctx;
  const rows = risky.map(
    (r) => html`<tr>
<td><a href="/console/cases/${r.case.ref}">${r.case.ref}</a></td>
<td>${r.case.team ?? w.none}</td><td>${r.case.owner}</td><td>${r.case.status}</td><td>${r.case.priority}</td>
<td>${r.breached ? html`<strong>${w.breached}</strong> ` : ''}${dueCell(ctx, r.due)}</td>
<td>${r.case.summary}</td></tr>`,
  );
  return risky.length === 0
    ? html`<p>${w.noneAtRisk}</p>`
    : html`<table><thead><tr><th scope="col">${w.ref}</th><th scope="col">${w.team}</th><th scope="col">${w.owner}</th><th scope="col">${w.status}</th><th scope="col">${w.priority}</th><th scope="col">${w.deadline}</th><th scope="col">${w.summary}</th></tr></thead>
<tbody>${rows}</tbody></table>`;
}

export function atRiskPage(ctx: PageContext, risky: RiskyCase[]): Html {
  const { w } = ctx;
  return page(
    ctx,
    w.atRisk,
    html`<h1>${w.atRisk}</h1>
<p class="live-state" aria-live="polite" data-on="${w.live}" data-off="${w.offline}"></p>
<div id="at-risk" data-live="/console/events/at-risk">${atRiskFragment(ctx, risky)}</div>`,
  );
}
