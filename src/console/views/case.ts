/**
 * The case page: the timeline across channels, the collected facts, the warranty decision, the
 * deadline, and the actions (reply, note, hand back to the bot, resolve with the maintenance record).
 * Every customer-supplied string goes through the escaping template.
 */
import type { TranscriptEntry } from '../../cases/types.js';
import type { CaseDetail } from '../../staff/case-detail.js';
import { type Html, html } from '../html.js';
import { auditSection } from './audit.js';
import { csrfField, localTime, type PageContext, page } from './layout.js';
import { kbDraftForm } from './learn-from-case.js';
import { dueCell } from './queue.js';
import { absentForm, resolveForm } from './record-form.js';

const CHANNEL_NAMES: Record<string, string> = {
  sms: 'SMS',
  email: 'Email',
  chat: 'Chat',
  voice: 'Phone',
};

function who(ctx: PageContext, entry: TranscriptEntry): string {
  const { w } = ctx;
  const author = (entry.author ?? '').replace(/^staff:/, '');
  if (entry.kind === 'in') return w.customer;
  if (entry.kind === 'note') return `${w.note} · ${author}`;
  if (entry.kind === 'event') return w.event;
  return !author || author === 'bot' ? w.bot : `${w.staff} · ${author}`;
}

/**
 * Only web links and this app's own paths become links (a `javascript:` URL from a provider must not
 * be clickable); an image kept by the app gets a preview (the CSP loads images from the app only).
 */
function attachments(ctx: PageContext, entry: TranscriptEntry): Html {
  const list = entry.meta?.attachments;
  if (!Array.isArray(list)) return html``;
  return html`${list.map((item: { url?: unknown; filename?: unknown; contentType?: unknown }) => {
    const url = typeof item.url === 'string' ? item.url : '';
    const label = typeof item.filename === 'string' && item.filename ? item.filename : url;
    const own = /^\/(?!\/)/.test(url);
    if (!own && !/^https?:\/\//i.test(url)) return html`<div>${ctx.w.attachment}: ${label}</div>`;
    const image = own && typeof item.contentType === 'string' && item.contentType.startsWith('image/');
    return html`<div>${ctx.w.attachment}: <a href="${url}" rel="noopener noreferrer" target="_blank">${label}</a>${
      image ? html`<br><img class="preview" src="${url}" alt="${label}">` : ''
    }</div>`;
  })}`;
}

/** The live part of the page (timeline and status), re-sent by the event stream when it changes. */
export function timelineFragment(ctx: PageContext, detail: CaseDetail): Html {
  const kase = detail.case;
  const items = detail.transcript.map(
    (entry) => html`<li class="${entry.kind}">
<span class="who">${who(ctx, entry)}</span><span class="when">${localTime(ctx, entry.at)}${entry.channel ? ` · ${CHANNEL_NAMES[entry.channel] ?? entry.channel}` : ''}</span>
<div class="text">${entry.text}</div>${attachments(ctx, entry)}</li>`,
  );
  return html`<p class="status-line">${ctx.w.status}: <strong>${kase.status}</strong> · ${ctx.w.owner}: ${kase.owner} · ${ctx.w.priority}: ${kase.priority} · ${ctx.w.deadline}: ${dueCell(ctx, detail.deadline?.due ?? null)}</p>
<ol class="timeline">${items}</ol>`;
}

function facts(ctx: PageContext, detail: CaseDetail): Html {
  const entries = Object.entries(detail.case.slots).filter(([, value]) => value !== null && value !== '');
  if (entries.length === 0) return html`<p>${ctx.w.none}</p>`;
  return html`<dl class="facts">${entries.map(
    ([key, value]) =>
      html`<dt>${key}</dt><dd>${typeof value === 'string' ? value : JSON.stringify(value)}</dd>`,
  )}</dl>`;
}

function warranty(ctx: PageContext, detail: CaseDetail): Html {
  const decision = detail.warranty;
  if (!decision) return html`<p>${ctx.w.noWarranty}</p>`;
  return html`<p><strong>${decision.decision}</strong> (${decision.rule})</p><p>${decision.explanation[ctx.lang]}</p>`;
}

/** datetime-local wants `YYYY-MM-DDTHH:mm` in the policy's zone; the server converts back. */
function field(id: string, label: string, input: Html): Html {
  return html`<label for="${id}">${label}</label>${input}`;
}

/** Supervisors: to a person (`staff:<name>`) or back into a team's queue (`team:<name>`). */
function reassignForm(ctx: PageContext, detail: CaseDetail, key: string): Html {
  const { w } = ctx;
  const ref = detail.case.ref;
  return html`<form method="post" action="/console/cases/${ref}/reassign">${csrfField(ctx)}
<input type="hidden" name="_key" value="${key}-reassign">
${field('reassign-to', w.reassignTo, html`<input id="reassign-to" name="to" required placeholder="staff:alice / team:onsite" pattern="(staff|team):[a-z0-9._-]+">`)}
<button class="secondary" type="submit">${w.reassign}</button></form>`;
}

