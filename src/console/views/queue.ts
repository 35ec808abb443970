/** My queue: per team, the waiting cases in pick order, and the button that claims the next one. */
import type { WaitingCase } from '../../staff/queue-view.js';
import { type Html, html } from '../html.js';
import { csrfField, localTime, type PageContext, page } from './layout.js';

export interface TeamQueue {
  team: string;
  waiting: WaitingCase[];
}

/** The deadline cell: the client counts down from `data-due`; the class is right even without script. */
export function dueCell(ctx: PageContext, due: string | null): Html {
  if (!due) return html`<span>${ctx.w.none}</span>`;
  const left = Date.parse(due) - ctx.now.getTime();
  const tone = left < 0 ? 'red' : left <= 3600_000 ? 'amber' : '';
  return html`<span class="due ${tone}" data-due="${due}" data-breached="${ctx.w.breached}"><time datetime="${due}">${localTime(ctx, due)}</time> <span class="left"></span></span>`;
}

function teamTable(ctx: PageContext, queue: TeamQueue): Html {
  const { w } = ctx;
  const rows = queue.waiting.map(
    (c) => html`<tr>
  <td>${c.position}</td>
  <td><a href="/console/cases/${c.ref}">${c.ref}</a></td>
  <td>${c.priority}</td>
  <td>${c.channel}</td>
  <td>${c.lang}</td>
  <td data-since="${c.waitingSince}">${localTime(ctx, c.waitingSince)}</td>
  <td>${dueCell(ctx, c.deadline)}</td>
  <td>${c.summary}</td>
</tr>`,
  );
  return html`<section aria-labelledby="team-${queue.team}">
<h2 id="team-${queue.team}">${w.team}: ${queue.team} (${queue.waiting.length})</h2>
<form method="post" action="/console/take">${csrfField(ctx)}<input type="hidden" name="team" value="${queue.team}"><button type="submit" data-shortcut="next">${w.takeNext}</button></form>
${
  queue.waiting.length === 0
    ? html`<p>${w.noWaiting}</p>`
    : html`<table>
<thead><tr><th scope="col">${w.position}</th><th scope="col">${w.ref}</th><th scope="col">${w.priority}</th><th scope="col">${w.channel}</th><th scope="col">${w.language}</th><th scope="col">${w.age}</th><th scope="col">${w.deadline}</th><th scope="col">${w.summary}</th></tr></thead>
<tbody>${rows}</tbody>
</table>`
}
</section>`;
}

/** The live part of the page, re-sent by the event stream whenever it changes. */
export function queueFragment(ctx: PageContext, queues: TeamQueue[]): Html {
  return html`${queues.map((q) => teamTable(ctx, q))}`;
}

/** Visit invitations that never reached the customer: the office must call them. */
function failedInvitationsBanner(ctx: PageContext, failed: number): Html {
  if (failed === 0) return html``;
  return html`<p class="notice error" role="alert">${failed} ${ctx.w.invitationFailedBanner} <a href="/console/visits#invitations">${ctx.w.invitationFailedSee}</a></p>`;
}

export function queuePage(
  ctx: PageContext,
  queues: TeamQueue[],
  notice?: string,
  failedInvitations = 0,
): Html {
  const { w } = ctx;
  return page(
    ctx,
    w.myQueue,
    html`<h1>${w.myQueue}</h1>
<p class="live-state" aria-live="polite" data-on="${w.live}" data-off="${w.offline}"></p>
${notice ? html`<p class="notice" role="status">${notice}</p>` : ''}
${failedInvitationsBanner(ctx, failedInvitations)}
<div id="queue" data-live="/console/events/queue">${queueFragment(ctx, queues)}</div>`,
  );
}
