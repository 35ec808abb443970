/** The page frame: navigation by role, language choice, sign out, and the one script and stylesheet. */
import { DateTime } from 'luxon';
import type { StaffAccount } from '../../staff/accounts.js';
import { type Html, html } from '../html.js';
import type { ConsoleLang, Words } from '../i18n.js';
import { kbWords } from '../kb-words.js';

export interface PageContext {
  w: Words;
  lang: ConsoleLang;
  staff: StaffAccount | null;
  /** The session's CSRF token, put into every form. */
  csrf: string;
  now: Date;
  /** The business timezone (policy `hours.timezone`): times are shown as the team lives them. */
  zone: string;
}

/** `YYYY-MM-DD HH:mm` in the business timezone. */
export function localTime(ctx: PageContext, iso: string): string {
  const time = DateTime.fromISO(iso, { zone: ctx.zone });
  return time.isValid ? time.toFormat('yyyy-MM-dd HH:mm') : iso;
}

export const csrfField = (ctx: PageContext) => html`<input type="hidden" name="_csrf" value="${ctx.csrf}">`;

function nav(ctx: PageContext): Html {
  const { w, staff } = ctx;
  if (!staff) return html``;
  const supervisor = staff.role === 'supervisor';
  return html`<header class="top">
  <nav aria-label="${w.title}">
    <a href="/console">${w.myQueue}</a>
    <a href="/console/cases">${w.casesNav}</a>
    ${staff.role === 'engineer' ? html`<a href="/console/engineer">${w.engineerMyDay}</a>` : ''}
    <a href="/console/visits">${w.visits}</a>
    ${staff.role !== 'engineer' ? html`<a href="/console/contracts">${w.contracts}</a>` : ''}
    ${supervisor ? html`<a href="/console/live">${w.botConversations}</a>` : ''}
    ${supervisor ? html`<a href="/console/kb">${kbWords[ctx.lang].nav}</a>` : ''}
    ${supervisor ? html`<a href="/console/at-risk">${w.atRisk}</a> <a href="/console/kpis">${w.kpis}</a> <a href="/console/reports/products">${w.productReport}</a> <a href="/console/reviews">${w.reviews}</a> <a href="/console/queues">${w.queues}</a>` : ''}
    ${supervisor ? html`<a href="/console/staff">${w.staffAccounts}</a>` : ''}
    ${supervisor ? html`<a href="/console/canned">${w.canned.nav}</a>` : ''}
  </nav>
  ${bellLink(ctx)}
  <form method="get" action="/console/cases" role="search">
    <label for="console-search">${w.casesSearchLabel}</label>
    <input id="console-search" type="search" name="q" placeholder="${w.casesSearchHint}" title="${w.casesSearchHint}">
    <button class="secondary" type="submit">${w.casesSearchButton}</button>
  </form>
  <span>${staff.displayName ?? staff.name} (${w.c.roleName[staff.role]})</span>
  <form method="post" action="/console/lang">${csrfField(ctx)}
    <label for="lang-choice">${w.interfaceLanguage}</label>
    <select id="lang-choice" name="lang">
      <option value="en"${ctx.lang === 'en' ? html` selected` : ''}>English</option>
      <option value="zh"${ctx.lang === 'zh' ? html` selected` : ''}>中文</option>
    </select>
    <button class="secondary" type="submit">${w.save}</button>
  </form>
  <form method="post" action="/console/logout">${csrfField(ctx)}<button class="secondary" type="submit">${w.signOut}</button></form>
  <form method="post" action="/console/logout-everywhere">${csrfField(ctx)}<button class="secondary" type="submit">${w.signOutEverywhere}</button></form>
</header>`;
}

/** The bell: a link to the notifications page; the page script fills in the count. */
function bellLink(ctx: PageContext): Html {
  const b = ctx.w.bell;
  return html`<a href="/console/notifications" id="bell" class="bell"><svg aria-hidden="true" focusable="false" width="20" height="20" viewBox="0 0 24 24"><path fill="currentColor" d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22zm7-6V11a7 7 0 0 0-5.5-6.84V3.5a1.5 1.5 0 0 0-3 0v.66A7 7 0 0 0 5 11v5l-2 2v1h18v-1z"/></svg><span class="visually-hidden">${b.bell}</span> <span class="count" hidden></span></a>
<button type="button" class="secondary shortcut-hint" hidden data-open-shortcuts title="${b.shortcutsHint}" aria-label="${b.shortcutsHint}">?</button>`;
}

/** The list `?` opens (a native dialog: Escape closes it, focus stays inside). */
function shortcutsDialog(ctx: PageContext): Html {
  if (!ctx.staff) return html``;
  const b = ctx.w.bell;
  return html`<dialog id="shortcuts" aria-labelledby="shortcuts-h"><h2 id="shortcuts-h">${b.shortcuts}</h2>
<dl class="keys">${b.keys.map(([key, what]) => html`<dt><kbd>${key}</kbd></dt><dd>${what}</dd>`)}</dl>
<form method="dialog"><button type="submit">${b.close}</button></form></dialog>`;
}

/** `head`: a page's own stylesheets and scripts (files served by the app; the CSP allows no inline ones). */
export function page(ctx: PageContext, title: string, body: Html, head?: Html): Html {
  return html`<!doctype html>
<html lang="${ctx.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · ${ctx.w.title}</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/console/assets/console.css">
<script src="/console/assets/console.js" defer></script>
${head}
</head>
<body data-now="${ctx.now.getTime()}" data-offline="${ctx.w.offline}">
${nav(ctx)}
<main id="main">
${body}
</main>
${shortcutsDialog(ctx)}
</body>
</html>`;
}

export function messagePage(ctx: PageContext, title: string, message: string): Html {
  return page(
    ctx,
    title,
    html`<h1>${title}</h1><p class="notice error" role="alert">${message}</p><p><a href="/console">${ctx.w.back}</a></p>`,
  );
}
