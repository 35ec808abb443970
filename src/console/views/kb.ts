/**
 * The knowledge-base pages: the list of drafts and entries, and the edit form (the fields of a
 * `flows/kb/` entry). Everything drafted from a case is customer text, so all of
 * it goes through the escaping template, in form values too.
 */
import type { KbRecord } from '../../cases/kb-store.js';
import type { KbEntryFields } from '../../kb/draft.js';
import { kbCategoryIds } from '../../kb/schema.js';
import { type Html, html } from '../html.js';
import { kbProblemIn } from '../kb-problems.js';
import { type KbWords, kbWords } from '../kb-words.js';
import { csrfField, localTime, type PageContext, page } from './layout.js';

const words = (ctx: PageContext): KbWords => kbWords[ctx.lang];

function button(ctx: PageContext, id: string, action: string, label: string): Html {
  return html`<form method="post" action="/console/kb/${id}/${action}" class="inline">${csrfField(ctx)}<button class="secondary" type="submit">${label}</button></form>`;
}

function row(ctx: PageContext, record: KbRecord): Html {
  const w = words(ctx);
  const title = record.fields.title[ctx.lang] || record.fields.title.zh || record.fields.title.en;
  const actions =
    record.status === 'draft'
      ? html`${button(ctx, record.id, 'approve', w.approve)} ${button(ctx, record.id, 'reject', w.reject)}`
      : record.status === 'approved'
        ? button(ctx, record.id, 'retire', w.retire)
        : html``;
  const editable = record.status === 'draft' || record.status === 'approved';
  return html`<tr data-entry="${record.id}"><td>${editable ? html`<a href="/console/kb/${record.id}">${record.id}</a>` : record.id}</td>
<td><strong>${w[record.status]}</strong></td><td>${title}</td><td>${record.fields.categories.join(', ')}</td>
<td>${record.source ? html`<a href="/console/cases/${record.source.caseRef}">${record.source.caseRef}</a>` : ''}</td>
<td>${record.author}</td><td>${record.decidedBy ?? ''}</td><td>${localTime(ctx, record.updatedAt)}</td><td>${actions}</td></tr>`;
}

export function kbListPage(ctx: PageContext, records: readonly KbRecord[], notice?: string): Html {
  const w = words(ctx);
  return page(
    ctx,
    w.nav,
    html`<h1>${w.title}</h1><p>${w.intro}</p>
${notice ? html`<p class="notice" role="status">${notice}</p>` : ''}
<p><a href="/console/kb/export">${w.export}</a></p>
${
  records.length === 0
    ? html`<p>${w.nothing}</p>`
    : html`<table id="kb-entries"><thead><tr><th>${w.id}</th><th>${w.status}</th><th>${w.entryTitle}</th><th>${w.categories}</th><th>${w.source}</th><th>${w.author}</th><th>${w.decided}</th><th>${w.updated}</th><th></th></tr></thead>
<tbody>${records.map((record) => row(ctx, record))}</tbody></table>`
}`,
  );
}

function field(id: string, label: string, input: Html): Html {
  return html`<label for="${id}">${label}</label>${input}`;
}

const lines = (list: readonly string[]) => list.join('\n');

/** Steps drafted from the engineer's repair actions: the supervisor says who can follow them. */
function stepsFor(ctx: PageContext, fields: KbEntryFields): Html {
  const w = words(ctx);
  if (!fields.stepsFromActions) return html``;
  return html`<input type="hidden" name="from_actions" value="1"><fieldset class="steps-for"><legend>${w.stepsFromActions}</legend>
<label class="choice"><input type="radio" name="steps_for" value="customer" required> ${w.stepsForCustomer}</label>
<label class="choice"><input type="radio" name="steps_for" value="staff" required> ${w.stepsForStaff}</label>
</fieldset>`;
}

