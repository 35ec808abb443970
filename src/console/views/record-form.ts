/**
 * The "resolve with a maintenance record" form: the record's fields, and rows for replaced parts,
 * consumables, trips and inspection findings. Each list starts with one row, which is all a browser
 * without script gets; the console script shows "add" and "remove" buttons that clone and drop rows
 * (the server reads rows by position, see record-form.ts).
 */
import { DateTime } from 'luxon';
import type { CaseDetail } from '../../staff/case-detail.js';
import { type Html, html } from '../html.js';
import { csrfField, type PageContext } from './layout.js';

function field(id: string, label: string, input: Html): Html {
  return html`<label for="${id}">${label}</label>${input}`;
}

/** A label around its input: a cloned row needs no new ids. */
const cell = (label: string, input: Html) => html`<label>${label} ${input}</label>`;

function rowSet(ctx: PageContext, name: string, legend: string, add: string, cells: Html): Html {
  return html`<fieldset class="rows" data-rows="${name}"><legend>${legend}</legend>
<div class="row" data-row>${cells}<button type="button" class="secondary" data-remove-row hidden>${ctx.w.removeRow}</button></div>
<button type="button" class="secondary" data-add-row hidden>${add}</button>
</fieldset>`;
}

const money = (name: string) => html`<input name="${name}" type="number" min="0" step="0.01">`;

/** `datetime-local`'s value (no zone) in the business timezone. */
export function localInput(ctx: PageContext, at: Date | string): string {
  const time =
    typeof at === 'string'
      ? DateTime.fromISO(at, { zone: ctx.zone })
      : DateTime.fromJSDate(at, { zone: ctx.zone });
  return time.isValid ? time.toFormat("yyyy-MM-dd'T'HH:mm") : '';
}

/**
 * Filled from the booked visit where there is one (its engineer, on site, arrival as recorded or the
 * window's start) and finished now; the finish time cannot be set later than now (`max`, and the
 * server refuses it too).
 */
export function resolveForm(ctx: PageContext, detail: CaseDetail, key: string): Html {
  const { w } = ctx;
  const ref = detail.case.ref;
  const reported = typeof detail.case.summary === 'string' ? detail.case.summary : '';
  const booked = detail.case.appointment;
  const now = localInput(ctx, ctx.now);
  const engineer = booked?.engineer ?? ctx.staff?.name ?? '';
  const arrived = booked ? localInput(ctx, booked.arrivedAt ?? booked.window.start) : '';
  const onsite = booked ? html` selected` : '';
  return html`<form method="post" action="/console/cases/${ref}/resolve" data-inplace>${csrfField(ctx)}
<input type="hidden" name="_key" value="${key}-resolve">
<fieldset><legend>${w.resolve}</legend>
${booked ? html`<p class="hint">${w.c.prefilledFromVisit}</p>` : ''}
${field('r-reported', w.faultReported, html`<textarea id="r-reported" name="faultReported" required>${reported}</textarea>`)}
${field('r-found', w.faultFound, html`<textarea id="r-found" name="faultFound" required></textarea>`)}
${field('r-cause', w.cause, html`<textarea id="r-cause" name="cause" required></textarea>`)}
${field('r-actions', w.actions, html`<textarea id="r-actions" name="actions" required></textarea>`)}
${field('r-engineer', w.engineer, html`<input id="r-engineer" name="engineer" required value="${engineer}">`)}
${field('r-arrived', w.arrivedAt, html`<input id="r-arrived" name="arrivedAt" type="datetime-local" value="${arrived}" max="${now}">`)}
${field('r-finished', w.finishedAt, html`<input id="r-finished" name="finishedAt" type="datetime-local" value="${now}" max="${now}">`)}
${field('r-mode', w.mode, html`<select id="r-mode" name="mode"><option value="remote">${w.remote}</option><option value="onsite"${onsite}>${w.onsite}</option></select>`)}
${field('r-kind', w.kind, html`<select id="r-kind" name="kind"><option value="repair">${w.repair}</option><option value="inspection">${w.inspection}</option></select>`)}
${rowSet(
  ctx,
  'parts',
  w.parts,
  w.addPart,
  html`${cell(w.part, html`<input name="part">`)}
${cell(w.coverage, html`<select name="coverage"><option value="warranty">${w.c.coverageName.warranty}</option><option value="paid">${w.c.coverageName.paid}</option><option value="contract">${w.c.coverageName.contract}</option></select>`)}
${cell(w.amount, money('amount'))}${cell(w.cost, money('cost'))}`,
)}
${rowSet(
  ctx,
  'consumables',
  w.consumables,
  w.addConsumable,
  html`${cell(w.consumable, html`<input name="consumableItem">`)}
${cell(w.quantity, html`<input name="consumableQuantity" type="number" min="0" step="any">`)}${cell(w.cost, money('consumableCost'))}`,
)}
${rowSet(
  ctx,
  'trips',
  w.trips,
  w.addTrip,
  html`${cell(w.vehicle, html`<input name="tripVehicle">`)}${cell(w.distanceKm, html`<input name="tripKm" type="number" min="0" step="0.1">`)}`,
)}
${rowSet(
  ctx,
  'findings',
  w.findings,
  w.addFinding,
  html`${cell(w.finding, html`<input name="findingText" class="wide">`)}
${cell(w.findingFlag, html`<select name="findingFlag"><option value="">${w.findingNote}</option><option value="risk">${w.findingRisk}</option><option value="open">${w.findingOpen}</option></select>`)}`,
)}
${field('r-over', w.overBudgetReason, html`<input id="r-over" name="overBudgetReason">`)}
<p><button type="submit">${w.resolve}</button></p>
</fieldset></form>`;
}

/** The booked engineer found nobody there: flag the case, drop the booking, offer new times. */
export function absentForm(ctx: PageContext, detail: CaseDetail, key: string): Html {
  const { w } = ctx;
  return html`<form method="post" action="/console/cases/${detail.case.ref}/absent" data-inplace>${csrfField(ctx)}
<input type="hidden" name="_key" value="${key}-absent">
<fieldset><legend>${w.absent}</legend>
${field('a-note', w.absentNote, html`<input id="a-note" name="note" maxlength="1000">`)}
<p><button class="secondary" type="submit">${w.absent}</button></p>
</fieldset></form>`;
}
