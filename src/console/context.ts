/** What every console route file gets, and the per-request values the session hook fills in. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Runtime } from '../runtime.js';
import type { StaffAccount, StaffAccounts } from '../staff/accounts.js';
import type { Html } from './html.js';
import { type ConsoleLang, words } from './i18n.js';
import type { LoginLimiter } from './login-limit.js';
import type { ConsolePrefs } from './prefs.js';
import type { ConsoleSession, ConsoleSessions } from './sessions.js';
import type { PageContext } from './views/layout.js';

declare module 'fastify' {
  interface FastifyRequest {
    consoleStaff: StaffAccount | null;
    consoleSession: ConsoleSession | null;
    consoleLang: ConsoleLang;
  }
  interface FastifyContextConfig {
    /** Console routes served without a session (sign-in, assets). */
    consolePublic?: boolean;
  }
}

export interface ConsoleContext {
  runtime: Runtime;
  accounts: StaffAccounts;
  sessions: ConsoleSessions;
  limiter: LoginLimiter;
  prefs: ConsolePrefs;
  /** How often open pages re-read the bell (ms). */
  bellPollMs: number;
}

export type ConsoleRoutes = (app: FastifyInstance, ctx: ConsoleContext) => void;

export function pageContext(request: FastifyRequest, runtime: Runtime, csrf?: string): PageContext {
  return {
    w: words[request.consoleLang],
    lang: request.consoleLang,
    staff: request.consoleStaff,
    csrf: csrf ?? request.consoleSession?.csrf ?? '',
    now: runtime.clock.now(),
    zone: runtime.content.policy.hours.timezone,
  };
}

export function sendPage(reply: FastifyReply, body: Html, status = 200): FastifyReply {
  return reply
    .code(status)
    .type('text/html; charset=utf-8')
    .header('cache-control', 'no-store')
    .send(body.value);
}

/** The signed-in staff member (the session hook guarantees one on every non-public route). */
export function signedIn(request: FastifyRequest): { staff: StaffAccount; session: ConsoleSession } {
  if (!request.consoleStaff || !request.consoleSession) throw new Error('console route without a session');
  return { staff: request.consoleStaff, session: request.consoleSession };
}
