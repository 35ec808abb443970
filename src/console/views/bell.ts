/** The notifications page behind the bell: newest first, each linked to its case, and the alerts switch. */
import type { StaffNotification } from '../../staff/notifications.js';
import { type Html, html } from '../html.js';
import { localTime, type PageContext, page } from './layout.js';

export function notificationsPage(
  ctx: PageContext,
  items: StaffNotification[],
  seenBefore: string | null,
): Html {
  const b = ctx.w.bell;
  const rows = items.map((item) => {
    const fresh = !seenBefore || item.at > seenBefore;
    const kind = b.kind[item.kind ?? 'other'];
    return html`<li class="${fresh ? 'fresh' : ''}">
<span class="who">${kind}${fresh ? html` <span class="badge">${b.newSince}</span>` : ''}</span>
<span class="when">${localTime(ctx, item.at)}${item.to.startsWith('team:') ? ` · ${b.forTeam} ${item.to.slice(5)}` : ''}${item.by ? ` · ${b.by} ${item.by}` : ''}</span>
<div>${item.ref ? html`<a href="/console/cases/${item.ref}">${item.ref}</a> ` : ''}${item.text}</div></li>`;
  });
  return page(
    ctx,
    b.bell,
    html`<h1>${b.bell}</h1>
<p class="hint">${b.alertsExplain}</p>
<p><button type="button" class="secondary" id="alerts-toggle" data-on="${b.alertsOn}" data-off="${b.alertsOff}" aria-pressed="false" hidden>${b.alertsOff}</button></p>
${items.length ? html`<ol class="notifications">${rows}</ol>` : html`<p>${b.nothingNew}</p>`}`,
  );
}
