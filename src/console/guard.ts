/**
 * The console's gate: every route needs a live session of an enabled account (re-read on each request,
 * so disabling someone or signing out everywhere takes effect at once), and every POST carries the
 * session's CSRF token. Signed-out page requests go to the sign-in form; anything else gets 401.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { markOnDuty } from '../cases/presence.js';
import { type ConsoleContext, pageContext, sendPage } from './context.js';
import { readCookie, SESSION_COOKIE } from './cookies.js';
import { langFromHeader } from './i18n.js';
import { sameSecret } from './sessions.js';
import { messagePage } from './views/layout.js';

export async function currentSession(request: FastifyRequest, ctx: ConsoleContext) {
  const id = readCookie(request, SESSION_COOKIE);
  const session = id ? await ctx.sessions.get(id) : null;
  if (!session) return null;
  const staff = await ctx.accounts.get(session.name);
  if (!staff || staff.disabled) return null;
  return { session, staff };
}

export function registerGuard(app: FastifyInstance, ctx: ConsoleContext): void {
  const { runtime } = ctx;
  app.decorateRequest('consoleStaff', null);
  app.decorateRequest('consoleSession', null);
  app.decorateRequest('consoleLang', 'en');

  app.addHook('onRequest', async (request, reply) => {
    request.consoleLang = langFromHeader(request.headers['accept-language']);
    if (request.routeOptions.config.consolePublic) return;
    const found = await currentSession(request, ctx);
    if (!found) {
      if (request.method === 'GET' && !request.url.startsWith('/console/events'))
        return reply.redirect('/console/login', 303);
      return reply.code(401).type('text/plain').send('sign in at /console/login');
    }
    request.consoleSession = found.session;
    request.consoleStaff = found.staff;
    request.consoleLang = (await ctx.prefs.lang(found.staff.name)) ?? request.consoleLang;
    // Working in the console is being on duty, exactly as calling the staff API is.
    await markOnDuty(
      runtime.redis,
      runtime.config.REDIS_KEY_PREFIX,
      found.staff.name,
      found.staff.teams,
      runtime.clock.now(),
    );
  });

  // After body parsing: a form without the session's token (another site's form, a stale tab from
  // a signed-out session) changes nothing.
  app.addHook('preHandler', async (request, reply) => {
    if (request.method !== 'POST' || request.routeOptions.config.consolePublic) return;
    const sent = (request.body as Record<string, unknown> | undefined)?._csrf;
    if (typeof sent === 'string' && sameSecret(sent, request.consoleSession?.csrf ?? '')) return;
    const page = pageContext(request, runtime);
    return sendPage(reply, messagePage(page, '403', 'CSRF token missing or wrong: reload the page.'), 403);
  });
}
