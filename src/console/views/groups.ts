/**
 * Customer groups in the console: a customer's group with the form that sets it (agents and
 * supervisors), and the customers of a group (everyone), filtered by segment, region and industry.
 */
import type { CustomerGroup, GroupMember } from '../../reports/groups.js';
import { segments } from '../../reports/groups.js';
import { type Html, html } from '../html.js';
import { csrfField, localTime, type PageContext, page } from './layout.js';
import { segmentLabel } from './reports.js';

function option(value: string, label: string, chosen: string): Html {
  return html`<option value="${value}"${value === chosen ? html` selected` : ''}>${label}</option>`;
}

function describe(ctx: PageContext, group: CustomerGroup): Html {
  const { w } = ctx;
  const from = group.source === 'contract' ? ` (${w.groupFromContract} ${group.contractNumber ?? ''})` : '';
  return html`<dl class="group">
<dt>${w.segment}</dt><dd>${segmentLabel(w, group.segment)}${from}</dd>
<dt>${w.region}</dt><dd>${group.region ?? '—'}</dd>
<dt>${w.industry}</dt><dd>${group.industry ?? '—'}</dd>
<dt>${w.source}</dt><dd>${group.updatedBy ?? '—'} · ${localTime(ctx, group.updatedAt)}</dd>
</dl>`;
}

export function customerGroupPage(
  ctx: PageContext,
  customer: { id: string; name: string | null },
  group: CustomerGroup | null,
  options: { mayEdit: boolean; notice?: string },
): Html {
  const { w } = ctx;
  const chosen = group?.segment ?? '';
  const form = options.mayEdit
    ? html`<form method="post" action="/console/customers/${customer.id}/group">${csrfField(ctx)}
<label for="g-segment">${w.segment}</label><select id="g-segment" name="segment" required>${segments.map((s) => option(s, segmentLabel(w, s), chosen))}</select>
<label for="g-region">${w.region}</label><input id="g-region" name="region" maxlength="60" value="${group?.region ?? ''}">
<label for="g-industry">${w.industry}</label><input id="g-industry" name="industry" maxlength="60" value="${group?.industry ?? ''}">
<p><button type="submit">${w.setGroup}</button></p>
</form>`
    : '';
  return page(
    ctx,
    w.customerGroup,
    html`<h1>${w.customerGroup}: ${customer.name ?? customer.id}</h1>
${options.notice ? html`<p class="notice" role="status">${options.notice}</p>` : ''}
${group ? describe(ctx, group) : html`<p>—</p>`}
${form}
<p><a href="/console/groups">${w.customersOfGroup}</a></p>`,
  );
}

export function groupListPage(
  ctx: PageContext,
  members: readonly GroupMember[],
  chosen: { segment: string; region: string; industry: string },
): Html {
  const { w } = ctx;
  const rows = members.map(
    (m) =>
      html`<tr><td><a href="/console/customers/${m.customerId}/group">${m.name ?? m.customerId}</a></td><td>${segmentLabel(w, m.group.segment)}</td><td>${m.group.region ?? '—'}</td><td>${m.group.industry ?? '—'}</td><td>${m.cases}</td></tr>`,
  );
  return page(
    ctx,
    w.customersOfGroup,
    html`<h1>${w.customersOfGroup}</h1>
<form method="get" action="/console/groups">
<label for="l-segment">${w.segment}</label><select id="l-segment" name="segment">${option('', w.allSegments, chosen.segment)}${segments.map((s) => option(s, segmentLabel(w, s), chosen.segment))}</select>
<label for="l-region">${w.region}</label><input id="l-region" name="region" value="${chosen.region}">
<label for="l-industry">${w.industry}</label><input id="l-industry" name="industry" value="${chosen.industry}">
<p><button type="submit">${w.show}</button></p>
</form>
<table class="groups"><caption>${w.customersOfGroup}</caption>
<thead><tr><th scope="col">${w.customerId}</th><th scope="col">${w.segment}</th><th scope="col">${w.region}</th><th scope="col">${w.industry}</th><th scope="col">${w.casesCount}</th></tr></thead>
<tbody>${rows}</tbody></table>`,
  );
}
