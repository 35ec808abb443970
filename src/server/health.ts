/**
 * `GET /healthz`: the process is up. `GET /readyz`: Redis answers and every configured channel says it
 * can reach its provider; a 503 names what is not ready.
 */
import type { FastifyPluginAsync } from 'fastify';
import type { Redis } from 'ioredis';
import { internalOnly } from '../internal-only.js';

export interface ReadinessCheck {
  name: string;
  check(): Promise<void>;
}

export function healthPlugin(
  redis: Redis,
  checks: readonly ReadinessCheck[] = [],
  options: { token?: string } = {},
): FastifyPluginAsync {
  return async (app) => {
    app.get('/healthz', async () => ({ status: 'ok' }));
    app.get('/readyz', { preHandler: internalOnly(options.token) }, async (_request, reply) => {
      const all: ReadinessCheck[] = [
        { name: 'redis', check: async () => void (await redis.ping()) },
        ...checks,
      ];
      const results = await Promise.all(
        all.map(async ({ name, check }) => {
          try {
            await Promise.race([
              check(),
              new Promise((_, reject) =>
                setTimeout(() => reject(new Error('timed out after 2 s')), 2000).unref(),
              ),
            ]);
            return { name, ok: true };
          } catch (error) {
            return { name, ok: false, error: error instanceof Error ? error.message : String(error) };
          }
        }),
      );
      const ready = results.every((result) => result.ok);
      return reply.code(ready ? 200 : 503).send({ status: ready ? 'ready' : 'not ready', checks: results });
    });
  };
}
