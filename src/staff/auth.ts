/**
 * Bearer-token authentication for every staff route (except ones marked `config: { public: true }`).
 * The account is re-read on each request, so disabling someone or rotating a token takes effect at
 * once. Each authenticated call also marks the caller on duty for their teams (promises use it).
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { markOnDuty } from '../cases/presence.js';
import { SupportError } from '../errors.js';
import type { Runtime } from '../runtime.js';
import type { StaffAccount, StaffAccounts } from './accounts.js';

declare module 'fastify' {
  interface FastifyRequest {
    staffAccount: StaffAccount | null;
  }
  interface FastifyContextConfig {
    /** Served without a token (the OpenAPI document). */
    public?: boolean;
  }
}

function bearerToken(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  if (!header) return null;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match ? match[1]! : null;
}

export function registerAuth(app: FastifyInstance, runtime: Runtime, accounts: StaffAccounts): void {
  app.decorateRequest('staffAccount', null);
  app.addHook('onRequest', async (request, reply) => {
    if (request.routeOptions.config.public) return;
    // RFC 6750 §3: a 401 names the scheme the client should use.
    reply.header('www-authenticate', 'Bearer realm="staff"');
    const token = bearerToken(request);
    if (!token)
      throw new SupportError('SUPPORT_ERR_AUTH_REQUIRED', 'Authorization: Bearer <token> is required');
    const account = await accounts.authenticate(token);
    if (!account)
      throw new SupportError('SUPPORT_ERR_AUTH_REQUIRED', 'the token is unknown, rotated or disabled');
    request.staffAccount = account;
    reply.removeHeader('www-authenticate');
    await markOnDuty(
      runtime.redis,
      runtime.config.REDIS_KEY_PREFIX,
      account.name,
      account.teams,
      runtime.clock.now(),
    );
  });
}

/** The caller of an authenticated route. */
export function caller(request: FastifyRequest): StaffAccount {
  if (!request.staffAccount) throw new SupportError('SUPPORT_ERR_AUTH_REQUIRED');
  return request.staffAccount;
}
