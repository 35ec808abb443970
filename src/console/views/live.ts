/** Supervisors' view of the bot's conversations: in progress (with "take over") and finished alone. */
import type { Case } from '../../cases/types.js';
import { newFormKey } from '../action-id.js';
import type { BotConversations } from '../bot-conversations.js';
import { type Html, html } from '../html.js';
import { csrfField, localTime, type PageContext, page } from './layout.js';

/** A customer by name and phone or address, not by their internal identity. */
function who(kase: Case): string {
  const name = typeof kase.slots.contact_name === 'string' ? kase.slots.contact_name : '';
  return [name, kase.route.address].filter(Boolean).join(' · ');
}

function row(ctx: PageContext, kase: Case, takeOver: boolean): Html {
  const { w } = ctx;
  return html`<tr>
<td><a href="/console/cases/${kase.ref}">${kase.ref}</a></td>
<td>${who(kase)}</td><td>${kase.route.channel}</td><td>${kase.lang}</td>
<td>${kase.summary}</td><td>${takeOver ? (kase.flow ?? w.none) : kase.status}</td>
<td>${localTime(ctx, kase.createdAt)}</td><td>${localTime(ctx, kase.updatedAt)}</td>
${
  takeOver
    ? html`<td><form method="post" action="/console/live/${kase.ref}/take-over" class="inline">${csrfField(ctx)}<input type="hidden" name="_key" value="${newFormKey()}"><button type="submit">${w.botTakeOver}</button></form></td>`
    : ''
}</tr>`;
}

function table(ctx: PageContext, cases: Case[], takeOver: boolean): Html {
  const { w } = ctx;
  if (cases.length === 0) return html`<p>${w.botNone}</p>`;
  return html`<div class="scroll-x"><table><thead><tr><th scope="col">${w.ref}</th><th scope="col">${w.customer}</th><th scope="col">${w.channel}</th><th scope="col">${w.language}</th><th scope="col">${w.summary}</th><th scope="col">${takeOver ? w.botStep : w.botOutcome}</th><th scope="col">${w.botSince}</th><th scope="col">${w.botLastMessage}</th>${takeOver ? html`<th scope="col"><span class="visually-hidden">${w.botTakeOver}</span></th>` : ''}</tr></thead>
<tbody>${cases.map((kase) => row(ctx, kase, takeOver))}</tbody></table></div>`;
}

export function livePage(ctx: PageContext, conversations: BotConversations): Html {
  const { w } = ctx;
  return page(
    ctx,
    w.botConversations,
    html`<h1>${w.botConversations}</h1>
<section aria-labelledby="bot-now"><h2 id="bot-now">${w.botInProgress} (${conversations.inProgress.length})</h2>${table(ctx, conversations.inProgress, true)}</section>
<section aria-labelledby="bot-done"><h2 id="bot-done">${w.botFinished} (${conversations.finished.length})</h2>${table(ctx, conversations.finished, false)}</section>`,
  );
}
