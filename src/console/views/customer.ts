/**
 * The customer page (`/console/customers/:id`): who they are and how to reach them, every identity
 * with who linked it, their products with warranty, contract and repairs, every case with its outcome,
 * and their visits — the whole customer at a glance, from any case or list row.
 */
import { customerLabel, formatPhone } from '../../cases/customer-label.js';
import type { CustomerCase, CustomerView } from '../../staff/customer-view.js';
import { type Html, html } from '../html.js';
import { decisionWord, statusWord } from './case-list-words.js';
import { csrfField, localTime, type PageContext, page } from './layout.js';

function contact(ctx: PageContext, view: CustomerView): Html {
  const { w } = ctx;
  const c = view.customer;
  const fact = (label: string, value: Html | string | null) =>
    html`<dt>${label}</dt><dd>${value ?? w.none}</dd>`;
  return html`<section aria-labelledby="contact"><h2 id="contact">${w.customerContact}</h2><dl class="facts">
${fact(w.customerName, c.name)}
${fact(w.customerPhone, c.phone ? html`<a href="tel:${c.phone}">${formatPhone(c.phone)}</a>` : null)}
${fact(w.customerEmail, c.email ? html`<a href="mailto:${c.email}">${c.email}</a>` : null)}
${fact(w.customerGroup, c.group)}
${fact(w.customerLanguage, c.lang === 'zh' ? w.customerLanguageZh : w.customerLanguageEn)}
${fact(w.customerAddress, c.address)}
${fact(w.customerSince, localTime(ctx, c.createdAt))}
</dl></section>`;
}

function identities(ctx: PageContext, view: CustomerView): Html {
  const { w } = ctx;
  const rows = view.customer.identities.map(
    (
      identity,
    ) => html`<tr><td>${identity.identity}${view.customer.optedOut.includes(identity.identity) ? html` <strong>(${w.customerOptedOut})</strong>` : ''}</td>
<td>${identity.linkedBy ?? (identity.linkedAt ? w.customerFirstContact : w.none)}</td>
<td>${identity.linkedAt ? localTime(ctx, identity.linkedAt) : w.none}</td></tr>`,
  );
  return html`<section aria-labelledby="identities"><h2 id="identities">${w.customerIdentities}</h2>
<table><thead><tr><th scope="col">${w.customerIdentity}</th><th scope="col">${w.customerLinkedBy}</th><th scope="col">${w.customerLinkedAt}</th></tr></thead><tbody>${rows}</tbody></table></section>`;
}

function products(ctx: PageContext, view: CustomerView): Html {
  const { w } = ctx;
  if (view.products.length === 0)
    return html`<section aria-labelledby="products"><h2 id="products">${w.customerProducts}</h2><p>${w.customerNoProducts}</p></section>`;
  const rows = view.products.map((product) => {
    const contract = product.contract
      ? html`${product.contract.number} (${product.contract.active ? html`${w.customerContractActive} ${product.contract.end ?? ''}` : w.customerContractEnded})`
      : w.none;
    const warranty = product.warranty
      ? html`${decisionWord(w, product.warranty.decision)} (<a href="/console/cases/${product.warranty.ref}">${product.warranty.ref}</a>)`
      : w.none;
    return html`<tr><td>${product.category ?? w.none}</td><td>${product.serial ?? w.none}</td><td>${warranty}</td><td>${contract}</td><td>${product.repairs}</td></tr>`;
  });
  return html`<section aria-labelledby="products"><h2 id="products">${w.customerProducts}</h2>
<table id="customer-products"><thead><tr><th scope="col">${w.customerCategory}</th><th scope="col">${w.customerSerial}</th><th scope="col">${w.customerWarranty}</th><th scope="col">${w.customerContract}</th><th scope="col">${w.customerRepairs}</th></tr></thead><tbody>${rows}</tbody></table></section>`;
}

function outcome(ctx: PageContext, kase: CustomerCase): string {
  const { w } = ctx;
  if (kase.status !== 'resolved' && kase.status !== 'closed') return w.customerOutcomeOpen;
  if (kase.outcome.kind === 'inspection') return w.customerOutcomeInspection;
  if (kase.outcome.mode === 'onsite') return w.customerOutcomeOnsite;
  if (kase.outcome.mode === 'remote') return w.customerOutcomeRemote;
  return w.customerOutcomeNoRecord;
}

