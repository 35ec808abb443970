/**
 * Sign in, sign out, sign out everywhere, and the interface language. The sign-in form has no session
 * yet, so its CSRF token is a double-submit cookie; failed attempts are limited per address and per
 * name, and a browser that signed in before (its device cookie) is never locked out by others' failures.
 */
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { type ConsoleRoutes, pageContext, sendPage, signedIn } from '../context.js';
import {
  clearCookie,
  DEVICE_COOKIE,
  LOGIN_CSRF_COOKIE,
  readCookie,
  SESSION_COOKIE,
  setCookie,
} from '../cookies.js';
import { currentSession } from '../guard.js';
import { consoleLangs, words } from '../i18n.js';
import { SESSION_TTL_SECONDS, sameSecret } from '../sessions.js';
import { messagePage } from '../views/layout.js';
import { loginPage } from '../views/login.js';

const loginForm = z.object({
  name: z.string().trim().max(100).default(''),
  password: z.string().max(200).default(''),
  _csrf: z.string().max(200).default(''),
});

const langForm = z.object({ lang: z.enum(consoleLangs) });

export const signInRoutes: ConsoleRoutes = (app, ctx) => {
  const { runtime, sessions, accounts, limiter, prefs } = ctx;
  const publicRoute = { config: { consolePublic: true } };

  const freshForm = (request: Parameters<typeof pageContext>[0], reply: Parameters<typeof sendPage>[0]) => {
    const token = randomBytes(24).toString('base64url');
    setCookie(request, reply, LOGIN_CSRF_COOKIE, token, 3600);
    return pageContext(request, runtime, token);
  };

  app.get('/console/login', publicRoute, async (request, reply) => {
    if (await currentSession(request, ctx)) return reply.redirect('/console', 303);
    return sendPage(reply, loginPage(freshForm(request, reply)));
  });

  app.post('/console/login', publicRoute, async (request, reply) => {
    const form = loginForm.safeParse(request.body ?? {});
    const w = words[request.consoleLang];
    const cookie = readCookie(request, LOGIN_CSRF_COOKIE) ?? '';
    if (!form.success || !sameSecret(form.data._csrf, cookie)) {
      return sendPage(
        reply,
        loginPage(freshForm(request, reply), 'CSRF token missing or wrong: try again.'),
        403,
      );
    }
    const { name, password } = form.data;
    const attempt = { ip: request.ip, name, device: readCookie(request, DEVICE_COOKIE) };
    if (!(await limiter.allowed(attempt))) {
      return sendPage(
        reply.header('retry-after', '900'),
        loginPage(freshForm(request, reply), w.tooManyAttempts, name),
        429,
      );
    }
    const staff = name && password ? await accounts.verifyPassword(name, password) : null;
    if (!staff) {
      await limiter.failed(attempt);
      return sendPage(reply, loginPage(freshForm(request, reply), w.signInFailed, name), 401);
    }
    // This browser is now known for the account: failures made elsewhere never lock it out.
    const device = await limiter.succeeded(attempt);
    setCookie(request, reply, DEVICE_COOKIE, device.device, device.maxAgeSeconds);
    await accounts.recordSignIn(staff.name, runtime.clock.now());
    // A new id at every sign-in: a cookie planted before it (session fixation) is worth nothing.
    const { id } = await sessions.create(staff.name, runtime.clock.now());
    clearCookie(request, reply, LOGIN_CSRF_COOKIE);
    setCookie(request, reply, SESSION_COOKIE, id, SESSION_TTL_SECONDS);
    return reply.redirect('/console', 303);
  });

  app.post('/console/logout', async (request, reply) => {
    const id = readCookie(request, SESSION_COOKIE);
    if (id) await sessions.end(id);
    clearCookie(request, reply, SESSION_COOKIE);
    return reply.redirect('/console/login', 303);
  });

  app.post('/console/logout-everywhere', async (request, reply) => {
    const { staff } = signedIn(request);
    await sessions.endAll(staff.name);
    clearCookie(request, reply, SESSION_COOKIE);
    return reply.redirect('/console/login', 303);
  });

  app.post('/console/lang', async (request, reply) => {
    const { staff } = signedIn(request);
    const form = langForm.safeParse(request.body);
    if (!form.success)
      return sendPage(reply, messagePage(pageContext(request, runtime), '400', 'lang: en or zh'), 400);
    await prefs.setLang(staff.name, form.data.lang);
    const back = request.headers.referer;
    // Back to the page the choice was made on, but only ever within the console.
    const path = back ? new URL(back, 'http://x').pathname : '/console';
    return reply.redirect(path.startsWith('/console') ? path : '/console', 303);
  });
};
