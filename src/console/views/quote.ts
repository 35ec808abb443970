/**
 * The quote panel on the case page (保外维修报价): the quote as it stands — status, items, total, last
 * day, the customer's answer — and the form that sends one (items with amounts, currency, days valid),
 * or sends an expired or declined one again. Posts to src/console/routes/quote.ts.
 */
import type { QuoteView } from '../../cases/quote.js';
import { formatAmount } from '../../cases/quote.js';
import type { CaseDetail } from '../../staff/case-detail.js';
import { type Html, html } from '../html.js';
import { csrfField, localTime, type PageContext } from './layout.js';

/** Item rows the form offers; an empty row is left out. */
export const QUOTE_ROWS = 5;

function statusWord(
  ctx: PageContext,
  status: QuoteView extends null ? never : NonNullable<QuoteView>['status'],
) {
  const { w } = ctx;
  return {
    sent: w.quoteStatusSent,
    accepted: w.quoteStatusAccepted,
    declined: w.quoteStatusDeclined,
    expired: w.quoteStatusExpired,
  }[status];
}

function current(ctx: PageContext, quote: NonNullable<QuoteView>): Html {
  const { w } = ctx;
  return html`<p class="quote-status">${w.quoteStatus} ${quote.n}: <strong data-quote-status="${quote.status}">${statusWord(ctx, quote.status)}</strong></p>
<table class="quote-items"><tbody>${quote.items.map(
    (item) =>
      html`<tr><td>${item.description}</td><td>${formatAmount(item.amount, quote.currency)}</td></tr>`,
  )}<tr><th scope="row">${w.quoteTotal}</th><th>${formatAmount(quote.total, quote.currency)}</th></tr></tbody></table>
<p>${w.quoteValidUntil}: ${localTime(ctx, quote.validUntil)}${quote.decidedAt ? html` · ${w.quoteDecidedAt}: ${localTime(ctx, quote.decidedAt)}` : ''}</p>
${quote.reason ? html`<p>${w.quoteReason}: ${quote.reason}</p>` : ''}`;
}

function sendForm(ctx: PageContext, ref: string, key: string): Html {
  const { w } = ctx;
  const rows = Array.from({ length: QUOTE_ROWS }, (_, n) => n);
  return html`<form method="post" action="/console/cases/${ref}/quote">${csrfField(ctx)}
<input type="hidden" name="_key" value="${key}-quote">
<p class="status-line">${w.quoteHint}</p>
<table class="quote-form"><thead><tr><th scope="col">${w.quoteItem}</th><th scope="col">${w.quoteAmount}</th></tr></thead><tbody>${rows.map(
    (n) =>
      html`<tr><td><input name="description_${n}" aria-label="${w.quoteItem} ${n + 1}" maxlength="200"${n === 0 ? html` required` : ''}></td><td><input name="amount_${n}" aria-label="${w.quoteAmount} ${n + 1}" type="number" min="0" step="0.01"${n === 0 ? html` required` : ''}></td></tr>`,
  )}</tbody></table>
<label for="q-currency">${w.quoteCurrency}</label><input id="q-currency" name="currency" value="CNY" pattern="[A-Z]{3}" required>
<label for="q-days">${w.quoteValidDays}</label><input id="q-days" name="validDays" type="number" min="1" max="90" value="7" required>
<p><button class="secondary" type="submit">${w.quoteSend}</button></p></form>`;
}

export function quotePanel(ctx: PageContext, detail: CaseDetail, key: string): Html {
  const { w } = ctx;
  const kase = detail.case;
  const quote = detail.quote ?? null;
  const active = kase.status !== 'resolved' && kase.status !== 'closed';
  const again = quote && (quote.status === 'expired' || quote.status === 'declined');
  return html`<fieldset class="quote"><legend>${w.quote}</legend>
${quote ? current(ctx, quote) : html`<p>${w.quoteNone}</p>`}
${
  active && again
    ? html`<form method="post" action="/console/cases/${kase.ref}/quote/resend">${csrfField(ctx)}
<input type="hidden" name="_key" value="${key}-quote-resend"><p><button class="secondary" type="submit">${w.quoteResend}</button></p></form>`
    : ''
}
${active && quote?.status !== 'accepted' ? sendForm(ctx, kase.ref, key) : ''}
</fieldset>`;
}
