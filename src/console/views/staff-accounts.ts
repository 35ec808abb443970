/**
 * Supervisors' staff accounts page: every account with its role, teams, state and last sign-in, and
 * the forms for what `npm run staff` does (add, disable/enable, new password, new API token, role and
 * teams). A newly
 * issued secret is shown once, on the answer to the form that made it.
 */
import { type StaffAccount, staffRoles } from '../../staff/accounts.js';
import { type Html, html } from '../html.js';
import { csrfField, localTime, type PageContext, page } from './layout.js';

/** Secrets to show once: a new password, a new API token, or both for a new account. */
export interface IssuedSecret {
  name: string;
  password?: string;
  token?: string;
}

function roleSelect(ctx: PageContext, id: string, chosen: string): Html {
  return html`<select id="${id}" name="role">${staffRoles.map(
    (role) =>
      html`<option value="${role}"${role === chosen ? html` selected` : ''}>${ctx.w.c.roleName[role]}</option>`,
  )}</select>`;
}

function accountRow(ctx: PageContext, account: StaffAccount): Html {
  const { w } = ctx;
  const base = `/console/staff/${account.name}`;
  const id = `s-${account.name}`;
  const toggle = account.disabled ? 'enable' : 'disable';
  return html`<tr${account.disabled ? html` class="disabled"` : ''}>
<th scope="row">${account.name}</th>
<td colspan="2"><form method="post" action="${base}/update" class="inline">${csrfField(ctx)}
<label for="${id}-role">${w.role}</label>${roleSelect(ctx, `${id}-role`, account.role)}
<label for="${id}-teams">${w.teams}</label><input id="${id}-teams" name="teams" value="${account.teams.join(', ')}" required>
<label for="${id}-display">${w.c.displayName}</label><input id="${id}-display" name="displayName" value="${account.displayName ?? ''}" maxlength="60">
<button class="secondary" type="submit">${w.save}</button></form></td>
<td>${account.disabled ? w.accountDisabled : w.accountActive}</td>
<td>${account.lastSignInAt ? localTime(ctx, account.lastSignInAt) : w.never}</td>
<td>${
    // Not offered for oneself (the server refuses it too): the last supervisor must not lock everyone out.
    account.name === ctx.staff?.name
      ? ''
      : html`<form method="post" action="${base}/${toggle}" class="inline">${csrfField(ctx)}<button class="secondary" type="submit">${account.disabled ? w.enableAccount : w.disableAccount}</button></form>`
  }
<form method="post" action="${base}/password" class="inline">${csrfField(ctx)}<button class="secondary" type="submit">${w.resetPassword}</button></form>
<form method="post" action="${base}/token" class="inline">${csrfField(ctx)}<button class="secondary" type="submit">${w.newToken}</button></form></td>
</tr>`;
}

function issued(ctx: PageContext, secret: IssuedSecret): Html {
  const { w } = ctx;
  return html`<div class="notice secret" role="status">
<p>${w.secretFor} <strong>${secret.name}</strong> — ${w.shownOnce}</p>
${secret.password ? html`<p>${w.password}: <code>${secret.password}</code></p>` : ''}
${secret.token ? html`<p>${w.apiToken}: <code>${secret.token}</code></p>` : ''}
</div>`;
}

export function staffAccountsPage(
  ctx: PageContext,
  accounts: StaffAccount[],
  shown: { notice?: string; secret?: IssuedSecret } = {},
): Html {
  const { w } = ctx;
  return page(
    ctx,
    w.staffAccounts,
    html`<h1>${w.staffAccounts}</h1>
${shown.notice ? html`<p class="notice" role="status">${shown.notice}</p>` : ''}
${shown.secret ? issued(ctx, shown.secret) : ''}
<table class="staff">
<thead><tr><th scope="col">${w.name}</th><th scope="col">${w.role}</th><th scope="col">${w.teams}</th><th scope="col">${w.status}</th><th scope="col">${w.lastSignIn}</th><th scope="col">${w.caseActions}</th></tr></thead>
<tbody>${accounts.map((account) => accountRow(ctx, account))}</tbody>
</table>
<form method="post" action="/console/staff">${csrfField(ctx)}
<fieldset><legend>${w.addAccount}</legend>
<label for="new-name">${w.name}</label><input id="new-name" name="name" required pattern="[a-z0-9][a-z0-9._\\-]{0,47}" autocomplete="off">
<label for="new-role">${w.role}</label>${roleSelect(ctx, 'new-role', 'agent')}
<label for="new-display">${w.c.displayName}</label><input id="new-display" name="displayName" maxlength="60" placeholder="王工">
<label for="new-teams">${w.teams}</label><input id="new-teams" name="teams" required placeholder="support, onsite">
<p><button type="submit">${w.addAccount}</button></p>
</fieldset></form>`,
  );
}
