/** The button on a resolved case's page that turns the case into a knowledge-base draft. */
import type { Case } from '../../cases/types.js';
import { type Html, html } from '../html.js';
import { kbWords } from '../kb-words.js';
import { csrfField, type PageContext } from './layout.js';

/** On a resolved case's page: anyone who may see the case may propose it. */
export function kbDraftForm(ctx: PageContext, kase: Case, key: string): Html {
  if (kase.status !== 'resolved' && kase.status !== 'closed') return html``;
  return html`<form method="post" action="/console/cases/${kase.ref}/kb-draft">${csrfField(ctx)}
<input type="hidden" name="_key" value="${key}-kb">
<p><button class="secondary" type="submit">${kbWords[ctx.lang].draftFromCase}</button></p></form>`;
}
