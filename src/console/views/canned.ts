/**
 * Supervisors' saved replies page: each team's replies (title, Chinese, English) and the form that adds
 * or replaces one (the same team and short name replace it), with a remove button per reply.
 */
import type { CannedReply } from '../../staff/canned.js';
import { type Html, html } from '../html.js';
import { csrfField, type PageContext, page } from './layout.js';

function field(id: string, label: string, input: Html): Html {
  return html`<label for="${id}">${label}</label>${input}`;
}

function row(ctx: PageContext, reply: CannedReply): Html {
  const c = ctx.w.canned;
  return html`<tr><td>${reply.team}</td><td><code>${reply.id}</code></td><td>${reply.title}</td><td class="pre">${reply.zh ?? ''}</td><td class="pre">${reply.en ?? ''}</td>
<td><form method="post" action="/console/canned/${reply.team}/${reply.id}/delete" class="inline">${csrfField(ctx)}<button class="secondary" type="submit">${c.remove}</button></form></td></tr>`;
}

export function cannedPage(ctx: PageContext, replies: CannedReply[], teams: string[], notice?: string): Html {
  const { w } = ctx;
  const c = w.canned;
  return page(
    ctx,
    c.title,
    html`<h1>${c.title}</h1>
<p class="hint">${c.explain}</p>
${notice ? html`<p class="notice" role="status">${notice}</p>` : ''}
${
  replies.length
    ? html`<table><thead><tr><th scope="col">${w.team}</th><th scope="col">${c.id}</th><th scope="col">${c.replyTitle}</th><th scope="col">${c.textZh}</th><th scope="col">${c.textEn}</th><th scope="col">${w.caseActions}</th></tr></thead>
<tbody>${replies.map((reply) => row(ctx, reply))}</tbody></table>`
    : html`<p>${c.none}</p>`
}
<form method="post" action="/console/canned">${csrfField(ctx)}
<fieldset><legend>${c.add}</legend>
${field('canned-team', w.team, html`<select id="canned-team" name="team" required>${teams.map((team) => html`<option value="${team}">${team}</option>`)}</select>`)}
${field('canned-id', c.id, html`<input id="canned-id" name="id" required pattern="[a-z0-9][a-z0-9_\\-]{0,39}" maxlength="40" autocomplete="off">`)}
${field('canned-title', c.replyTitle, html`<input id="canned-title" name="title" required maxlength="80">`)}
${field('canned-zh', c.textZh, html`<textarea id="canned-zh" name="zh" maxlength="2000"></textarea>`)}
${field('canned-en', c.textEn, html`<textarea id="canned-en" name="en" maxlength="2000"></textarea>`)}
<p><button type="submit">${c.save}</button></p>
</fieldset></form>`,
  );
}
