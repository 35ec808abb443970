/**
 * The case's audit trail on the case page: who viewed it and what staff did, newest first. Kept apart
 * from the timeline (the customer's story) so it reads as the record of staff access it is.
 */
import type { AuditAction, AuditEntry } from '../../staff/audit.js';
import { type Html, html } from '../html.js';
import type { ConsoleLang } from '../i18n.js';
import { localTime, type PageContext } from './layout.js';

const ACTION_LABELS: Record<ConsoleLang, Record<AuditAction, string>> = {
  en: {
    viewed: 'viewed',
    claimed: 'took the case',
    replied: 'replied',
    noted: 'added a note',
    handed_back: 'handed back to the bot',
    reassigned: 'reassigned',
    dispatched: 'dispatched',
    late: 'reported running late',
    absent: 'reported the customer absent',
    resolved: 'resolved',
    record_emailed: 'emailed the maintenance record',
    quoted: 'sent a quote',
    taken_over: 'took the conversation over from the bot',
    on_site: 'on site',
    photo_attached: 'attached a photo',
    confirmed_on_site: 'had the customer confirm on the spot',
  },
  zh: {
    viewed: '查看',
    claimed: '领取工单',
    replied: '回复',
    noted: '添加备注',
    handed_back: '交回机器人',
    reassigned: '改派',
    dispatched: '派工',
    late: '报告迟到',
    absent: '报告客户不在',
    resolved: '解决',
    record_emailed: '发送维护记录单邮件',
    quoted: '发送报价',
    taken_over: '从机器人接管会话',
    on_site: '现场',
    photo_attached: '上传照片',
    confirmed_on_site: '客户现场确认',
  },
};

/** Newest first, at most this many (the API's case view has them all). */
const SHOWN = 50;

export function auditSection(ctx: PageContext, entries: AuditEntry[]): Html {
  const { w } = ctx;
  const labels = ACTION_LABELS[ctx.lang];
  const newest = entries.slice(-SHOWN).reverse();
  return html`<section class="audit" aria-labelledby="audit-h"><h2 id="audit-h">${w.auditTrail}</h2>
${
  newest.length === 0
    ? html`<p>${w.none}</p>`
    : html`<ol class="audit">${newest.map(
        (entry) =>
          html`<li data-action="${entry.action}"><span class="when">${localTime(ctx, entry.at)}</span> <strong>${entry.staff}</strong> ${labels[entry.action] ?? entry.action}${entry.detail ? html` → ${entry.detail}` : ''}</li>`,
      )}</ol>`
}
${entries.length > SHOWN ? html`<p class="status-line">${entries.length - SHOWN} ${w.olderInApi}</p>` : ''}
</section>`;
}
