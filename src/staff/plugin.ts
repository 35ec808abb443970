/**
 * The staff API: a Fastify plugin mounted under `/api/staff`, Bearer tokens on every route (except the
 * OpenAPI document), one file per area of routes listed here. Mount it with one line in src/main.ts.
 */
import type { FastifyPluginAsync } from 'fastify';
import type { Runtime } from '../runtime.js';
import { createStaffAccounts, type StaffAccounts } from './accounts.js';
import { registerAuth } from './auth.js';
import { cannedRoutes } from './routes/canned.js';
import { caseMessageRoutes } from './routes/case-messages.js';
import { caseOwnershipRoutes } from './routes/case-ownership.js';
import { caseVisitRoutes } from './routes/case-visits.js';
import { caseRoutes } from './routes/cases.js';
import type { StaffRoutes } from './routes/context.js';
import { contractRoutes } from './routes/contracts.js';
import { conversationRoutes } from './routes/conversations.js';
import { customerRoutes } from './routes/customers.js';
import { groupRoutes } from './routes/groups.js';
import { kbApiRoutes } from './routes/kb.js';
import { kpiRoutes } from './routes/kpis.js';
import { meRoutes } from './routes/me.js';
import { openApiRoutes } from './routes/openapi.js';
import { queueRoutes } from './routes/queue.js';
import { quoteRoutes } from './routes/quote.js';
import { reportRoutes } from './routes/reports.js';
import { reviewRoutes } from './routes/reviews.js';
import { tripRoutes } from './routes/trips.js';
import { visitRoutes } from './routes/visits.js';

export const STAFF_API_PREFIX = '/api/staff';

const routes: readonly StaffRoutes[] = [
  meRoutes,
  queueRoutes,
  caseRoutes,
  caseMessageRoutes,
  caseVisitRoutes,
  quoteRoutes,
  caseOwnershipRoutes,
  customerRoutes,
  conversationRoutes,
  kbApiRoutes,
  cannedRoutes,
  kpiRoutes,
  contractRoutes,
  visitRoutes,
  reportRoutes,
  groupRoutes,
  reviewRoutes,
  tripRoutes,
  openApiRoutes,
];

export function staffApiPlugin(runtime: Runtime, accounts?: StaffAccounts): FastifyPluginAsync {
  const store =
    accounts ?? createStaffAccounts(runtime.redis, runtime.config.REDIS_KEY_PREFIX, runtime.clock);
  return async (app) => {
    await app.register(
      async (api) => {
        registerAuth(api, runtime, store);
        for (const register of routes) register(api, { runtime, accounts: store });
      },
      { prefix: STAFF_API_PREFIX },
    );
  };
}
