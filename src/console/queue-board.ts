/**
 * Queue internals for operators: Bull Board at /console/queues, supervisors only. It has its own scope
 * because its single-page UI talks JSON to its own API (no forms to carry the console's CSRF token):
 * changes (retry, clean, pause) are accepted only from the console's own origin, on top of the
 * SameSite=Strict session cookie. Its page runs no inline script, so scripts stay 'self' only; it
 * does need its <base> element and inline styles, and its web font link is refused (no CDN).
 */
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter } from '@bull-board/fastify';
import helmet from '@fastify/helmet';
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { ConsoleContext } from './context.js';
import { currentSession } from './guard.js';
import { allTeams } from './teams.js';

export const QUEUE_BOARD_PATH = '/console/queues';

/** Fetch metadata when the browser sends it, else the Origin header against the Host. */
function sameOrigin(request: FastifyRequest): boolean {
  const site = request.headers['sec-fetch-site'];
  if (site) return site === 'same-origin';
  const origin = request.headers.origin;
  if (!origin) return false;
  try {
    return new URL(origin).host === request.headers.host;
  } catch {
    return false;
  }
}

export function queueBoardPlugin(ctx: ConsoleContext, csp: Record<string, string[]>): FastifyPluginAsync {
  return async (app) => {
    const { queues } = ctx.runtime;
    const teams = await allTeams(ctx.accounts);
    const board = new FastifyAdapter();
    board.setBasePath(QUEUE_BOARD_PATH);
    createBullBoard({
      queues: [
        queues.outbox,
        queues.deadlines,
        queues.timers,
        ...teams.map((t) => queues.escalations(t)),
      ].map((queue) => new BullMQAdapter(queue)),
      serverAdapter: board,
      options: {
        uiConfig: {
          boardTitle: 'Support queues',
          // The board is its own page: the way back to the console sits in its header.
          miscLinks: [{ text: 'Back to the console · 返回控制台', url: '/console' }],
        },
      },
    });
    await app.register(async (scope) => {
      await scope.register(helmet, {
        contentSecurityPolicy: {
          useDefaults: false,
          directives: { ...csp, baseUri: ["'self'"], styleSrc: ["'self'", "'unsafe-inline'"] },
        },
        referrerPolicy: { policy: 'same-origin' },
        hsts: false,
      });
      scope.addHook('onRequest', async (request, reply) => {
        const found = await currentSession(request, ctx);
        if (!found) {
          if (request.method === 'GET') return reply.redirect('/console/login', 303);
          return reply.code(401).type('text/plain').send('sign in at /console/login');
        }
        if (found.staff.role !== 'supervisor')
          return reply.code(403).type('text/plain').send('Queue internals are for supervisors only.');
        if (request.method !== 'GET' && request.method !== 'HEAD' && !sameOrigin(request))
          return reply.code(403).type('text/plain').send('cross-site request refused');
      });
      await scope.register(board.registerPlugin(), { prefix: QUEUE_BOARD_PATH });
    });
  };
}
