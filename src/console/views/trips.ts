/**
 * Fewer trips in the console: an engineer's day as a route (ordered stops with their districts) and
 * the grouping suggestion for a case being dispatched.
 */
import type { EngineerDay, RouteStop, TripSuggestion } from '../../reports/trips.js';
import { type Html, html } from '../html.js';
import { localTime, type PageContext, page } from './layout.js';

function stopsTable(ctx: PageContext, stops: readonly RouteStop[], caption: string): Html {
  const { w } = ctx;
  const rows = stops.map(
    (s) =>
      html`<tr><td>${s.n}</td><td>${s.district ?? '—'}</td><td><a href="/console/cases/${s.ref}">${s.ref}</a></td><td>${localTime(ctx, s.window.start)} – ${localTime(ctx, s.window.end).slice(-5)}</td><td>${s.address ?? '—'}</td></tr>`,
  );
  return html`<table class="route"><caption>${caption}</caption>
<thead><tr><th scope="col">#</th><th scope="col">${w.stopDistrict}</th><th scope="col">${w.ref}</th><th scope="col">${w.stopWindow}</th><th scope="col">${w.stopAddress}</th></tr></thead>
<tbody>${rows}</tbody></table>`;
}

export function engineerDayPage(ctx: PageContext, day: EngineerDay): Html {
  const { w } = ctx;
  return page(
    ctx,
    w.engineerDay,
    html`<h1>${w.engineerDay}: ${day.engineer} · ${day.day}</h1>
<form method="get" action="/console/trips">
<label for="t-engineer">${w.engineer}</label><input id="t-engineer" name="engineer" value="${day.engineer}" required>
<label for="t-day">${w.routeDay}</label><input id="t-day" name="day" type="date" value="${day.day}" required>
<p><button type="submit">${w.show}</button></p>
</form>
${
  day.stops.length
    ? html`<p>${w.routeDistricts}: ${day.districts.join(' → ')}</p>${stopsTable(ctx, day.stops, `${day.engineer} · ${day.day}`)}`
    : html`<p class="empty">${w.noVisitsThatDay}</p>`
}`,
  );
}

export function suggestionPage(ctx: PageContext, s: TripSuggestion): Html {
  const { w } = ctx;
  const engineers = s.engineers.map(
    (e) => html`<section aria-labelledby="e-${e.engineer}">
<h3 id="e-${e.engineer}"><a href="/console/trips?engineer=${e.engineer}&amp;day=${s.day}">${e.engineer}</a></h3>
<p>${w.sameDistrict}: ${e.sameDistrict} · ${w.visitsThatDay}: ${e.visits}</p>
${stopsTable(ctx, e.route, `${e.engineer} · ${s.day}`)}
</section>`,
  );
  const waiting = s.waiting.map(
    (c) => html`<li><a href="/console/cases/${c.ref}">${c.ref}</a> · ${c.summary} · ${c.address ?? ''}</li>`,
  );
  return page(
    ctx,
    w.suggestTitle,
    html`<h1>${w.suggestTitle}: <a href="/console/cases/${s.ref}">${s.ref}</a> · ${s.district ?? '—'}</h1>
<p>${w.suggestIntro}</p>
<form method="get" action="/console/trips/suggest">
<input type="hidden" name="ref" value="${s.ref}">
<label for="s-day">${w.routeDay}</label><input id="s-day" name="day" type="date" value="${s.day}" required>
<p><button type="submit">${w.show}</button></p>
</form>
${s.district ? '' : html`<p>${w.noDistrict}</p>`}
${engineers.length ? engineers : html`<p class="empty">${w.noEngineersThatDay}</p>`}
${waiting.length ? html`<h2>${w.waitingInDistrict}</h2><ul>${waiting}</ul>` : ''}`,
  );
}