/** Dispatch (book the engineer and a window) and, once booked, "running late" with a new time. */
function visitForms(ctx: PageContext, detail: CaseDetail, key: string): Html {
  const { w } = ctx;
  const kase = detail.case;
  const booked = kase.appointment;
  return html`<form method="post" action="/console/cases/${kase.ref}/dispatch">${csrfField(ctx)}
<input type="hidden" name="_key" value="${key}-dispatch">
<fieldset><legend>${w.dispatch}</legend>
<p><a href="/console/trips/suggest?ref=${kase.ref}">${w.groupVisits}</a></p>
${booked ? html`<p>${w.booked}: ${booked.engineer}, ${localTime(ctx, booked.window.start)} – ${localTime(ctx, booked.window.end)}</p>` : ''}
${field('d-engineer', w.engineer, html`<input id="d-engineer" name="engineer" required>`)}
${field('d-start', w.windowStart, html`<input id="d-start" name="start" type="datetime-local" required>`)}
${field('d-end', w.windowEnd, html`<input id="d-end" name="end" type="datetime-local" required>`)}
<p><button class="secondary" type="submit">${w.dispatch}</button></p>
</fieldset></form>
${
  booked
    ? html`<form method="post" action="/console/cases/${kase.ref}/late">${csrfField(ctx)}
<input type="hidden" name="_key" value="${key}-late">
<fieldset><legend>${w.late}</legend>
${field('l-eta', w.newEta, html`<input id="l-eta" name="eta" type="datetime-local" required>`)}
<p><button class="secondary" type="submit">${w.late}</button></p>
</fieldset></form>
${absentForm(ctx, detail, key)}`
    : ''
}`;
}

function actions(ctx: PageContext, detail: CaseDetail, key: string): Html {
  const { w } = ctx;
  const kase = detail.case;
  const channel = CHANNEL_NAMES[kase.route.channel] ?? kase.route.channel;
  const sms = kase.route.channel === 'sms';
  return html`<section aria-labelledby="actions-h"><h2 id="actions-h">${w.caseActions}</h2>
<form method="post" action="/console/cases/${kase.ref}/reply">${csrfField(ctx)}
<input type="hidden" name="_key" value="${key}-reply">
<label for="reply-text">${w.replyIn}: ${channel} (${kase.route.address})</label>
<textarea id="reply-text" name="text" required maxlength="4000"${sms ? html` data-sms="sms-count"` : ''}></textarea>
${sms ? html`<p class="status-line">SMS: <span id="sms-count">1</span></p>` : ''}
<button type="submit">${w.send}</button></form>
<form method="post" action="/console/cases/${kase.ref}/note">${csrfField(ctx)}
<input type="hidden" name="_key" value="${key}-note">
<label for="note-text">${w.note}</label>
<textarea id="note-text" name="text" required maxlength="4000"></textarea>
<button class="secondary" type="submit">${w.addNote}</button></form>
<form method="post" action="/console/cases/${kase.ref}/release">${csrfField(ctx)}
<input type="hidden" name="_key" value="${key}-release">
<p><button class="secondary" type="submit">${w.release}</button></p></form>
${ctx.staff?.role === 'supervisor' ? reassignForm(ctx, detail, key) : ''}
${visitForms(ctx, detail, key)}
${resolveForm(ctx, detail, key)}
</section>`;
}

export function casePage(ctx: PageContext, detail: CaseDetail, key: string, notice?: string): Html {
  const { w } = ctx;
  const kase = detail.case;
  const others = (detail.customer?.cases ?? []).filter((ref) => ref !== kase.ref);
  const products = (detail.customer?.products ?? []).filter((p) => p.category || p.serial);
  return page(
    ctx,
    kase.ref,
    html`<h1>${w.ref} ${kase.ref}</h1>
<p class="live-state" aria-live="polite" data-on="${w.live}" data-off="${w.offline}"></p>
${notice ? html`<p class="notice" role="status">${notice}</p>` : ''}
<div class="grid">
<section aria-labelledby="timeline-h"><h2 id="timeline-h">${w.timeline}</h2>
<div id="timeline" data-live="/console/events/cases/${kase.ref}">${timelineFragment(ctx, detail)}</div>
${actions(ctx, detail, key)}
</section>
<aside>
<h2>${w.customer}</h2>
<p>${detail.customer?.name ?? ''} ${kase.route.address}</p>
<p><a href="/console/customers/${kase.customerId}/group">${w.customerGroup}</a></p>
${others.length ? html`<p>${others.map((ref) => html`<a href="/console/cases/${ref}">${ref}</a> `)}</p>` : ''}
${products.length ? html`<ul>${products.map((p) => html`<li>${[p.category, p.serial].filter(Boolean).join(' · ')}</li>`)}</ul>` : ''}
${kase.record ? html`<p><a href="/console/cases/${kase.ref}/record">${w.printRecord}</a></p>` : ''}
${kbDraftForm(ctx, kase, key)}
<h2>${w.facts}</h2>${facts(ctx, detail)}
<h2>${w.warranty}</h2>${warranty(ctx, detail)}
${auditSection(ctx, detail.audit)}
</aside>
</div>`,
  );
}
