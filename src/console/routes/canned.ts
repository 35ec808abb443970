/**
 * `/console/canned` (supervisors): the saved replies of every team, through the same store as the
 * staff API's `/canned` routes and with the same body schema.
 */
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { assertSupervisor } from '../../staff/access.js';
import { teamNameSchema } from '../../staff/accounts.js';
import { cannedBody, cannedIdSchema, createCannedReplies } from '../../staff/canned.js';
import { parseInput } from '../../staff/validate.js';
import { type ConsoleRoutes, pageContext, sendPage, signedIn } from '../context.js';
import { allTeams } from '../teams.js';
import { cannedPage } from '../views/canned.js';

const keyForm = z.object({ team: teamNameSchema, id: cannedIdSchema });
const doneQuery = z.object({ done: z.string().max(20).optional() });

export const cannedRoutes: ConsoleRoutes = (app, ctx) => {
  const { runtime, accounts } = ctx;
  const store = createCannedReplies(runtime.redis, runtime.config.REDIS_KEY_PREFIX, runtime.clock);
  const supervisor = (request: FastifyRequest) => {
    const { staff } = signedIn(request);
    assertSupervisor(staff, 'manage saved replies');
    return staff;
  };

  app.get('/console/canned', async (request, reply) => {
    supervisor(request);
    const teams = await allTeams(accounts);
    const { done } = doneQuery.parse(request.query ?? {});
    const page = pageContext(request, runtime);
    return sendPage(reply, cannedPage(page, await store.list(teams), teams, done ? page.w.done : undefined));
  });

  app.post('/console/canned', async (request, reply) => {
    const staff = supervisor(request);
    const form = (request.body ?? {}) as Record<string, unknown>;
    const { team, id } = parseInput(keyForm, form, 'body');
    const blank = (name: string) =>
      typeof form[name] === 'string' && form[name] !== '' ? form[name] : undefined;
    const body = parseInput(cannedBody, { title: form.title, zh: blank('zh'), en: blank('en') }, 'body');
    await store.put(team, id, body, staff.name);
    return reply.redirect('/console/canned?done=saved', 303);
  });

  app.post('/console/canned/:team/:id/delete', async (request, reply) => {
    supervisor(request);
    const { team, id } = parseInput(keyForm, request.params, 'params');
    await store.remove(team, id);
    return reply.redirect('/console/canned?done=removed', 303);
  });
};
