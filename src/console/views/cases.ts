/**
 * The case lists (`/console/cases`): my cases, my teams' open cases, every open case (supervisors), and
 * search results; the filters, the person's saved views, counts per list, and a page at a time. Each
 * row links the case and its customer, shown by name and phone.
 */
import { customerLabel } from '../../cases/customer-label.js';
import type { CaseSearchResult, FoundCase } from '../../record/search.js';
import { type Html, html } from '../html.js';
import type { SavedView } from '../saved-views.js';
import { type CaseListView, decisionWord, statusWord } from './case-list-words.js';
import { casesFilters, type ListFilters } from './cases-filters.js';
import { csrfField, localTime, type PageContext, page } from './layout.js';

export { type CaseListView, decisionWord, statusWord };

export interface CaseListModel {
  view: CaseListView;
  filters: ListFilters;
  /** Null when the record cannot be reached. */
  result: CaseSearchResult | null;
  counts: Partial<Record<CaseListView, number>>;
  saved: SavedView[];
  /** The current list's query string (for saving it and for the next page). */
  query: string;
}

export function customerLink(ctx: PageContext, customer: FoundCase['customer']): Html {
  return html`<a href="/console/customers/${customer.id}">${customerLabel(customer, ctx.w.casesUnnamed)}</a>`;
}

function row(ctx: PageContext, kase: FoundCase, search: boolean): Html {
  const { w } = ctx;
  const product = [kase.product, kase.serial].filter(Boolean).join(' · ');
  return html`<tr>
  <td><a href="/console/cases/${kase.ref}">${kase.ref}</a></td>
  <td>${customerLink(ctx, kase.customer)}</td>
  <td>${statusWord(w, kase.status)}</td>
  <td>${kase.team ?? w.none}</td>
  <td>${kase.owner}</td>
  <td>${kase.channel}</td>
  <td>${product || w.none}</td>
  <td>${decisionWord(w, kase.decision)}</td>
  <td><time datetime="${kase.updatedAt}">${localTime(ctx, kase.updatedAt)}</time></td>
  <td>${search ? kase.snippet : kase.summary}</td>
</tr>`;
}

function table(ctx: PageContext, model: CaseListModel): Html {
  const { w } = ctx;
  const result = model.result;
  if (!result) return html`<p class="notice error" role="alert">${w.casesRecordAway}</p>`;
  if (result.cases.length === 0) return html`<p class="notice" role="status">${w.casesNone}</p>`;
  const search = model.view === 'search' || !!model.filters.q;
  const next = result.next
    ? html`<p><a rel="next" href="/console/cases?${model.query}${model.query ? '&' : ''}cursor=${result.next}">${w.casesNextPage}</a></p>`
    : '';
  return html`<table id="case-list">
<caption>${result.count}${result.exact ? '' : '+'} ${w.casesFound}</caption>
<thead><tr><th scope="col">${w.ref}</th><th scope="col">${w.casesCustomer}</th><th scope="col">${w.status}</th><th scope="col">${w.team}</th><th scope="col">${w.casesOwner}</th><th scope="col">${w.channel}</th><th scope="col">${w.casesProduct}</th><th scope="col">${w.casesDecision}</th><th scope="col">${w.casesUpdated}</th><th scope="col">${search ? w.casesMatch : w.summary}</th></tr></thead>
<tbody>${result.cases.map((kase) => row(ctx, kase, search))}</tbody>
</table>${next}`;
}

function tabs(ctx: PageContext, model: CaseListModel): Html {
  const { w, staff } = ctx;
  const lists: Array<[CaseListView, string]> = [
    ['mine', w.casesMine],
    ['teams', w.casesMyTeams],
    ...(staff?.role === 'supervisor' ? [['open', w.casesAllOpen] as [CaseListView, string]] : []),
  ];
  return html`<nav class="tabs" aria-label="${w.casesTitle}">${lists.map(([view, label]) => {
    const count = model.counts[view];
    const current = model.view === view ? html` aria-current="page"` : '';
    return html`<a href="/console/cases?view=${view}"${current}>${label}${count === undefined ? '' : html` <span class="count">(${count})</span>`}</a> `;
  })}</nav>`;
}

function savedViews(ctx: PageContext, model: CaseListModel): Html {
  const { w } = ctx;
  const list = model.saved.length
    ? html`<ul class="saved-views">${model.saved.map(
        (view) => html`<li><a href="/console/cases?${view.query}">${view.name}</a>
<form class="inline" method="post" action="/console/saved-views/delete">${csrfField(ctx)}<input type="hidden" name="name" value="${view.name}"><button class="secondary" type="submit" aria-label="${w.casesDeleteView} ${view.name}">${w.casesDeleteView}</button></form></li>`,
      )}</ul>`
    : html`<p>${w.casesNoSavedViews}</p>`;
  return html`<section aria-labelledby="saved-views"><h2 id="saved-views">${w.casesSavedViews}</h2>${list}
<form class="inline" method="post" action="/console/saved-views">${csrfField(ctx)}<input type="hidden" name="query" value="${model.query}">
<label for="view-name">${w.casesSaveAs}</label> <input id="view-name" name="name" required maxlength="40"> <button type="submit">${w.casesSave}</button></form></section>`;
}

export function casesPage(ctx: PageContext, model: CaseListModel): Html {
  const { w } = ctx;
  const title =
    model.view === 'search'
      ? w.casesResults
      : { mine: w.casesMine, teams: w.casesMyTeams, open: w.casesAllOpen }[model.view];
  return page(
    ctx,
    title,
    html`<h1>${title}</h1>
${tabs(ctx, model)}
<div class="cases-layout">
<div>${table(ctx, model)}</div>
<aside>${casesFilters(ctx, model.view, model.filters)}${savedViews(ctx, model)}</aside>
</div>`,
    html`<link rel="stylesheet" href="/console/assets/cases.css">`,
  );
}
