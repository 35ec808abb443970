/**
 * The case page's actions, shown only while they apply: nothing that changes the work on a resolved or
 * closed case (a note and a reply still go), hand back and reassign only while someone holds it,
 * "running late" and "absent" only once a visit is booked, the quick close only while no visit is.
 * Every form posts as plain HTML and lands back on its place in the page (`#fragment`); with script the
 * console sends it in the background and updates the page where it stands (assets/console-js.ts).
 */
import type { Case } from '../../cases/types.js';
import type { StaffAccount } from '../../staff/accounts.js';
import type { CaseDetail } from '../../staff/case-detail.js';
import { type Html, html } from '../html.js';
import { csrfField, localTime, type PageContext } from './layout.js';
import { quotePanel } from './quote.js';
import { absentForm, resolveForm } from './record-form.js';

export interface Pickers {
  /** Enabled staff accounts, for "reassign to" and "engineer". */
  people: StaffAccount[];
  teams: string[];
}

export const isActive = (kase: Case) => kase.status !== 'resolved' && kase.status !== 'closed';

/** What a person is called in a picker: 王工 (wang), or the account name alone. */
export function personLabel(account: StaffAccount): string {
  return account.displayName ? `${account.displayName} (${account.name})` : account.name;
}

function field(id: string, label: string, input: Html): Html {
  return html`<label for="${id}">${label}</label>${input}`;
}

const keyField = (key: string, action: string) =>
  html`<input type="hidden" name="_key" value="${key}-${action}">`;

/** The owner may act; so may a supervisor (the desk checks the same). */
export function mayAct(ctx: PageContext, kase: Case): boolean {
  return ctx.staff?.role === 'supervisor' || kase.owner === `staff:${ctx.staff?.name}`;
}

/** Supervisors: one picker of people and teams' queues (the values the reassign route reads). */
function reassignForm(ctx: PageContext, kase: Case, key: string, pickers: Pickers): Html {
  const { w } = ctx;
  const owner = kase.owner.startsWith('staff:') ? kase.owner.slice(6) : '';
  return html`<form method="post" action="/console/cases/${kase.ref}/reassign" data-inplace>${csrfField(ctx)}
${keyField(key, 'reassign')}
${field(
  'reassign-to',
  w.c.reassignPick,
  html`<select id="reassign-to" name="to" required><option value="">${w.c.pickOne}</option>
<optgroup label="${w.c.choosePerson}">${pickers.people
    .filter((person) => person.name !== owner)
    .map(
      (person) =>
        html`<option value="staff:${person.name}">${personLabel(person)} · ${w.c.roleName[person.role]}</option>`,
    )}</optgroup>
<optgroup label="${w.c.chooseTeam}">${pickers.teams.map((team) => html`<option value="team:${team}">${team}</option>`)}</optgroup>
</select>`,
)}
<button class="secondary" type="submit">${w.reassign}</button></form>`;
}

/** Hand back says where the case goes and asks why. */
function handBackForm(ctx: PageContext, kase: Case, key: string): Html {
  const { w } = ctx;
  const team = kase.team ?? 'support';
  return html`<form method="post" action="/console/cases/${kase.ref}/release">${csrfField(ctx)}
${keyField(key, 'release')}
<fieldset><legend>${w.c.handBack}</legend>
<p class="hint">${w.c.handBackExplain.replace('{team}', team)}</p>
${field('release-reason', w.c.handBackReason, html`<input id="release-reason" name="reason" required maxlength="300">`)}
<p><button class="secondary" type="submit">${w.c.handBack}</button></p>
</fieldset></form>`;
}

/** A question answered in the conversation: resolve without a maintenance record to fill in. */
function quickCloseForm(ctx: PageContext, kase: Case, key: string): Html {
  const { w } = ctx;
  return html`<form method="post" action="/console/cases/${kase.ref}/close-enquiry" data-inplace id="quick-close">${csrfField(ctx)}
${keyField(key, 'enquiry')}
<fieldset><legend>${w.c.quickClose}</legend>
<p class="hint">${w.c.quickCloseExplain}</p>
${field('enquiry-what', w.c.quickCloseWhat, html`<input id="enquiry-what" name="what" maxlength="2000">`)}
<p><button type="submit" data-shortcut="resolve">${w.c.quickClose}</button></p>
</fieldset></form>`;
}

function engineerPicker(ctx: PageContext, pickers: Pickers, chosen: string): Html {
  const engineers = pickers.people.filter((person) => person.role === 'engineer');
  const list = engineers.length ? engineers : pickers.people;
  return html`<select id="d-engineer" name="engineer" required><option value="">${ctx.w.c.pickOne}</option>${list.map(
    (person) =>
      html`<option value="${person.name}"${person.name === chosen ? html` selected` : ''}>${personLabel(person)}</option>`,
  )}</select>`;
}

/** Dispatch (book the engineer and a window) and, once booked, "running late" and "absent". */
function visitForms(ctx: PageContext, detail: CaseDetail, key: string, pickers: Pickers): Html {
  const { w } = ctx;
  const kase = detail.case;
  const booked = kase.appointment;
  const late = booked
    ? html`<form method="post" action="/console/cases/${kase.ref}/late" data-inplace>${csrfField(ctx)}
${keyField(key, 'late')}
<fieldset><legend>${w.late}</legend>
${field('l-eta', w.newEta, html`<input id="l-eta" name="eta" type="datetime-local" required>`)}
<p><button class="secondary" type="submit">${w.late}</button></p>
</fieldset></form>
${absentForm(ctx, detail, key)}`
    : '';
  return html`<form method="post" action="/console/cases/${kase.ref}/dispatch" data-inplace>${csrfField(ctx)}
${keyField(key, 'dispatch')}
<fieldset><legend>${w.dispatch}</legend>
<p><a href="/console/trips/suggest?ref=${kase.ref}">${w.groupVisits}</a></p>
${booked ? html`<p>${w.booked}: ${booked.engineer}, ${localTime(ctx, booked.window.start)} – ${localTime(ctx, booked.window.end)}</p>` : ''}
${field('d-engineer', w.engineer, engineerPicker(ctx, pickers, booked?.engineer ?? ''))}
${field('d-start', w.windowStart, html`<input id="d-start" name="start" type="datetime-local" required>`)}
${field('d-end', w.windowEnd, html`<input id="d-end" name="end" type="datetime-local" required>`)}
<p><button class="secondary" type="submit">${w.dispatch}</button></p>
</fieldset></form>
${late}`;
}

/** The actions pane: only what applies to this case now, for this person. */
export function caseActions(ctx: PageContext, detail: CaseDetail, key: string, pickers: Pickers): Html {
  const { w } = ctx;
  const kase = detail.case;
  if (!isActive(kase)) return html``;
  const mine = mayAct(ctx, kase);
  const held = kase.owner.startsWith('staff:');
  const supervisor = ctx.staff?.role === 'supervisor';
  return html`<section aria-labelledby="actions-h" id="case-actions"><h2 id="actions-h">${w.caseActions}</h2>
${mine && held && !kase.appointment ? quickCloseForm(ctx, kase, key) : ''}
${supervisor ? reassignForm(ctx, kase, key, pickers) : ''}
${mine ? quotePanel(ctx, detail, key) : ''}
${mine ? visitForms(ctx, detail, key, pickers) : ''}
${mine ? html`<details class="full-record"${kase.appointment ? html` open` : ''}><summary>${w.c.fullRecord}</summary>${resolveForm(ctx, detail, key)}</details>` : ''}
${mine && held ? handBackForm(ctx, kase, key) : ''}
</section>`;
}
