/**
 * Visits for staff: upcoming visits by day (filtered by engineer, team and day), counts per engineer and
 * team, what became of the bot's visit invitations (sent, accepted, failed), and inspection records.
 */
import type { UpcomingVisit } from '../../staff/upcoming-visits.js';
import { countVisits } from '../../staff/upcoming-visits.js';
import type { Invitation, InvitationOutcome } from '../../staff/visit-invitations.js';
import { type Html, html } from '../html.js';
import type { VisitBoard, VisitFilter } from '../visit-board.js';
import { localTime, type PageContext, page } from './layout.js';

export interface VisitsPageInput extends VisitBoard {
  filter: VisitFilter;
  teams: string[];
  engineers: string[];
}

function stateName(ctx: PageContext, state: UpcomingVisit['state']): string {
  const { w } = ctx;
  return state === 'planned'
    ? w.visitsStatePlanned
    : state === 'booking'
      ? w.visitsStateBooking
      : w.visitsStateBooked;
}

function windowText(ctx: PageContext, visit: UpcomingVisit): string {
  if (!visit.window) return ctx.w.none;
  return `${localTime(ctx, visit.window.start).slice(11)}–${localTime(ctx, visit.window.end).slice(11)}`;
}

function visitRow(ctx: PageContext, visit: UpcomingVisit): Html {
  const { w } = ctx;
  return html`<tr>
<td>${visit.date}</td><td>${windowText(ctx, visit)}</td>
<td>${visit.kind === 'inspection' ? w.visitsKindInspection : w.visitsKindRepair}</td>
<td>${stateName(ctx, visit.state)}</td>
<td>${visit.engineer ?? w.visitsUnassigned}</td><td>${visit.team ?? w.none}</td>
<td>${visit.ref ? html`<a href="/console/cases/${visit.ref}">${visit.ref}</a>` : w.none}</td>
<td>${visit.contract ?? w.none}</td></tr>`;
}

function options(values: string[], chosen: string | undefined, any: string): Html {
  return html`<option value="">${any}</option>${values.map(
    (value) => html`<option value="${value}"${value === chosen ? html` selected` : ''}>${value}</option>`,
  )}`;
}

function filterForm(ctx: PageContext, input: VisitsPageInput): Html {
  const { w } = ctx;
  const f = input.filter;
  return html`<form method="get" action="/console/visits" class="filters">
<label for="v-engineer">${w.visitsEngineer}</label><select id="v-engineer" name="engineer">${options(input.engineers, f.engineer, w.visitsAny)}</select>
<label for="v-team">${w.visitsTeam}</label><select id="v-team" name="team">${options(input.teams, f.team, w.visitsAny)}</select>
<label for="v-day">${w.visitsDate}</label><input id="v-day" name="day" type="date" value="${f.day ?? ''}">
<label for="v-days">${w.visitsDays}</label><input id="v-days" name="days" type="number" min="1" max="366" value="${f.days}">
<button type="submit">${w.visitsShow}</button></form>`;
}

function counts(ctx: PageContext, title: string, byName: Record<string, number>): Html {
  const entries = Object.entries(byName).sort(([a], [b]) => a.localeCompare(b));
  return html`<div><h3>${title}</h3><ul class="counts">${entries.map(
    ([name, n]) => html`<li>${name === '-' ? ctx.w.visitsUnassigned : name}: <strong>${n}</strong></li>`,
  )}</ul></div>`;
}

function outcomeName(ctx: PageContext, outcome: InvitationOutcome): string {
  const { w } = ctx;
  return outcome === 'accepted'
    ? w.invitationsAccepted
    : outcome === 'failed'
      ? w.invitationsFailed
      : w.invitationsWaiting;
}

