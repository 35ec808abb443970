/**
 * The printable maintenance record (维护记录单) of a resolved case: what the engineer hands over or
 * emails — the customer, their address, the product and its serial, the parts with what each costs the
 * customer and the total, and lines for both signatures. The print stylesheet drops the navigation,
 * the Print button and the email form; the customer's confirmation shows once given.
 */
import type { MaintenanceRecord } from '../../cases/types.js';
import type { CaseDetail } from '../../staff/case-detail.js';
import type { CaseLabels } from '../case-labels.js';
import { type Html, html } from '../html.js';
import { csrfField, localTime, type PageContext, page } from './layout.js';

/** Offered only when email is configured; `to` is the customer's own address when they wrote by email. */
export interface RecordMailForm {
  key: string;
  to: string | null;
  /** After sending: where it went. */
  sentTo?: string;
}

function emailForm(ctx: PageContext, ref: string, form: RecordMailForm): Html {
  const { w } = ctx;
  return html`<section class="no-print" aria-labelledby="email-h"><h2 id="email-h">${w.emailRecord}</h2>
${form.sentTo ? html`<p class="notice" role="status">${w.recordEmailedTo} ${form.sentTo}</p>` : ''}
<form method="post" action="/console/cases/${ref}/record/email">${csrfField(ctx)}
<input type="hidden" name="_key" value="${form.key}-email">
${
  form.to
    ? html`<p>${w.emailRecordTo}: ${form.to}</p>`
    : html`<label for="record-to">${w.emailRecordTo}</label>
<input id="record-to" name="to" type="email" required maxlength="254" autocomplete="off">`
}
<button type="submit">${w.emailRecord}</button></form></section>`;
}

const money = (amount: number) => amount.toFixed(2);

/** What the customer is charged: the amounts on the parts (warranty and contract parts carry none). */
export function totalCharged(record: MaintenanceRecord): number {
  return record.partsReplaced.reduce((sum, part) => sum + (part.amount ?? 0), 0);
}

function partsTable(ctx: PageContext, parts: MaintenanceRecord['partsReplaced']): Html {
  const { w } = ctx;
  if (parts.length === 0) return html`${w.none}`;
  return html`<table class="parts"><thead><tr><th scope="col">${w.part}</th><th scope="col">${w.coverage}</th><th scope="col">${w.amount}</th></tr></thead>
<tbody>${parts.map((p) => html`<tr><td>${p.part}</td><td>${w.c.coverageName[p.coverage]}</td><td>${p.amount === undefined ? w.none : money(p.amount)}</td></tr>`)}</tbody></table>`;
}

export function recordPage(
  ctx: PageContext,
  detail: CaseDetail,
  mail?: RecordMailForm,
  labels?: CaseLabels,
): Html {
  const { w } = ctx;
  const kase = detail.case;
  const record = kase.record;
  if (!record) {
    return page(ctx, w.record, html`<h1>${w.record} · ${kase.ref}</h1><p>${w.noRecord}</p>`);
  }
  const time = (iso: string | undefined) => (iso ? localTime(ctx, iso) : w.none);
  const slot = (name: string) => (typeof kase.slots[name] === 'string' ? (kase.slots[name] as string) : '');
  const contact = detail.customer?.name ?? slot('contact_name');
  const rows: Array<[string, string | Html]> = [
    [w.ref, kase.ref],
    [w.customer, [contact, kase.route.address].filter(Boolean).join(' · ')],
    [w.c.address, slot('address') || w.none],
    [
      w.c.product,
      (slot('product') && labels?.choice('product', slot('product'))) || slot('product') || w.none,
    ],
    [w.c.serial, slot('serial') || w.none],
    [w.faultReported, record.faultReported],
    [w.faultFound, record.faultFound],
    [w.cause, record.cause],
    [w.actions, record.actions],
    [w.part, partsTable(ctx, record.partsReplaced)],
    [w.c.totalCharged, money(totalCharged(record))],
    ...(record.consumables?.length
      ? ([
          [
            w.consumables,
            html`${record.consumables.map((c) => html`<div>${c.item}${c.quantity === undefined ? '' : ` × ${c.quantity}`} · ${c.cost}</div>`)}`,
          ],
        ] as Array<[string, Html]>)
      : []),
    ...(record.trips?.length
      ? ([
          [
            w.trips,
            html`${record.trips.map((t) => html`<div>${t.vehicle ?? ''}${t.distanceKm === undefined ? '' : ` · ${t.distanceKm} km`}</div>`)}`,
          ],
        ] as Array<[string, Html]>)
      : []),
    ...(record.findings?.length
      ? ([
          [
            w.findings,
            html`${record.findings.map((f) => html`<div>${f.text}${f.risk ? html` · <strong>${w.findingRisk}</strong>` : ''}</div>`)}`,
          ],
        ] as Array<[string, Html]>)
      : []),
    [w.engineer, record.engineer],
    [w.mode, record.mode === 'onsite' ? w.onsite : w.remote],
    [w.arrivedAt, time(record.arrivedAt)],
    [w.finishedAt, time(record.finishedAt)],
    [
      w.confirmation,
      record.confirmation
        ? `${record.confirmation.state} · ${time(record.confirmation.at)}`
        : w.awaitingConfirmation,
    ],
  ];
  return page(
    ctx,
    w.record,
    html`<h1>${w.record} · ${kase.ref}</h1>
<p class="record-actions no-print"><button type="button" data-print hidden>${w.c.print}</button></p>
<table class="record"><tbody>${rows.map(([label, value]) => html`<tr><th scope="row">${label}</th><td>${value}</td></tr>`)}</tbody></table>
<table class="record signatures"><tbody>
<tr><th scope="row">${w.c.customerSignature}</th><td class="sign"></td><th scope="row">${w.c.date}</th><td class="sign"></td></tr>
<tr><th scope="row">${w.c.engineerSignature}</th><td class="sign"></td><th scope="row">${w.c.date}</th><td class="sign"></td></tr>
</tbody></table>
${mail ? emailForm(ctx, kase.ref, mail) : ''}
<p class="no-print"><a href="/console/cases/${kase.ref}">${w.ref} ${kase.ref}</a></p>`,
  );
}