/** Steps for staff only (what the engineer does), kept with the entry and never sent to customers. */
function staffStepsFields(ctx: PageContext, fields: KbEntryFields): Html {
  const w = words(ctx);
  const steps = fields.staffSteps ?? [];
  if (steps.length === 0) return html``;
  return html`${field(
    'kb-staff-zh',
    w.staffStepsZh,
    html`<textarea id="kb-staff-zh" name="staff_steps_zh" rows="5">
${lines(steps.map((step) => step.zh))}</textarea>`,
  )}
${field(
  'kb-staff-en',
  w.staffStepsEn,
  html`<textarea id="kb-staff-en" name="staff_steps_en" rows="5">
${lines(steps.map((step) => step.en))}</textarea>`,
)}`;
}

export function kbEditPage(
  ctx: PageContext,
  record: KbRecord,
  fields: KbEntryFields,
  problems: readonly string[] = [],
  heading?: string,
  notice?: string,
): Html {
  const w = words(ctx);
  const chosen = new Set(fields.categories);
  const categories = kbCategoryIds.map(
    (id) =>
      html`<label class="choice"><input type="checkbox" name="categories" value="${id}"${chosen.has(id) ? html` checked` : ''}> ${id}</label>`,
  );
  return page(
    ctx,
    record.id,
    html`<h1>${w.id} ${record.id} · ${w[record.status]}</h1>
${notice ? html`<p class="notice" role="status">${notice}</p>` : ''}
<p>${record.source ? html`${w.source}: <a href="/console/cases/${record.source.caseRef}">${record.source.caseRef}</a> · ` : ''}${w.author}: ${record.author}</p>
${
  problems.length
    ? html`<div class="notice error" role="alert"><p>${heading ?? w.problems}:</p><ul id="kb-problems">${problems.map((problem) => html`<li>${kbProblemIn(ctx.lang, problem)}</li>`)}</ul></div>`
    : ''
}
<form method="post" action="/console/kb/${record.id}">${csrfField(ctx)}
<fieldset><legend>${w.categories}</legend>${categories}</fieldset>
${field('kb-title-zh', w.titleZh, html`<input id="kb-title-zh" name="title_zh" maxlength="200" size="60" value="${fields.title.zh}">`)}
${field('kb-title-en', w.titleEn, html`<input id="kb-title-en" name="title_en" maxlength="200" size="60" value="${fields.title.en}">`)}
${field(
  'kb-keywords-zh',
  w.keywordsZh,
  html`<textarea id="kb-keywords-zh" name="keywords_zh" rows="5">
${lines(fields.keywords.zh)}</textarea>`,
)}
${field(
  'kb-keywords-en',
  w.keywordsEn,
  html`<textarea id="kb-keywords-en" name="keywords_en" rows="5">
${lines(fields.keywords.en)}</textarea>`,
)}
${field('kb-parts', w.parts, html`<input id="kb-parts" name="parts" maxlength="500" size="60" value="${fields.parts.join(', ')}">`)}
${field(
  'kb-steps-zh',
  w.stepsZh,
  html`<textarea id="kb-steps-zh" name="steps_zh" rows="7">
${lines(fields.steps.map((step) => step.zh))}</textarea>`,
)}
${field(
  'kb-steps-en',
  w.stepsEn,
  html`<textarea id="kb-steps-en" name="steps_en" rows="7">
${lines(fields.steps.map((step) => step.en))}</textarea>`,
)}
${stepsFor(ctx, fields)}
${staffStepsFields(ctx, fields)}
${
  // A rejected or retired entry is kept for the record, not edited.
  record.status === 'draft' || record.status === 'approved'
    ? html`<p><button type="submit" name="next" value="save">${ctx.w.save}</button>
${record.status === 'draft' ? html` <button type="submit" name="next" value="approve">${w.saveApprove}</button>` : ''}</p>`
    : ''
}
</form>
<p>${record.status === 'draft' ? button(ctx, record.id, 'reject', w.reject) : record.status === 'approved' ? button(ctx, record.id, 'retire', w.retire) : ''}</p>
<p><a href="/console/kb">${w.nav}</a></p>`,
  );
}
