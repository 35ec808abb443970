/**
 * `/readyz` and `/metrics` name providers' errors and counts: with METRICS_TOKEN set they need
 * `Authorization: Bearer <token>`; without it they answer only on loopback (a scraper on the same host,
 * or behind a proxy that adds the token). The socket's address is used, never X-Forwarded-For.
 */
import { timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

function sameToken(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function internalOnly(token: string | undefined) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    if (token) {
      const header = request.headers.authorization ?? '';
      if (header.startsWith('Bearer ') && sameToken(header.slice(7), token)) return;
    } else if (LOOPBACK.has(request.socket.remoteAddress ?? '')) {
      return;
    }
    return reply.code(401).send({
      error: {
        code: 'SUPPORT_ERR_AUTH_REQUIRED',
        message: token
          ? 'Bearer METRICS_TOKEN required'
          : 'loopback only (set METRICS_TOKEN to allow others)',
      },
    });
  };
}
