/**
 * The console under test: the staff harness (real runtime on the test Redis, real app) with the console
 * plugin mounted next to the staff API, and a client that signs in through the form like a browser:
 * it keeps the session cookie and sends the page's CSRF token with every form.
 */
import type { LightMyRequestResponse } from 'fastify';
import { type ConsoleOptions, consolePlugin } from '../../src/console/plugin.js';
import type { StaffRole } from '../../src/staff/accounts.js';
import { type StaffHarness, type StaffHarnessOptions, staffHarness } from '../staff/harness.js';

export interface ConsoleClient {
  name: string;
  cookie: string;
  get(url: string, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  /** Posts a form with this session's CSRF token (read from the last page), unless `_csrf` is given. */
  post(url: string, form?: Record<string, string>): Promise<LightMyRequestResponse>;
}

export interface ConsoleHarness extends StaffHarness {
  /** Adds a staff account (as `npm run staff -- add` does) and returns its generated password. */
  addAccount(name: string, role: StaffRole, teams: string[]): Promise<string>;
  signIn(name: string, password: string): Promise<ConsoleClient>;
  /** The sign-in form's POST, with a valid double-submit token, from a chosen client address, with a
   * device cookie (`console_device=…`) and a forwarded-for header. */
  loginAttempt(
    name: string,
    password: string,
    ip?: string,
    device?: string,
    forwardedFor?: string,
  ): Promise<LightMyRequestResponse>;
}

export const formHeaders = { 'content-type': 'application/x-www-form-urlencoded' };

export function csrfOf(body: string): string {
  const match = /name="_csrf" value="([^"]+)"/.exec(body);
  if (!match) throw new Error('no CSRF token on the page');
  return match[1]!;
}

export function formKeyOf(body: string, suffix: string): string {
  const match = new RegExp(`name="_key" value="([^"]+-${suffix})"`).exec(body);
  if (!match) throw new Error(`no ${suffix} form on the page`);
  return match[1]!;
}

/** The `name=value` part of a Set-Cookie header for `name`. */
export function cookieFrom(response: LightMyRequestResponse, name: string): string | undefined {
  const header = response.headers['set-cookie'];
  const list = header === undefined ? [] : Array.isArray(header) ? header : [header];
  return list.find((line) => line.startsWith(`${name}=`));
}

export async function consoleHarness(
  options: ConsoleOptions = {},
  harness: Omit<StaffHarnessOptions, 'plugins'> = {},
): Promise<ConsoleHarness> {
  const h = await staffHarness({
    ...harness,
    plugins: (runtime, accounts) => [
      { name: 'console', plugin: consolePlugin(runtime, { accounts, ...options }) },
    ],
  });

  const loginAttempt = async (
    name: string,
    password: string,
    ip = '127.0.0.1',
    device?: string,
    forwardedFor?: string,
  ) => {
    const form = await h.app.inject({ method: 'GET', url: '/console/login', remoteAddress: ip });
    const token = cookieFrom(form, 'console_login_csrf')!.split(';')[0]!;
    return h.app.inject({
      method: 'POST',
      url: '/console/login',
      remoteAddress: ip,
      headers: {
        ...formHeaders,
        cookie: device ? `${token}; ${device}` : token,
        ...(forwardedFor ? { 'x-forwarded-for': forwardedFor } : {}),
      },
      payload: new URLSearchParams({ name, password, _csrf: csrfOf(form.body) }).toString(),
    });
  };

  return {
    ...h,
    loginAttempt,
    async addAccount(name, role, teams) {
      return (await h.accounts.add({ name, role, teams })).password;
    },
    async signIn(name, password) {
      const response = await loginAttempt(name, password);
      if (response.statusCode !== 303) throw new Error(`sign-in failed: ${response.statusCode}`);
      const cookie = cookieFrom(response, 'console_session')!.split(';')[0]!;
      let csrf = '';
      const client: ConsoleClient = {
        name,
        cookie,
        async get(url, headers = {}) {
          const page = await h.app.inject({ method: 'GET', url, headers: { cookie, ...headers } });
          const found = /name="_csrf" value="([^"]+)"/.exec(page.body);
          if (found) csrf = found[1]!;
          return page;
        },
        async post(url, form = {}) {
          if (!csrf) await client.get('/console');
          return h.app.inject({
            method: 'POST',
            url,
            headers: { ...formHeaders, cookie },
            payload: new URLSearchParams({ _csrf: csrf, ...form }).toString(),
          });
        },
      };
      return client;
    },
  };
}
