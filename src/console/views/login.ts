/** The sign-in form (name and password from `npm run staff -- add`, or the first start's admin). */
import { html } from '../html.js';
import { type PageContext, page } from './layout.js';

export function loginPage(ctx: PageContext, error?: string, name = '') {
  const { w } = ctx;
  return page(
    ctx,
    w.signIn,
    html`<div class="login">
<h1>${w.title}</h1>
${error ? html`<p class="notice error" role="alert">${error}</p>` : ''}
<form method="post" action="/console/login">
  <input type="hidden" name="_csrf" value="${ctx.csrf}">
  <label for="name">${w.name}</label>
  <input id="name" name="name" autocomplete="username" required value="${name}" autofocus>
  <label for="password">${w.password}</label>
  <input id="password" name="password" type="password" autocomplete="current-password" required>
  <p><button type="submit">${w.signIn}</button></p>
</form>
</div>`,
  );
}
