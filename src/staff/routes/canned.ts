/**
 * Saved replies (常用语): `GET /canned` (the caller's teams; a supervisor may name any team),
 * `PUT /canned/:team/:id` and `DELETE /canned/:team/:id` (supervisors). The console's reply box and
 * its supervisors' page use the same store (src/staff/canned.ts).
 */
import { z } from 'zod';
import { assertSupervisor } from '../access.js';
import { teamNameSchema } from '../accounts.js';
import { caller } from '../auth.js';
import { cannedBody, cannedIdSchema, createCannedReplies } from '../canned.js';
import { parseInput } from '../validate.js';
import type { StaffRoutes } from './context.js';

export const cannedParams = z.object({ team: teamNameSchema, id: cannedIdSchema });
export const cannedQuery = z.object({ team: teamNameSchema.optional() });

export const cannedRoutes: StaffRoutes = (app, { runtime }) => {
  const store = createCannedReplies(runtime.redis, runtime.config.REDIS_KEY_PREFIX, runtime.clock);

  app.get('/canned', async (request) => {
    const staff = caller(request);
    const { team } = parseInput(cannedQuery, request.query, 'query');
    if (team && staff.role !== 'supervisor' && !staff.teams.includes(team))
      assertSupervisor(staff, `read another team's saved replies`);
    return { items: await store.list(team ? [team] : staff.teams) };
  });

  app.put('/canned/:team/:id', async (request) => {
    const staff = caller(request);
    assertSupervisor(staff, 'change saved replies');
    const { team, id } = parseInput(cannedParams, request.params, 'params');
    const body = parseInput(cannedBody, request.body, 'body');
    return store.put(team, id, body, staff.name);
  });

  app.delete('/canned/:team/:id', async (request, reply) => {
    const staff = caller(request);
    assertSupervisor(staff, 'change saved replies');
    const { team, id } = parseInput(cannedParams, request.params, 'params');
    await store.remove(team, id);
    return reply.code(204).send();
  });
};
