/**
 * Prometheus metrics (`GET /metrics`). One registry per process; default Node metrics included.
 * Counters are labelled by channel or team only — never by customer — to keep cardinality small.
 */
import type { FastifyPluginAsync } from 'fastify';
import { Counter, collectDefaultMetrics, Histogram, Registry } from 'prom-client';

export function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  return {
    registry,
    inbound: new Counter({
      name: 'support_inbound_messages_total',
      help: 'Customer messages received, by channel and result (processed, duplicate)',
      labelNames: ['channel', 'result'] as const,
      registers: [registry],
    }),
    turnSeconds: new Histogram({
      name: 'support_turn_seconds',
      help: 'Time to process one customer message through the engine',
      labelNames: ['channel'] as const,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers: [registry],
    }),
    escalations: new Counter({
      name: 'support_escalations_total',
      help: 'Cases escalated to a team',
      labelNames: ['team', 'priority'] as const,
      registers: [registry],
    }),
    outbox: new Counter({
      name: 'support_outbox_messages_total',
      help: 'Outbox deliveries by channel and outcome (sent, retry, dead)',
      labelNames: ['channel', 'outcome'] as const,
      registers: [registry],
    }),
    webhookRejected: new Counter({
      name: 'support_webhook_rejected_total',
      help: 'Webhook requests refused (bad signature, malformed payload)',
      labelNames: ['channel', 'reason'] as const,
      registers: [registry],
    }),
  };
}

export type Metrics = ReturnType<typeof createMetrics>;

export function metricsPlugin(metrics: Metrics): FastifyPluginAsync {
  return async (app) => {
    app.get('/metrics', async (_request, reply) => {
      reply.header('content-type', metrics.registry.contentType);
      return metrics.registry.metrics();
    });
  };
}
