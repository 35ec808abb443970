/**
 * The case page, in three panes on a wide screen (the queues | the conversation | the customer, the
 * case's facts and its actions), one column on a narrow one. The reply box stays at the foot of the
 * conversation while it scrolls; typing `/` in it offers the team's saved replies, `@` in a note names
 * a colleague. Every customer-supplied string goes through the escaping template.
 */
import { contactOf, customerLabel } from '../../cases/customer-label.js';
import type { CaseDetail } from '../../staff/case-detail.js';
import type { CaseLabels } from '../case-labels.js';
import { type Html, html } from '../html.js';
import { auditSection } from './audit.js';
import { caseActions, isActive, type Pickers, personLabel } from './case-actions.js';
import { caseFacts, customerCard } from './case-facts.js';
import { csrfField, type PageContext, page } from './layout.js';
import { kbDraftForm } from './learn-from-case.js';
import { dueCell, type TeamQueue } from './queue.js';
import { channelName, timelineItems } from './timeline.js';

/** A saved reply with this case's values filled in, as the reply box offers it. */
export interface FilledCanned {
  id: string;
  title: string;
  text: string;
}

export interface CasePageData {
  detail: CaseDetail;
  key: string;
  labels: CaseLabels;
  pickers: Pickers;
  /** The waiting cases of the person's teams, for the list pane. */
  queues: TeamQueue[];
  /** The team's saved replies, filled in for this case. */
  canned: FilledCanned[];
  notice?: string;
}

function ownerName(ctx: PageContext, owner: string, people: Pickers['people']): string {
  if (owner === 'bot') return ctx.w.c.ownerBot;
  if (owner === 'queue') return ctx.w.c.ownerQueue;
  const name = owner.replace(/^staff:/, '');
  const account = people.find((person) => person.name === name);
  return account ? personLabel(account) : name;
}

/** The live part of the page (status and timeline), re-sent by the event stream when it changes. */
export function timelineFragment(
  ctx: PageContext,
  detail: CaseDetail,
  labels: CaseLabels,
  people: Pickers['people'] = [],
): Html {
  const kase = detail.case;
  const { w } = ctx;
  return html`<p class="status-line">${w.status}: <strong>${w.c.statusName[kase.status]}</strong> · ${w.owner}: ${ownerName(ctx, kase.owner, people)} · ${w.priority}: ${w.c.priorityName[kase.priority]} · ${w.deadline}: ${dueCell(ctx, detail.deadline?.due ?? null)}</p>
<ol class="timeline">${timelineItems(ctx, labels, detail.transcript)}</ol>`;
}

function listPane(ctx: PageContext, queues: TeamQueue[], current: string): Html {
  const { w } = ctx;
  return html`<nav class="pane pane-list" aria-label="${w.c.caseList}" id="case-list" data-swap>
<h2>${w.c.caseList}</h2>
${queues.map(
  (queue) => html`<h3>${w.c.waitingIn} ${queue.team} (${queue.waiting.length})</h3>
<form method="post" action="/console/take">${csrfField(ctx)}<input type="hidden" name="team" value="${queue.team}"><button type="submit" class="secondary" data-shortcut="next">${w.takeNext}</button></form>
<ul class="mini">${queue.waiting
    .slice(0, 15)
    .map(
      (c) =>
        html`<li${c.ref === current ? html` aria-current="page"` : ''}><a href="/console/cases/${c.ref}">${c.ref}</a> ${dueCell(ctx, c.deadline)}<br><span class="muted">${c.summary}</span></li>`,
    )}</ul>`,
)}
</nav>`;
}

/** Reply (to the customer) and note (to colleagues), at the foot of the conversation while it scrolls. */
function composer(ctx: PageContext, data: CasePageData): Html {
  const { w } = ctx;
  const kase = data.detail.case;
  const channel = channelName(ctx, kase.route.channel);
  const sms = kase.route.channel === 'sms';
  const canned = JSON.stringify(data.canned.map(({ id, title, text }) => ({ id, title, text })));
  return html`<div class="composer" id="composer">
<form method="post" action="/console/cases/${kase.ref}/reply" data-inplace id="reply-form">${csrfField(ctx)}
<input type="hidden" name="_key" value="${data.key}-reply">
<label for="reply-text">${w.replyIn}: ${channel} (${kase.route.address})</label>
<textarea id="reply-text" name="text" required maxlength="4000" rows="3" placeholder="${w.c.replyHint}" data-canned="${canned}" aria-describedby="canned-hint"${sms ? html` data-sms="sms-count"` : ''}></textarea>
<div class="canned-menu" id="canned-menu" role="listbox" aria-label="${w.c.replyHint}" hidden></div>
<p class="hint" id="canned-hint">${w.c.replyHint}${sms ? html` · SMS: <span id="sms-count">1</span>` : ''}</p>
<button type="submit">${w.send}</button></form>
<details id="note-box"><summary>${w.note}</summary>
<form method="post" action="/console/cases/${kase.ref}/note" data-inplace id="note-form">${csrfField(ctx)}
<input type="hidden" name="_key" value="${data.key}-note">
<label for="note-text">${w.note}</label>
<textarea id="note-text" name="text" required maxlength="4000" rows="3" placeholder="${w.c.notePlaceholder}" data-mentions="${JSON.stringify(data.pickers.people.map((p) => ({ name: p.name, label: personLabel(p) })))}"></textarea>
<button class="secondary" type="submit">${w.addNote}</button></form></details>
</div>`;
}

export function casePage(ctx: PageContext, data: CasePageData): Html {
  const { w } = ctx;
  const { detail, key, labels, pickers } = data;
  const kase = detail.case;
  return page(
    ctx,
    kase.ref,
    html`<div class="case-layout">
${listPane(ctx, data.queues, kase.ref)}
<section class="pane pane-conversation" aria-labelledby="case-h">
<h1 id="case-h">${w.ref} ${kase.ref}${detail.customer?.name ? ` · ${detail.customer.name}` : ''}</h1>
<p class="live-state" aria-live="polite" data-on="${w.live}" data-off="${w.offline}"></p>
<div id="action-result" role="status" aria-live="polite">${data.notice ? html`<p class="notice">${data.notice}</p>` : ''}</div>
<h2 id="timeline-h" class="visually-hidden">${w.timeline}</h2>
<div id="timeline" data-live="/console/events/cases/${kase.ref}" data-swap>${timelineFragment(ctx, detail, labels, pickers.people)}</div>
${composer(ctx, data)}
</section>
<aside class="pane pane-facts" aria-label="${w.c.customerFacts}" id="case-side" data-swap>
${customerCard(ctx, detail, labels)}
<p><a id="customer-page" href="/console/customers/${kase.customerId}">${customerLabel({ id: kase.customerId, name: detail.customer?.name ?? (kase.slots?.contact_name as string | undefined) ?? null, ...contactOf(detail.customer?.identities ?? []) }, w.casesUnnamed)}</a></p>
<p><a href="/console/customers/${kase.customerId}/group">${w.customerGroup}</a></p>
${kase.record ? html`<p><a href="/console/cases/${kase.ref}/record">${w.printRecord}</a></p>` : ''}
${kbDraftForm(ctx, kase, key)}
${caseActions(ctx, detail, key, pickers)}
${caseFacts(ctx, detail, labels)}
${auditSection(ctx, detail.audit)}
</aside>
</div>
<div id="shortcut-anchors" hidden data-active="${isActive(kase) ? '1' : '0'}"></div>`,
  );
}
