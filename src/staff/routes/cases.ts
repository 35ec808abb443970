/**
 * `GET /cases` (search and lists, from the record), `POST /cases/next` (claim atomically: 200 case or
 * 204) and `GET /cases/:ref` (the whole story).
 */
import { assertCanSee, assertTeamMember, defaultTeam } from '../access.js';
import { caller } from '../auth.js';
import { caseDetail, loadCase } from '../case-detail.js';
import { caseSearchQuery, findCases, searchInput } from '../case-search.js';
import { claimNextCase } from '../commands.js';
import { claimBody, refParams } from '../schemas.js';
import { parseInput } from '../validate.js';
import type { StaffRoutes } from './context.js';

export const caseRoutes: StaffRoutes = (app, { runtime }) => {
  app.get('/cases', async (request) => {
    const staff = caller(request);
    const query = parseInput(caseSearchQuery, request.query, 'query');
    return findCases(runtime, staff, searchInput(query));
  });

  app.post('/cases/next', async (request, reply) => {
    const staff = caller(request);
    const body = parseInput(claimBody, request.body, 'body');
    const team = defaultTeam(staff, body.team);
    assertTeamMember(staff, team);
    const claimed = await claimNextCase(runtime, staff, team);
    if (!claimed) return reply.code(204).send();
    return caseDetail(runtime, await loadCase(runtime, claimed.ref));
  });

  app.get('/cases/:ref', async (request) => {
    const staff = caller(request);
    const { ref } = parseInput(refParams, request.params, 'params');
    const kase = await loadCase(runtime, ref);
    assertCanSee(staff, kase);
    return caseDetail(runtime, kase);
  });
};
