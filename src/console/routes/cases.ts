/**
 * `GET /console/cases`: the case lists and search results (from the record, through the same search as
 * `GET /api/staff/cases`), `POST /console/saved-views` and `/console/saved-views/delete`: a person's
 * saved lists, and the lists' stylesheet.
 */
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { SupportError } from '../../errors.js';
import type { CaseSearchInput, CaseSearchResult } from '../../record/search.js';
import type { StaffAccount } from '../../staff/accounts.js';
import { caseSearchQuery, findCases, searchInput } from '../../staff/case-search.js';
import { parseInput } from '../../staff/validate.js';
import { casesCss } from '../assets/cases-css.js';
import { type ConsoleRoutes, pageContext, sendPage, signedIn } from '../context.js';
import { createSavedViews, MAX_SAVED_VIEWS } from '../saved-views.js';
import { type CaseListView, casesPage } from '../views/cases.js';
import type { ListFilters } from '../views/cases-filters.js';

const FILTER_NAMES = [
  'q',
  'status',
  'team',
  'owner',
  'channel',
  'priority',
  'product',
  'decision',
  'risk',
  'from',
  'to',
];
const viewSchema = z.enum(['mine', 'teams', 'open', 'search']).optional();
const saveForm = z.object({
  name: z.string().trim().min(1, 'must not be empty').max(40),
  query: z.string().max(1000),
});
const deleteForm = z.object({ name: z.string().trim().min(1).max(40) });

/** What the form sent, without the empty fields (a select left at "any"). */
function listFilters(request: FastifyRequest): ListFilters {
  const raw = (request.query ?? {}) as Record<string, unknown>;
  const filters: Record<string, string> = {};
  for (const name of FILTER_NAMES) {
    const value = raw[name];
    if (typeof value === 'string' && value.trim()) filters[name] = value.trim();
  }
  return filters;
}

/** The list's own condition on top of the filters: whose cases, and only open ones. */
function scoped(view: CaseListView, staff: StaffAccount, input: CaseSearchInput): CaseSearchInput {
  if (view === 'mine') return { ...input, owner: `staff:${staff.name}`, open: true };
  if (view === 'teams') return { ...input, teams: staff.teams, open: true };
  if (view === 'open') return { ...input, open: true };
  return input;
}

function queryStringOf(view: CaseListView, filters: ListFilters): string {
  const params = new URLSearchParams(view === 'search' ? {} : { view });
  for (const [name, value] of Object.entries(filters)) if (value) params.set(name, value);
  return params.toString();
}

async function orNull<T>(work: Promise<T>): Promise<T | null> {
  try {
    return await work;
  } catch (error) {
    if (error instanceof SupportError && error.code === 'SUPPORT_ERR_UNAVAILABLE') return null;
    throw error;
  }
}

export const casesRoutes: ConsoleRoutes = (app, { runtime }) => {
  const saved = createSavedViews(runtime.redis, runtime.config.REDIS_KEY_PREFIX);

  app.get('/console/assets/cases.css', { config: { consolePublic: true } }, async (_request, reply) =>
    reply.type('text/css; charset=utf-8').header('cache-control', 'public, max-age=300').send(casesCss),
  );

  app.get('/console/cases', async (request, reply) => {
    const { staff } = signedIn(request);
    const raw = (request.query ?? {}) as Record<string, unknown>;
    const filters = listFilters(request);
    const asked = raw.view ? parseInput(viewSchema, raw.view, 'query') : undefined;
    const view: CaseListView = asked ?? (filters.q ? 'search' : 'mine');
    const query = parseInput(
      caseSearchQuery,
      {
        ...filters,
        ...(typeof raw.cursor === 'string' && raw.cursor ? { cursor: raw.cursor } : {}),
        limit: 50,
      },
      'query',
    );
    const input = searchInput(query);
    const count = (list: CaseListView) =>
      orNull(findCases(runtime, staff, { ...scoped(list, staff, { limit: 1 }) })).then(
        (found) => found?.count,
      );
    const lists: CaseListView[] = staff.role === 'supervisor' ? ['mine', 'teams', 'open'] : ['mine', 'teams'];
    const [result, counts, views] = await Promise.all([
      orNull<CaseSearchResult>(findCases(runtime, staff, scoped(view, staff, input))),
      Promise.all(lists.map(async (list) => [list, await count(list)] as const)),
      saved.list(staff.name),
    ]);
    return sendPage(
      reply,
      casesPage(pageContext(request, runtime), {
        view,
        filters,
        result,
        counts: Object.fromEntries(counts.filter(([, n]) => n !== undefined)),
        saved: views,
        query: queryStringOf(view, filters),
      }),
    );
  });

  app.post('/console/saved-views', async (request, reply) => {
    const { staff } = signedIn(request);
    const form = parseInput(saveForm, request.body, 'body');
    const existing = await saved.list(staff.name);
    if (existing.length >= MAX_SAVED_VIEWS && !existing.some((view) => view.name === form.name)) {
      throw new SupportError(
        'SUPPORT_ERR_VALIDATION',
        `at most ${MAX_SAVED_VIEWS} saved views: delete one first`,
      );
    }
    // Only the list's own parameters are kept: a saved view cannot smuggle anything else into a link.
    const params = new URLSearchParams(form.query);
    const kept = new URLSearchParams();
    for (const [name, value] of params)
      if (name === 'view' || FILTER_NAMES.includes(name)) kept.set(name, value);
    await saved.save(staff.name, { name: form.name, query: kept.toString() });
    return reply.redirect(`/console/cases?${kept.toString()}`, 303);
  });

  app.post('/console/saved-views/delete', async (request, reply) => {
    const { staff } = signedIn(request);
    const { name } = parseInput(deleteForm, request.body, 'body');
    await saved.remove(staff.name, name);
    return reply.redirect('/console/cases', 303);
  });
};
