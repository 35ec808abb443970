/** The filter form of the case lists: every field a GET parameter, so a list is a link to share or save. */
import { caseStatuses } from '../../cases/types.js';
import { type Html, html } from '../html.js';
import { type CaseListView, decisionWord, statusWord } from './case-list-words.js';
import type { PageContext } from './layout.js';

/** The list's parameters as the form shows them (strings, as typed). */
export interface ListFilters {
  q?: string;
  status?: string;
  team?: string;
  owner?: string;
  channel?: string;
  priority?: string;
  product?: string;
  decision?: string;
  risk?: string;
  from?: string;
  to?: string;
}

const DECISIONS = ['replace', 'free_repair', 'paid_repair', 'needs_review', 'contract_repair'];
const CHANNELS = ['sms', 'voice', 'email', 'chat'];
const PRIORITIES = ['urgent', 'high', 'normal', 'low'];

function select(
  ctx: PageContext,
  name: string,
  label: string,
  options: Array<[string, string]>,
  value: string | undefined,
): Html {
  return html`<label for="f-${name}">${label}</label>
<select id="f-${name}" name="${name}"><option value="">${ctx.w.casesAny}</option>${options.map(
    ([option, text]) =>
      html`<option value="${option}"${option === value ? html` selected` : ''}>${text}</option>`,
  )}</select>`;
}

function input(name: string, label: string, value: string | undefined, type = 'text', hint = ''): Html {
  return html`<label for="f-${name}">${label}</label>
<input id="f-${name}" name="${name}" type="${type}" value="${value ?? ''}"${hint ? html` placeholder="${hint}"` : ''}>`;
}

export function casesFilters(ctx: PageContext, view: CaseListView, filters: ListFilters): Html {
  const { w } = ctx;
  return html`<form method="get" action="/console/cases" class="filters" aria-labelledby="filters-title">
<h2 id="filters-title">${w.casesFilters}</h2>
${view === 'search' ? '' : html`<input type="hidden" name="view" value="${view}">`}
${input('q', w.casesSearchLabel, filters.q, 'search', w.casesSearchHint)}
${select(
  ctx,
  'status',
  w.status,
  caseStatuses.map((status) => [status, statusWord(w, status)]),
  filters.status,
)}
${input('team', w.team, filters.team)}
${input('owner', w.casesOwner, filters.owner, 'text', w.casesOwnerHint)}
${select(
  ctx,
  'channel',
  w.channel,
  CHANNELS.map((channel) => [channel, channel]),
  filters.channel,
)}
${select(
  ctx,
  'priority',
  w.priority,
  PRIORITIES.map((priority) => [priority, priority]),
  filters.priority,
)}
${input('product', w.casesProduct, filters.product)}
${select(
  ctx,
  'decision',
  w.casesDecision,
  DECISIONS.map((decision) => [decision, decisionWord(w, decision)]),
  filters.decision,
)}
${select(
  ctx,
  'risk',
  w.casesRisk,
  [
    ['at_risk', w.casesAtRisk],
    ['breached', w.casesBreached],
  ],
  filters.risk,
)}
${input('from', w.casesFrom, filters.from, 'date')}
${input('to', w.casesTo, filters.to, 'date')}
<p><button type="submit">${w.casesApply}</button> <a href="/console/cases?view=${view === 'search' ? 'mine' : view}">${w.casesClear}</a></p>
</form>`;
}
