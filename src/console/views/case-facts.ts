/**
 * The facts pane: who the customer is (name, how to reach them, their other cases and products) and
 * what the case collected, each under the label the flows give it, with dates as dates and choices as
 * words (产品类型: 打印机, never `{"earliest":"2025-05-01T00:00:00.000Z"}`), and the warranty decision
 * said in full.
 */
import type { CaseDetail } from '../../staff/case-detail.js';
import type { CaseLabels } from '../case-labels.js';
import { type Html, html } from '../html.js';
import type { PageContext } from './layout.js';
import { localTimes } from './timeline.js';

const DATE_ONLY = /^(\d{4}-\d{2}-\d{2})T00:00(?::00(?:\.0+)?)?(?:Z|[+-]00:?00)?$/;

/** A slot's value as a person writes it. */
export function factValue(ctx: PageContext, labels: CaseLabels, slot: string, value: unknown): string {
  if (typeof value === 'boolean') return value ? ctx.w.c.yes : ctx.w.c.no;
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') {
    const day = DATE_ONLY.exec(value);
    if (day) return day[1]!;
    return localTimes(ctx, labels.choice(slot, value));
  }
  if (Array.isArray(value)) return value.map((item) => factValue(ctx, labels, slot, item)).join(', ');
  if (value && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    // A date known to a range (a month, "last spring"): its two ends, or one when they agree.
    if ('earliest' in record || 'latest' in record) {
      const ends = [record.earliest, record.latest].map((end) => factValue(ctx, labels, slot, end));
      return ends[0] === ends[1] ? ends[0]! : ends.filter(Boolean).join(' – ');
    }
    if ('value' in record) return factValue(ctx, labels, slot, record.value);
    return Object.values(record)
      .filter((item) => item !== null && item !== undefined && item !== '')
      .map((item) => factValue(ctx, labels, slot, item))
      .join(' · ');
  }
  return '';
}

export function caseFacts(ctx: PageContext, detail: CaseDetail, labels: CaseLabels): Html {
  const { w } = ctx;
  const entries = Object.entries(detail.case.slots).filter(
    ([, value]) => value !== null && value !== undefined && value !== '',
  );
  const decision = detail.warranty;
  return html`<h2>${w.facts}</h2>${
    entries.length === 0
      ? html`<p>${w.none}</p>`
      : html`<dl class="facts">${entries.map(
          ([key, value]) => html`<dt>${labels.slot(key)}</dt><dd>${factValue(ctx, labels, key, value)}</dd>`,
        )}</dl>`
  }
<h2>${w.warranty}</h2>${
    decision
      ? html`<p><strong>${w.c.decisionName[decision.decision] ?? decision.decision}</strong> · ${w.c.ruleName[decision.rule.split(':')[0] as keyof typeof w.c.ruleName] ?? decision.rule}</p><p>${decision.explanation[ctx.lang]}</p>`
      : html`<p>${w.noWarranty}</p>`
  }`;
}

/** The phone numbers and addresses the customer is known by, without the internal identity prefixes. */
function reach(identities: string[]): string[] {
  return identities
    .filter((identity) => /^(phone|email):/.test(identity))
    .map((identity) => identity.replace(/^(phone|email):/, ''));
}

export function customerCard(ctx: PageContext, detail: CaseDetail, labels: CaseLabels): Html {
  const { w } = ctx;
  const kase = detail.case;
  const customer = detail.customer;
  const others = (customer?.cases ?? []).filter((ref) => ref !== kase.ref);
  const products = (customer?.products ?? []).filter((p) => p.category || p.serial);
  const contacts = [...new Set([kase.route.address, ...reach(customer?.identities ?? [])])];
  const address = typeof kase.slots.address === 'string' ? kase.slots.address : '';
  return html`<h2>${w.customer}</h2>
<p class="customer-name"><strong>${customer?.name ?? (typeof kase.slots.contact_name === 'string' ? kase.slots.contact_name : w.none)}</strong></p>
<ul class="plain">${contacts.map((contact) => html`<li>${contact}</li>`)}${address ? html`<li>${w.c.address}: ${address}</li>` : ''}</ul>
${products.length ? html`<ul class="plain">${products.map((p) => html`<li>${[p.category ? labels.choice('product', p.category) : '', p.serial].filter(Boolean).join(' · ')}</li>`)}</ul>` : ''}
${others.length ? html`<p>${others.map((ref) => html`<a href="/console/cases/${ref}">${ref}</a> `)}</p>` : ''}`;
}
