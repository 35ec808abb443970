/**
 * `GET /healthz`: the process is up. `GET /readyz`: Redis answers and every configured channel says it
 * can reach its provider; a 503 names what is not ready. A check that only degrades the service (the
 * record: with PostgreSQL away, customers are still served and changes wait in Redis) answers 200 with
 * status `degraded` and says why.
 */
import type { FastifyPluginAsync } from 'fastify';
import type { Redis } from 'ioredis';
import { internalOnly } from '../internal-only.js';

export interface ReadinessCheck {
  name: string;
  /** Throws when not ready; may return figures to show (the record's lag). */
  check(): Promise<unknown>;
  /** Failing makes the service degraded, not unready. */
  degradesOnly?: boolean;
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
        all.map(async ({ name, check, degradesOnly }) => {
          const soft = degradesOnly ? { degradesOnly: true } : {};
          try {
            const figures = await Promise.race([
              check(),
              new Promise<never>((_, reject) =>
                setTimeout(() => reject(new Error('timed out after 2 s')), 2000).unref(),
              ),
            ]);
            return { name, ok: true, ...(typeof figures === 'object' ? figures : {}) };
          } catch (error) {
            return {
              name,
              ok: false,
              ...soft,
              error: error instanceof Error ? error.message : String(error),
            };
          }
        }),
      );
      const ready = results.every((result) => result.ok || 'degradesOnly' in result);
      const status = !ready ? 'not ready' : results.every((result) => result.ok) ? 'ready' : 'degraded';
      return reply.code(ready ? 200 : 503).send({ status, checks: results });
    });
  };
}
