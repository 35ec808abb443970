/**
 * The weekly service-quality review page (supervisors): per staff member, the sampled cases with
 * their flags and a scoring form each (four rubric items 1–5 and a note), and the average scores per
 * person. Forms post back to the same week.
 */
import { DateTime } from 'luxon';
import type { ReviewFigures, RubricItem, SampledCase } from '../../reports/reviews.js';
import { rubric } from '../../reports/reviews.js';
import { type Html, html } from '../html.js';
import type { Words } from '../i18n.js';
import { csrfField, localTime, type PageContext, page } from './layout.js';

function rubricLabel(w: Words, item: RubricItem): string {
  return {
    greeting: w.rubricGreeting,
    promise: w.rubricPromise,
    solution: w.rubricSolution,
    record: w.rubricRecord,
  }[item];
}

export function flagLabel(w: Words, flag: string): string {
  if (flag === 'late_reply') return w.flagLateReply;
  if (flag === 'no_name') return w.flagNoName;
  if (flag.startsWith('word:')) return `${w.flagWord}: “${flag.slice(5)}”`;
  return flag;
}

function scoreForm(ctx: PageContext, week: string, item: SampledCase, n: number): Html {
  const { w } = ctx;
  const id = (name: string) => `r${n}-${name}`;
  const selects = rubric.map((name) => {
    const chosen = item.review?.[name] ?? 3;
    const options = [1, 2, 3, 4, 5].map(
      (v) => html`<option value="${v}"${v === chosen ? html` selected` : ''}>${v}</option>`,
    );
    return html`<label for="${id(name)}">${rubricLabel(w, name)}</label><select id="${id(name)}" name="${name}">${options}</select>`;
  });
  return html`<form method="post" action="/console/reviews" class="review">${csrfField(ctx)}
<input type="hidden" name="week" value="${week}"><input type="hidden" name="ref" value="${item.ref}"><input type="hidden" name="staff" value="${item.staff}">
${selects}
<label for="${id('note')}">${w.reviewNote}</label><input id="${id('note')}" name="note" maxlength="2000" value="${item.review?.note ?? ''}">
<button type="submit">${w.saveReview}</button>
${item.review ? html`<small>${w.reviewedBy} ${item.review.reviewer} · ${localTime(ctx, item.review.reviewedAt)}</small>` : ''}
</form>`;
}

function staffSection(
  ctx: PageContext,
  week: string,
  staff: string,
  cases: SampledCase[],
  start: number,
): Html {
  const { w } = ctx;
  const items = cases.map((item, i) => {
    const flags = item.flags.length
      ? html`<ul class="flags">${item.flags.map((f) => html`<li>${flagLabel(w, f)}</li>`)}</ul>`
      : html`${w.noFlags}`;
    return html`<article class="sampled" aria-labelledby="s-${start + i}">
<h3 id="s-${start + i}"><a href="/console/cases/${item.ref}">${item.ref}</a> · ${item.summary}</h3>
<p>${w.finished}: ${localTime(ctx, item.finishedAt)} · ${w.customer}: ${item.customerName ?? '—'}</p>
<p>${w.flags}: ${flags}</p>
${scoreForm(ctx, week, item, start + i)}
</article>`;
  });
  return html`<section aria-labelledby="p-${staff}"><h2 id="p-${staff}">${w.reviewee}: ${staff}</h2>${items}</section>`;
}

function scoresTable(ctx: PageContext, scores: Record<string, ReviewFigures>): Html {
  const { w } = ctx;
  const rows = Object.entries(scores).map(
    ([staff, s]) =>
      html`<tr><th scope="row">${staff}</th><td>${s.reviews}</td><td>${s.greeting}</td><td>${s.promise}</td><td>${s.solution}</td><td>${s.record}</td><td>${s.average}</td><td>${s.flagged}</td></tr>`,
  );
  return html`<table class="review-scores"><caption>${w.scoresPerPerson}</caption>
<thead><tr><th scope="col">${w.staff}</th><th scope="col">${w.reviewCount}</th>${rubric.map((r) => html`<th scope="col">${rubricLabel(w, r)}</th>`)}<th scope="col">${w.averageScore}</th><th scope="col">${w.flagged}</th></tr></thead>
<tbody>${rows}</tbody></table>`;
}

export function reviewsPage(
  ctx: PageContext,
  week: { week: string; from: Date },
  cases: SampledCase[],
  scores: Record<string, ReviewFigures>,
  notice?: string,
): Html {
  const { w } = ctx;
  const start = DateTime.fromJSDate(week.from, { zone: ctx.zone });
  const other = (weeks: number) => start.plus({ weeks }).toFormat("kkkk-'W'WW");
  const byStaff = new Map<string, SampledCase[]>();
  for (const item of cases) byStaff.set(item.staff, [...(byStaff.get(item.staff) ?? []), item]);
  let n = 0;
  const sections = [...byStaff.entries()].map(([staff, list]) => {
    const section = staffSection(ctx, week.week, staff, list, n);
    n += list.length;
    return section;
  });
  return page(
    ctx,
    w.reviews,
    html`<h1>${w.reviews} · ${w.week} ${week.week} (${start.toISODate()} – ${start.plus({ days: 6 }).toISODate()})</h1>
<p>${w.reviewsIntro}</p>
${notice ? html`<p class="notice" role="status">${notice}</p>` : ''}
<p><a href="/console/reviews?week=${other(-1)}">${w.previousWeek}</a> · <a href="/console/reviews?week=${other(1)}">${w.nextWeek}</a></p>
${sections.length ? sections : html`<p class="empty">${w.nothingToReview}</p>`}
${scoresTable(ctx, scores)}`,
  );
}
