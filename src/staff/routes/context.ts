/** What every staff route file gets: the runtime and the account store. One file = one small area. */
import type { FastifyInstance } from 'fastify';
import type { Runtime } from '../../runtime.js';
import type { StaffAccounts } from '../accounts.js';

export interface StaffRouteContext {
  runtime: Runtime;
  accounts: StaffAccounts;
}

export type StaffRoutes = (app: FastifyInstance, ctx: StaffRouteContext) => void;
