/**
 * Service contracts for staff: every contract (or those due for renewal) with its state and planned
 * visits, a CSV import whose refused lines are listed one by one, and — for supervisors — ending a
 * contract early.
 */
import type { ContractView } from '../../contracts/service.js';
import { newFormKey } from '../action-id.js';
import { type Html, html } from '../html.js';
import { csrfField, type PageContext, page } from './layout.js';

export interface ContractsPageInput {
  contracts: ContractView[];
  renewalOnly: boolean;
  /** Today in the business timezone: the earliest day a contract may be ended on. */
  today: string;
  /** After an import: what came in, or each refused line. */
  imported?: string[];
  problems?: Array<{ line: number | null; message: string }>;
  notice?: string;
}

function stateOf(ctx: PageContext, view: ContractView): Html {
  const { w } = ctx;
  const state =
    view.status === 'covered'
      ? w.contractStateCovered
      : view.status === 'not_started'
        ? w.contractStateNotStarted
        : w.contractStateExpired;
  return html`${state}${view.renewalDue ? html` · <strong class="tag amber">${w.contractRenewal}</strong>` : ''}${
    view.endedEarly ? html`<br><small>${w.contractEndedEarly} ${view.endedEarly.on}</small>` : ''
  }`;
}

function endForm(ctx: PageContext, view: ContractView, today: string): Html {
  const { w } = ctx;
  if (ctx.staff?.role !== 'supervisor' || view.status === 'expired' || view.lastDay < today) return html``;
  const id = `end-${view.number}`;
  return html`<details><summary>${w.contractEnd}</summary>
<form method="post" action="/console/contracts/${view.number}/end" class="stack">${csrfField(ctx)}
<input type="hidden" name="_key" value="${newFormKey()}">
<label for="${id}-on">${w.contractEndOn}</label><input id="${id}-on" name="on" type="date" required min="${today}" max="${view.end}" value="${today}">
<label for="${id}-reason">${w.contractEndReason}</label><input id="${id}-reason" name="reason" required maxlength="1000">
<button type="submit">${w.contractEnd}</button>
</form></details>`;
}

function contractRow(ctx: PageContext, view: ContractView, today: string): Html {
  const { w } = ctx;
  const units = view.serials.length
    ? view.serials.slice(0, 5).join(', ') + (view.serials.length > 5 ? ` … (${view.serials.length})` : '')
    : view.site
      ? `${view.site.category} × ${view.site.quantity}`
      : w.none;
  const contact = [view.customer.phone, view.customer.email].filter(Boolean).join(' · ');
  return html`<tr id="contract-${view.number}">
<td><strong>${view.number}</strong></td>
<td>${view.customer.name}${contact ? html`<br><small>${contact}</small>` : ''}</td>
<td class="wrap">${units}</td>
<td>${view.start} – ${view.lastDay}</td>
<td>${view.level === 'onsite' ? w.contractLevelOnsite : w.contractLevelReturn} · ${view.responseHours} h</td>
<td>${stateOf(ctx, view)}</td>
<td class="wrap">${
    view.plannedVisits
      .filter((day) => day >= today)
      .slice(0, 3)
      .join(', ') || w.none
  }</td>
<td>${endForm(ctx, view, today)}</td>
</tr>`;
}

function importResult(ctx: PageContext, input: ContractsPageInput): Html {
  const { w } = ctx;
  if (input.problems?.length) {
    return html`<div class="notice error" role="alert"><p>${w.contractImportRefused}</p>
<table class="problems"><thead><tr><th scope="col">${w.contractLine}</th><th scope="col">${w.contractProblem}</th></tr></thead>
<tbody>${input.problems.map((p) => html`<tr><td>${p.line ?? w.none}</td><td>${p.message}</td></tr>`)}</tbody></table></div>`;
  }
  if (input.imported?.length)
    return html`<p class="notice" role="status">${w.contractImported}: ${input.imported.join(', ')}</p>`;
  return html``;
}

function importForm(ctx: PageContext): Html {
  const { w } = ctx;
  if (ctx.staff?.role === 'engineer') return html``;
  return html`<section aria-labelledby="import-title"><h2 id="import-title">${w.contractImport}</h2>
<p>${w.contractImportHelp}</p>
<form method="post" action="/console/contracts/import" enctype="multipart/form-data">${csrfField(ctx)}
<label for="contract-file">${w.contractFile}</label>
<input id="contract-file" name="file" type="file" accept=".csv,text/csv" required>
<button type="submit">${w.contractImportButton}</button>
</form></section>`;
}

export function contractsPage(ctx: PageContext, input: ContractsPageInput): Html {
  const { w } = ctx;
  const rows = input.contracts.map((view) => contractRow(ctx, view, input.today));
  return page(
    ctx,
    w.contracts,
    html`<h1>${w.contracts}</h1>
<p class="tabs"><a href="/console/contracts"${input.renewalOnly ? '' : html` aria-current="page"`}>${w.contractsAll}</a>
<a href="/console/contracts?renewal=due"${input.renewalOnly ? html` aria-current="page"` : ''}>${w.contractsRenewalDue}</a></p>
${input.notice ? html`<p class="notice" role="status">${input.notice}</p>` : ''}
${importResult(ctx, input)}
<p>${input.contracts.length} ${w.contractCount}</p>
${
  rows.length === 0
    ? html`<p>${w.contractNone}</p>`
    : html`<div class="scroll-x"><table class="contracts"><thead><tr><th scope="col">${w.contractNumber}</th><th scope="col">${w.contractHolder}</th><th scope="col">${w.contractUnits}</th><th scope="col">${w.contractTerm}</th><th scope="col">${w.contractLevel}</th><th scope="col">${w.contractState}</th><th scope="col">${w.contractVisits}</th><th scope="col"><span class="visually-hidden">${w.contractEnd}</span></th></tr></thead>
<tbody>${rows}</tbody></table></div>`
}
${importForm(ctx)}`,
  );
}
