/**
 * The HTTP server: one Fastify app built without `listen`, so tests drive it with `app.inject()` and
 * the process serves the same app. Channels, the staff API, health and metrics are plugins that keep
 * what they add to themselves; the list of plugins is explicit (see src/main.ts).
 */
import Fastify, {
  type FastifyBaseLogger,
  type FastifyError,
  type FastifyInstance,
  type FastifyPluginAsync,
  type FastifyReply,
  LogController,
} from 'fastify';
import { isSupportError } from '../errors.js';
import type { Logger } from '../logger.js';

export interface AppPlugin {
  name: string;
  plugin: FastifyPluginAsync;
}

export interface BuildAppOptions {
  logger: Logger;
  plugins: readonly AppPlugin[];
  /** Largest request body accepted (webhooks and API bodies). */
  bodyLimit?: number;
  /**
   * Whose `X-Forwarded-For` to believe (TRUST_PROXY): nobody (default: the connecting address is the
   * client's), the last N hops, or proxies by address and CIDR.
   */
  trustProxy?: false | number | readonly string[];
  /** True once the process is shutting down: new requests get 503 with Retry-After (but /healthz). */
  isDraining?: () => boolean;
}

/** Seconds a provider (or a client) is asked to wait before retrying while this process stops. */
const RETRY_AFTER_SECONDS = 5;

/** Fastify's form of TRUST_PROXY: a hop count trusts that many hops nearest the server. */
function trustSetting(
  value: false | number | readonly string[],
): boolean | string[] | ((address: string, hop: number) => boolean) {
  if (typeof value === 'number') return (_address, hop) => hop < value;
  return typeof value === 'object' ? [...value] : value;
}

export async function buildApp(options: BuildAppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: options.logger as FastifyBaseLogger,
    // One line per event we choose to log (webhook refused, request failed), not per request.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: options.bodyLimit ?? 1024 * 1024,
    // Per-address limits key on request.ip: a header every client can write must not set it.
    trustProxy: trustSetting(options.trustProxy ?? false),
    // Errors the router raises before any handler runs (a URL that is not valid percent-encoding, a
    // path parameter longer than maxParamLength): the documented error shape, not Fastify's.
    frameworkErrors: (error, request, reply) => {
      const status = error.statusCode ?? 400;
      request.log.warn({ url: request.url.slice(0, 200), code: error.code }, 'bad request');
      return (reply as FastifyReply).code(status < 500 ? status : 400).send({
        error: { code: 'SUPPORT_ERR_VALIDATION', message: status === 414 ? 'URL too long' : 'Malformed URL' },
      });
    },
  });
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (isSupportError(error)) {
      return reply.code(error.status).send({ error: { code: error.code, message: error.message } });
    }
    const status = (error as { statusCode?: number }).statusCode ?? 500;
    if (status >= 500) request.log.error({ err: error, url: request.url }, 'request failed');
    else request.log.warn({ url: request.url, message: error.message }, 'bad request');
    const code =
      status === 413
        ? 'SUPPORT_ERR_VALIDATION'
        : status >= 500
          ? 'SUPPORT_ERR_INTERNAL'
          : 'SUPPORT_ERR_VALIDATION';
    return reply
      .code(status)
      .send({ error: { code, message: status >= 500 ? 'Internal error' : error.message } });
  });
  app.setNotFoundHandler((request, reply) =>
    reply.code(404).send({
      error: { code: 'SUPPORT_ERR_NOT_FOUND', message: `No route ${request.method} ${request.url}` },
    }),
  );
  const { isDraining } = options;
  if (isDraining) {
    // A webhook refused with 503 is retried by the provider, reaching a process that is not stopping.
    app.addHook('onRequest', async (request, reply) => {
      if (!isDraining() || request.url === '/healthz') return;
      return reply
        .code(503)
        .header('retry-after', String(RETRY_AFTER_SECONDS))
        .send({ error: { code: 'SUPPORT_ERR_UNAVAILABLE', message: 'shutting down: retry shortly' } });
    });
  }
  for (const { plugin } of options.plugins) await app.register(plugin);
  return app;
}