function cases(ctx: PageContext, view: CustomerView): Html {
  const { w } = ctx;
  const rows = view.cases.map(
    (
      kase,
    ) => html`<tr><td>${kase.visible ? html`<a href="/console/cases/${kase.ref}">${kase.ref}</a>` : html`${kase.ref} <span class="muted">(${w.customerNotVisible})</span>`}</td>
<td>${statusWord(w, kase.status)}</td><td>${outcome(ctx, kase)}</td><td>${decisionWord(w, kase.decision)}</td>
<td>${[kase.product, kase.serial].filter(Boolean).join(' · ') || w.none}</td><td>${kase.team ?? w.none}</td>
<td><time datetime="${kase.createdAt}">${localTime(ctx, kase.createdAt)}</time></td><td>${kase.summary}</td></tr>`,
  );
  return html`<section aria-labelledby="customer-cases"><h2 id="customer-cases">${w.customerCases} (${view.cases.length})</h2>
<table id="customer-case-list"><thead><tr><th scope="col">${w.ref}</th><th scope="col">${w.status}</th><th scope="col">${w.customerOutcome}</th><th scope="col">${w.casesDecision}</th><th scope="col">${w.casesProduct}</th><th scope="col">${w.team}</th><th scope="col">${w.customerCreated}</th><th scope="col">${w.summary}</th></tr></thead><tbody>${rows}</tbody></table></section>`;
}

function visits(ctx: PageContext, view: CustomerView): Html {
  const { w } = ctx;
  const list = view.visits.length
    ? html`<table><thead><tr><th scope="col">${w.ref}</th><th scope="col">${w.customerEngineer}</th><th scope="col">${w.customerWindow}</th><th scope="col">${w.customerArrived}</th></tr></thead><tbody>${view.visits.map(
        (visit) =>
          html`<tr><td><a href="/console/cases/${visit.ref}">${visit.ref}</a></td><td>${visit.engineer}</td><td>${localTime(ctx, visit.start)} – ${localTime(ctx, visit.end)}</td><td>${visit.arrivedAt ? localTime(ctx, visit.arrivedAt) : w.none}</td></tr>`,
      )}</tbody></table>`
    : html`<p>${w.customerNoVisits}</p>`;
  return html`<section aria-labelledby="visits"><h2 id="visits">${w.customerVisits}</h2>${list}</section>`;
}

function quotes(ctx: PageContext, view: CustomerView): Html {
  const { w } = ctx;
  if (view.quotes.length === 0) return html``;
  const statusWord = {
    sent: w.quoteStatusSent,
    accepted: w.quoteStatusAccepted,
    declined: w.quoteStatusDeclined,
    expired: w.quoteStatusExpired,
  } as const;
  return html`<section aria-labelledby="quotes"><h2 id="quotes">${w.customerQuotes}</h2>
<table><thead><tr><th scope="col">${w.ref}</th><th scope="col">${w.status}</th><th scope="col">${w.customerQuoteTotal}</th><th scope="col">${w.customerQuoteSent}</th></tr></thead><tbody>${view.quotes.map(
    (quote) =>
      html`<tr><td><a href="/console/cases/${quote.ref}">${quote.ref}</a></td><td>${statusWord[quote.status as keyof typeof statusWord] ?? quote.status}</td><td>${quote.total.toFixed(2)} ${quote.currency}</td><td>${localTime(ctx, quote.sentAt)}</td></tr>`,
  )}</tbody></table></section>`;
}

/** Start a conversation on one of the customer's channels (SMS to their phone, or email). */
function writeForm(ctx: PageContext, view: CustomerView, key: string): Html {
  const { w } = ctx;
  const { phone, email } = view.customer;
  const choices = [
    ...(phone ? [html`<option value="sms:${phone}">SMS ${formatPhone(phone)}</option>`] : []),
    ...(email ? [html`<option value="email:${email}">Email ${email}</option>`] : []),
  ];
  const body = choices.length
    ? html`<form method="post" action="/console/customers/${view.customer.id}/write">${csrfField(ctx)}<input type="hidden" name="_key" value="${key}">
<label for="write-to">${w.customerWriteBy}</label><select id="write-to" name="to">${choices}</select>
<label for="write-text">${w.customerWriteText}</label><textarea id="write-text" name="text" required maxlength="4000"></textarea>
<p><button type="submit">${w.customerWriteSend}</button></p></form>`
    : html`<p>${w.customerWriteNone}</p>`;
  return html`<section aria-labelledby="write"><h2 id="write">${w.customerWrite}</h2>${body}</section>`;
}

export function customerPage(ctx: PageContext, view: CustomerView, key: string): Html {
  const label = customerLabel(view.customer, ctx.w.casesUnnamed);
  return page(
    ctx,
    `${ctx.w.customerTitle}: ${label}`,
    html`<h1>${label}</h1>
<div class="customer-layout">
<div>${cases(ctx, view)}${products(ctx, view)}${visits(ctx, view)}${quotes(ctx, view)}</div>
<aside>${contact(ctx, view)}${writeForm(ctx, view, key)}${identities(ctx, view)}</aside>
</div>`,
    html`<link rel="stylesheet" href="/console/assets/cases.css">`,
  );
}
