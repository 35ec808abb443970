/** Reading and writing the console's cookies (no cookie plugin: two cookies do not need one). */
import type { FastifyReply, FastifyRequest } from 'fastify';

export const SESSION_COOKIE = 'console_session';
/** Double-submit token for the sign-in form, which has no session yet to hold its CSRF token. */
export const LOGIN_CSRF_COOKIE = 'console_login_csrf';
/** Set after a successful sign-in: this browser is known for the account (src/console/login-limit.ts). */
export const DEVICE_COOKIE = 'console_device';

export function readCookie(request: FastifyRequest, name: string): string | undefined {
  const header = request.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() !== name) continue;
    try {
      return decodeURIComponent(part.slice(eq + 1).trim());
    } catch {
      return undefined;
    }
  }
  return undefined;
}

/**
 * HttpOnly (no script reads it), SameSite=Strict (no other site's form or link carries it), scoped to
 * /console, and Secure when the request came over HTTPS (directly or behind a proxy that says so).
 */
export function setCookie(
  request: FastifyRequest,
  reply: FastifyReply,
  name: string,
  value: string,
  maxAgeSeconds: number,
): void {
  const parts = [
    `${name}=${encodeURIComponent(value)}`,
    'Path=/console',
    'HttpOnly',
    'SameSite=Strict',
    `Max-Age=${maxAgeSeconds}`,
  ];
  if (request.protocol === 'https') parts.push('Secure');
  const previous = reply.getHeader('set-cookie');
  const list = previous === undefined ? [] : Array.isArray(previous) ? previous : [String(previous)];
  reply.header('set-cookie', [...list, parts.join('; ')]);
}

export function clearCookie(request: FastifyRequest, reply: FastifyReply, name: string): void {
  setCookie(request, reply, name, '', 0);
}
