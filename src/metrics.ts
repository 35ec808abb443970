/**
 * Prometheus metrics (`GET /metrics`). One registry per process; default Node metrics included.
 * Counters are labelled by channel or team only — never by customer — to keep cardinality small.
 */
import type { FastifyPluginAsync } from 'fastify';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import { internalOnly } from './internal-only.js';

/** Waiting cases of one team's queue, read when /metrics is scraped. */
export interface TeamQueueStats {
  team: string;
  waiting: number;
  /** Age of the oldest waiting case, in seconds (0 when none waits). */
  oldestSeconds: number;
}

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
    deadlines: new Counter({
      name: 'support_deadlines_total',
      help: 'Reply deadlines promised to customers, kept by a staff reply in time, and passed unkept (breached)',
      labelNames: ['outcome'] as const,
      registers: [registry],
    }),
    ...recordMetrics(registry),
    /** Adds the queue gauges: waiting cases and the oldest one's age per team, read at each scrape. */
    observeQueues(read: () => Promise<TeamQueueStats[]>): void {
      let last: Promise<TeamQueueStats[]> | null = null;
      // One read per scrape, shared by both gauges.
      const stats = () => {
        last ??= read().finally(() => setTimeout(() => (last = null), 1000).unref());
        return last;
      };
      new Gauge({
        name: 'support_queue_waiting',
        help: 'Cases waiting in a team queue',
        labelNames: ['team'] as const,
        registers: [registry],
        async collect() {
          this.reset();
          for (const team of await stats()) this.set({ team: team.team }, team.waiting);
        },
      });
      new Gauge({
        name: 'support_queue_oldest_seconds',
        help: 'Age of the oldest case waiting in a team queue',
        labelNames: ['team'] as const,
        registers: [registry],
        async collect() {
          this.reset();
          for (const team of await stats()) this.set({ team: team.team }, team.oldestSeconds);
        },
      });
    },
  };
}

/** The recorder's figures (src/record/): its lag, its batches, and the backlog read at each scrape. */
function recordMetrics(registry: Registry) {
  return {
    recordLagSeconds: new Histogram({
      name: 'support_record_lag_seconds',
      help: 'Time from a commit in Redis to its copy in the record (PostgreSQL)',
      buckets: [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.15, 0.2, 0.3, 0.5, 0.75, 1, 1.5, 2.5, 5, 10, 30, 60],
      registers: [registry],
    }),
    recordBatchSeconds: new Histogram({
      name: 'support_record_batch_seconds',
      help: 'Time to write one batch into the record (one transaction)',
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers: [registry],
    }),
    recordEvents: new Counter({
      name: 'support_record_events_total',
      help: 'Commits written into the record',
      registers: [registry],
    }),
    recordFailures: new Counter({
      name: 'support_record_failures_total',
      help: 'Batches the record refused for a reason other than PostgreSQL being away (kept in Redis, retried)',
      registers: [registry],
    }),
    /** Adds the record backlog gauge: how long the oldest change not yet in PostgreSQL has waited. */
    observeRecord(read: () => Promise<number>): void {
      new Gauge({
        name: 'support_record_backlog_seconds',
        help: 'Age of the oldest change not yet in the record (0 when it is up to date)',
        registers: [registry],
        async collect() {
          this.set(await read().catch(() => -1));
        },
      });
    },
  };
}

export type Metrics = ReturnType<typeof createMetrics>;

export function metricsPlugin(metrics: Metrics, options: { token?: string } = {}): FastifyPluginAsync {
  return async (app) => {
    app.get('/metrics', { preHandler: internalOnly(options.token) }, async (_request, reply) => {
      reply.header('content-type', metrics.registry.contentType);
      return metrics.registry.metrics();
    });
  };
}
