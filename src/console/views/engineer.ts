/**
 * The engineer's day on a phone: today's visits in window order, each with district, address (a map
 * link), contact (a `tel:` link) and window; "arrived" and "finished"; then, per visit, photos from the
 * camera, the maintenance record and the customer's confirmation on the spot (a signature drawn on the
 * screen, or a code texted to them). One column, nothing wider than the phone.
 */
import type { CaseDetail } from '../../staff/case-detail.js';
import { newFormKey } from '../action-id.js';
import { type DayVisit, mapLink } from '../engineer-day.js';
import { type Html, html } from '../html.js';
import { csrfField, localTime, type PageContext, page } from './layout.js';
import { resolveForm } from './record-form.js';

const HEAD = html`<link rel="stylesheet" href="/console/assets/workplace.css"><script src="/console/assets/signature.js" defer></script>`;

const hhmm = (ctx: PageContext, iso: string) => localTime(ctx, iso).slice(11);

function stepForm(ctx: PageContext, visit: DayVisit): Html {
  const { w } = ctx;
  const appointment = visit.case.appointment!;
  // The record's finish time once written: the visit is over, there is nothing left to press.
  const finished = appointment.finishedAt ?? visit.case.record?.finishedAt;
  const button = (step: 'arrived' | 'finished', label: string) =>
    html`<form method="post" action="/console/engineer/${visit.case.ref}/${step}" class="step">${csrfField(ctx)}<input type="hidden" name="_key" value="${newFormKey()}"><button type="submit">${label}</button></form>`;
  return html`<div class="steps">
${appointment.arrivedAt ? html`<p>${w.engineerArrivedAt}: <strong>${hhmm(ctx, appointment.arrivedAt)}</strong></p>` : button('arrived', w.engineerArrived)}
${finished ? html`<p>${w.engineerFinishedAt}: <strong>${hhmm(ctx, finished)}</strong></p>` : appointment.arrivedAt ? button('finished', w.engineerFinished) : ''}
</div>`;
}

function visitCard(ctx: PageContext, visit: DayVisit, detailLink: boolean): Html {
  const { w } = ctx;
  const kase = visit.case;
  const appointment = kase.appointment!;
  return html`<article class="visit-card" aria-labelledby="v-${kase.ref}">
<h2 id="v-${kase.ref}"><span class="window">${hhmm(ctx, appointment.window.start)}–${hhmm(ctx, appointment.window.end)}</span>
${detailLink ? html`<a href="/console/engineer/${kase.ref}">${kase.ref}</a>` : kase.ref}</h2>
${appointment.lateEta ? html`<p class="notice">${w.engineerLateEta} ${hhmm(ctx, appointment.lateEta)}</p>` : ''}
<p class="summary">${kase.summary}</p>
<dl class="facts">
<dt>${w.engineerDistrict}</dt><dd>${visit.district ?? w.none}</dd>
<dt>${w.engineerAddress}</dt><dd>${visit.address ? html`${visit.address} <a href="${mapLink(visit.address)}" rel="noopener noreferrer" target="_blank">${w.engineerMap}</a>` : w.none}</dd>
<dt>${w.engineerContact}</dt><dd>${visit.contactName ?? ''} ${visit.phone ? html`<a class="call" href="tel:${visit.phone}">${w.engineerCall} ${visit.phone}</a>` : visit.contactName ? '' : w.none}</dd>
</dl>
${stepForm(ctx, visit)}
</article>`;
}

export function engineerDayPage(ctx: PageContext, visits: DayVisit[], notice?: string): Html {
  const { w } = ctx;
  return page(
    ctx,
    w.engineerMyDay,
    html`<h1>${w.engineerMyDay}</h1>
${notice ? html`<p class="notice" role="status">${notice}</p>` : ''}
<div class="day">${visits.length === 0 ? html`<p>${w.engineerNone}</p>` : visits.map((visit) => visitCard(ctx, visit, true))}</div>`,
    HEAD,
  );
}

function photoForm(ctx: PageContext, ref: string): Html {
  const { w } = ctx;
  return html`<form method="post" action="/console/engineer/${ref}/photo" enctype="multipart/form-data" class="stack">${csrfField(ctx)}
<label for="photo">${w.engineerPhoto}</label>
<input id="photo" name="file" type="file" accept="image/*" capture="environment" required>
<button type="submit">${w.engineerPhotoSend}</button></form>`;
}

function confirmSection(ctx: PageContext, detail: CaseDetail, codeSent: boolean): Html {
  const { w } = ctx;
  const kase = detail.case;
  const confirmation = kase.record?.confirmation;
  if (!kase.record) return html`<p>${w.engineerNoRecord}</p>`;
  if (confirmation?.state === 'confirmed')
    return html`<p class="notice" role="status">${confirmation.onSite?.method === 'signature' ? w.engineerSigned : w.engineerConfirmed} · ${localTime(ctx, confirmation.at)}</p>${
      confirmation.onSite?.signature
        ? html`<img class="signature" src="${confirmation.onSite.signature}" alt="${w.engineerSigned}">`
        : ''
    }`;
  return html`<form method="post" action="/console/engineer/${kase.ref}/sign" class="stack sign-form">${csrfField(ctx)}
<input type="hidden" name="_key" value="${newFormKey()}">
<label for="sig-pad">${w.engineerSign}</label>
<canvas id="sig-pad" class="sig" width="340" height="180" role="img" aria-label="${w.engineerSign}"></canvas>
<input type="hidden" name="signature" id="sig-data">
<div class="buttons"><button type="button" class="secondary" data-sig-clear>${w.engineerSignClear}</button><button type="submit">${w.engineerSignSave}</button></div>
</form>
<form method="post" action="/console/engineer/${kase.ref}/code" class="stack">${csrfField(ctx)}
<input type="hidden" name="_key" value="${newFormKey()}"><button type="submit" class="secondary">${w.engineerCodeSend}</button></form>
${
  codeSent || kase.onSiteCode
    ? html`<form method="post" action="/console/engineer/${kase.ref}/code-check" class="stack">${csrfField(ctx)}
<p>${w.engineerCodeSent}</p>
<label for="code">${w.engineerCode}</label><input id="code" name="code" inputmode="numeric" autocomplete="one-time-code" pattern="[0-9]{6}" maxlength="6" required>
<button type="submit">${w.engineerCodeCheck}</button></form>`
    : ''
}`;
}

export function engineerVisitPage(
  ctx: PageContext,
  visit: DayVisit,
  detail: CaseDetail,
  notice?: { text: string; error?: boolean },
): Html {
  const { w } = ctx;
  const kase = detail.case;
  const active = kase.status !== 'resolved' && kase.status !== 'closed';
  return page(
    ctx,
    kase.ref,
    html`<p><a href="/console/engineer">← ${w.engineerMyDay}</a></p>
${notice ? html`<p class="notice${notice.error ? ' error' : ''}" role="${notice.error ? 'alert' : 'status'}">${notice.text}</p>` : ''}
<div class="day">${visitCard(ctx, visit, false)}</div>
<section aria-labelledby="photo-title"><h2 id="photo-title">${w.engineerPhoto}</h2>${photoForm(ctx, kase.ref)}</section>
${active ? html`<section aria-labelledby="record-title" class="record-on-phone"><h2 id="record-title">${w.engineerRecord}</h2>${resolveForm(ctx, detail, newFormKey())}</section>` : ''}
<section aria-labelledby="confirm-title"><h2 id="confirm-title">${w.engineerConfirm}</h2>${confirmSection(ctx, detail, false)}</section>`,
    HEAD,
  );
}
