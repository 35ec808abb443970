/**
 * The staff console: server-rendered pages under `/console` for agents, engineers and supervisors. It
 * keeps to itself (its own session gate, security headers, form parser and error pages) and changes
 * cases only through the staff API's desk commands. Mount it with one line in src/main.ts.
 */
import formbody from '@fastify/formbody';
import helmet from '@fastify/helmet';
import multipart from '@fastify/multipart';
import type { FastifyError, FastifyPluginAsync } from 'fastify';
import { isSupportError } from '../errors.js';
import type { Runtime } from '../runtime.js';
import { createStaffAccounts, type StaffAccounts } from '../staff/accounts.js';
import { type ConsoleContext, type ConsoleRoutes, pageContext, sendPage } from './context.js';
import { registerGuard } from './guard.js';
import { createLiveFeed } from './live-feed.js';
import { createLoginLimiter, DEFAULT_LOGIN_LIMITS, type LoginLimits } from './login-limit.js';
import { createConsolePrefs } from './prefs.js';
import { queueBoardPlugin } from './queue-board.js';
import { assetRoutes } from './routes/assets.js';
import { bellRoutes } from './routes/bell.js';
import { cannedRoutes } from './routes/canned.js';
import { caseRoutes } from './routes/case.js';
import { casesRoutes } from './routes/cases.js';
import { chartAssetRoutes } from './routes/chart-assets.js';
import { contractPageRoutes } from './routes/contracts.js';
import { customerRoutes } from './routes/customer.js';
import { engineerRoutes } from './routes/engineer.js';
import { eventRoutes, type LiveStreams } from './routes/events.js';
import { fileRoutes } from './routes/files.js';
import { groupRoutes } from './routes/groups.js';
import { kbRoutes } from './routes/kb.js';
import { liveRoutes } from './routes/live.js';
import { queueRoutes } from './routes/queue.js';
import { quoteRoutes } from './routes/quote.js';
import { reassignRoutes } from './routes/reassign.js';
import { recordRoutes } from './routes/record.js';
import { reportRoutes } from './routes/reports.js';
import { reviewRoutes } from './routes/reviews.js';
import { signInRoutes } from './routes/sign-in.js';
import { staffAccountRoutes } from './routes/staff-accounts.js';
import { supervisorRoutes } from './routes/supervisor.js';
import { tripRoutes } from './routes/trips.js';
import { visitRoutes } from './routes/visit.js';
import { visitPageRoutes } from './routes/visits.js';
import { createConsoleSessions } from './sessions.js';
import { messagePage } from './views/layout.js';

export interface ConsoleOptions {
  accounts?: StaffAccounts;
  loginLimits?: LoginLimits;
  /** How often live views re-read Redis when no event woke them (a lost event). @defaultValue 15000 */
  fallbackMs?: number;
  /** How long live views wait after an event before re-reading (a burst costs one read). @defaultValue 30 */
  debounceMs?: number;
  /** How often open pages re-read the bell and the queues' counts (desktop alerts). @defaultValue 15000 */
  bellPollMs?: number;
}

/** The largest file a console form takes (a phone camera's photo, a contract file). */
export const UPLOAD_MAX_BYTES = 8 * 1024 * 1024;

/** Only this app's own files, no inline script or style, no framing, forms post only here. */
const CSP: Record<string, string[]> = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'"],
  imgSrc: ["'self'", 'data:'],
  connectSrc: ["'self'"],
  fontSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'none'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
};

export function consolePlugin(runtime: Runtime, options: ConsoleOptions = {}): FastifyPluginAsync {
  const prefix = runtime.config.REDIS_KEY_PREFIX;
  const ctx: ConsoleContext = {
    runtime,
    accounts: options.accounts ?? createStaffAccounts(runtime.redis, prefix, runtime.clock),
    sessions: createConsoleSessions(runtime.redis, prefix),
    limiter: createLoginLimiter(runtime.redis, prefix, options.loginLimits ?? DEFAULT_LOGIN_LIMITS),
    prefs: createConsolePrefs(runtime.redis, prefix),
    bellPollMs: options.bellPollMs ?? 15_000,
  };
  const live: LiveStreams = {
    feed: createLiveFeed(runtime.redis, prefix, runtime.logger),
    debounceMs: options.debounceMs ?? 30,
    fallbackMs: options.fallbackMs ?? 15_000,
    open: new Set(),
  };
  const routes: readonly ConsoleRoutes[] = [
    assetRoutes,
    chartAssetRoutes,
    signInRoutes,
    queueRoutes,
    caseRoutes,
    fileRoutes,
    casesRoutes,
    customerRoutes,
    recordRoutes,
    kbRoutes,
    visitRoutes,
    quoteRoutes,
    reassignRoutes,
    bellRoutes,
    cannedRoutes,
    reportRoutes,
    groupRoutes,
    reviewRoutes,
    tripRoutes,
    supervisorRoutes,
    staffAccountRoutes,
    contractPageRoutes,
    visitPageRoutes,
    engineerRoutes,
    liveRoutes,
    eventRoutes(live),
  ];

  return async (app) => {
    await app.register(async (scope) => {
      await scope.register(helmet, {
        contentSecurityPolicy: { useDefaults: false, directives: CSP },
        referrerPolicy: { policy: 'same-origin' },
        // HSTS only means something over HTTPS; the proxy in front decides that.
        hsts: false,
      });
      await scope.register(formbody);
      // File uploads (a contract CSV, a photo from the engineer's camera): fields become plain values
      // and a file its bytes, so the CSRF check reads `_csrf` as from any other form.
      await scope.register(multipart, {
        attachFieldsToBody: 'keyValues',
        limits: { fileSize: UPLOAD_MAX_BYTES, files: 1, fields: 20 },
      });
      registerGuard(scope, ctx);
      scope.setErrorHandler((error: FastifyError, request, reply) => {
        const page = pageContext(request, runtime);
        if (isSupportError(error)) {
          const title = error.status === 403 ? '403' : String(error.status);
          const message = error.status === 403 ? `${page.w.forbidden} (${error.message})` : error.message;
          return sendPage(reply, messagePage(page, title, `${page.w.failed}: ${message}`), error.status);
        }
        const status = error.statusCode && error.statusCode < 500 ? error.statusCode : 500;
        if (status >= 500) request.log.error({ err: error, url: request.url }, 'console request failed');
        return sendPage(
          reply,
          messagePage(page, String(status), status >= 500 ? 'Internal error' : error.message),
          status,
        );
      });
      for (const register of routes) register(scope, ctx);
      // preClose: the server waits for open connections to end, so the streams must end first.
      scope.addHook('preClose', async () => {
        for (const end of [...live.open]) end();
      });
      scope.addHook('onClose', async () => live.feed.close());
    });
    await app.register(queueBoardPlugin(ctx, CSP));
  };
}