function invitationRow(ctx: PageContext, invitation: Invitation): Html {
  return html`<tr class="${invitation.outcome}"><td><a href="/console/cases/${invitation.ref}">${invitation.ref}</a></td>
<td>${invitation.source ?? ctx.w.none}</td><td>${invitation.due}</td><td>${localTime(ctx, invitation.sentAt)}</td>
<td>${invitation.outcome === 'failed' ? html`<strong class="tag red">${outcomeName(ctx, invitation.outcome)}</strong>` : outcomeName(ctx, invitation.outcome)}</td></tr>`;
}

function invitationsSection(ctx: PageContext, input: VisitsPageInput): Html {
  const { w } = ctx;
  const s = input.invitations;
  return html`<section aria-labelledby="inv-title" id="invitations"><h2 id="inv-title">${w.invitations}</h2>
<p class="figures"><span>${w.invitationsSent}: <strong>${s.sent}</strong></span>
<span>${w.invitationsAccepted}: <strong>${s.accepted}</strong></span>
<span${s.failed ? html` class="tag red"` : ''}>${w.invitationsFailed}: <strong>${s.failed}</strong></span>
<span>${w.invitationsWaiting}: <strong>${s.waiting}</strong></span></p>
${
  s.invitations.length
    ? html`<div class="scroll-x"><table><thead><tr><th scope="col">${w.invitationCase}</th><th scope="col">${w.visitsSource}</th><th scope="col">${w.visitsDate}</th><th scope="col">${w.invitationsSent}</th><th scope="col">${w.invitationOutcome}</th></tr></thead>
<tbody>${s.invitations.map((invitation) => invitationRow(ctx, invitation))}</tbody></table></div>`
    : ''
}</section>`;
}

function inspectionsSection(ctx: PageContext, input: VisitsPageInput): Html {
  const { w } = ctx;
  return html`<section aria-labelledby="insp-title"><h2 id="insp-title">${w.inspections}</h2>
${
  input.inspections.length === 0
    ? html`<p>${w.inspectionsNone}</p>`
    : html`<div class="scroll-x"><table><thead><tr><th scope="col">${w.invitationCase}</th><th scope="col">${w.visitsEngineer}</th><th scope="col">${w.inspectionFinished}</th><th scope="col">${w.visitsSource}</th><th scope="col">${w.inspectionFindings}</th></tr></thead>
<tbody>${input.inspections.map(
        (
          r,
        ) => html`<tr><td><a href="/console/cases/${r.ref}/record">${r.ref}</a></td><td>${r.engineer}</td><td>${localTime(ctx, r.finishedAt)}</td><td>${r.source ?? w.none}</td>
<td>${r.findings}${r.risks ? html` (<strong>${r.risks} ${w.inspectionRisks}</strong>)` : ''}</td></tr>`,
      )}</tbody></table></div>`
}</section>`;
}

export function visitsPage(ctx: PageContext, input: VisitsPageInput): Html {
  const { w } = ctx;
  const { byEngineer, byTeam } = countVisits(input.upcoming);
  return page(
    ctx,
    w.visits,
    html`<h1>${w.visits}</h1>
${filterForm(ctx, input)}
${
  input.upcoming.length === 0
    ? html`<p>${w.visitsNone}</p>`
    : html`<div class="count-grid">${counts(ctx, w.visitsByEngineer, byEngineer)}${counts(ctx, w.visitsByTeam, byTeam)}</div>
<div class="scroll-x"><table class="visits"><thead><tr><th scope="col">${w.visitsDate}</th><th scope="col">${w.visitsWindow}</th><th scope="col">${w.visitsKind}</th><th scope="col">${w.visitsState}</th><th scope="col">${w.visitsEngineer}</th><th scope="col">${w.visitsTeam}</th><th scope="col">${w.ref}</th><th scope="col">${w.visitsSource}</th></tr></thead>
<tbody>${input.upcoming.map((visit) => visitRow(ctx, visit))}</tbody></table></div>`
}
${invitationsSection(ctx, input)}
${inspectionsSection(ctx, input)}`,
  );
}
