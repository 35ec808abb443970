/**
 * Queue workers: the outbox (deliver through the channel's sender, retry with capped exponential
 * backoff, dead-letter to the case), deadlines and timers (turned into work items on the customer's
 * inbox, with the job id as the item id so a retried job never acts twice).
 */
import { type Job, UnrecoverableError, Worker } from 'bullmq';
import type { DeliveryStore } from '../cases/deliveries.js';
import type { Clock } from '../clock.js';
import type { Logger } from '../logger.js';
import type { Metrics } from '../metrics.js';
import { type ChannelSender, SendError } from '../port/channel.js';
import type { OutboundMessage } from '../port/messages.js';
import {
  type DeadlineJob,
  OUTBOX_BACKOFF,
  outboxDelay,
  type SupportQueues,
  type TimerJob,
} from './queues.js';

/** What the workers need: the queues, delivery states, and a way to run work on a customer's inbox. */
export interface WorkerDeps {
  queues: SupportQueues;
  deliveries: DeliveryStore;
  clock: Clock;
  logger: Logger;
  metrics?: Metrics;
  /** Runs a work item on a customer's inbox (src/desk): timers and dead letters change cases there. */
  command(
    customerId: string,
    kind: string,
    payload: unknown,
    options: { id: string; caseRef?: string },
  ): Promise<unknown>;
}

/** The senders by medium and provider; a message without a provider goes by the first of its kind. */
export class SenderDirectory {
  private readonly byProvider = new Map<string, ChannelSender>();
  private readonly byKind = new Map<string, ChannelSender>();

  constructor(senders: readonly ChannelSender[]) {
    for (const sender of senders) {
      this.byProvider.set(`${sender.kind}/${sender.provider}`, sender);
      if (!this.byKind.has(sender.kind)) this.byKind.set(sender.kind, sender);
    }
  }

  for(message: Pick<OutboundMessage, 'channel' | 'provider'>): ChannelSender | undefined {
    return (
      (message.provider ? this.byProvider.get(`${message.channel}/${message.provider}`) : undefined) ??
      this.byKind.get(message.channel)
    );
  }
}

export interface Workers {
  outbox: Worker<OutboundMessage>;
  deadlines: Worker<DeadlineJob>;
  timers: Worker<TimerJob>;
  /** `force`: stop at once without waiting for running jobs (as if the process died). */
  close(force?: boolean): Promise<void>;
}

/** Sends one outbox message; classifies failures so permanent ones are not retried. */
export async function deliver(runtime: WorkerDeps, senders: SenderDirectory, job: Job<OutboundMessage>) {
  const message = job.data;
  const { deliveries } = runtime;
  // One round trip before the provider is called. The attempt is recorded first so that a status
  // report arriving before we know the provider's id (or after a crash lost it) finds the message;
  // recording it for a message then skipped is harmless (set once, an index entry).
  const [previous, optedOut] = await Promise.all([
    deliveries.get(message.id),
    deliveries.isOptedOut(message.channel, message.to),
    deliveries.recordAttempt(message),
  ]);
  if (previous?.state === 'sent' || previous?.state === 'delivered') return { skipped: 'already sent' };
  const sender = senders.for(message);
  if (!sender)
    throw new UnrecoverableError(`SUPPORT_ERR_CHANNEL_UNKNOWN: no sender for channel ${message.channel}`);
  if (optedOut) {
    throw new UnrecoverableError(`SUPPORT_ERR_OPTED_OUT: ${message.channel} recipient opted out`);
  }
  try {
    // attemptsStarted counts this start too; a job taken over from a dead worker has started before.
    const result = await sender.send(message, { first: job.attemptsStarted <= 1 && !previous });
    const at = runtime.clock.now().toISOString();
    // Every part's id leads back to this message, so each part's delivery report reaches the case.
    for (const providerId of result.providerIds ?? []) {
      if (providerId !== result.providerId)
        await deliveries.record(message, { state: 'sent', providerId, at });
    }
    await deliveries.record(message, { state: 'sent', providerId: result.providerId, at });
    runtime.metrics?.outbox.inc({ channel: message.channel, outcome: 'sent' });
    return result;
  } catch (error) {
    if (error instanceof SendError && error.permanent) {
      const wrapped = new UnrecoverableError(
        `${error.message}${error.providerCode ? ` (code ${error.providerCode})` : ''}`,
      );
      (wrapped as UnrecoverableError & { optedOut?: boolean }).optedOut = error.optedOut;
      throw wrapped;
    }
    runtime.metrics?.outbox.inc({ channel: message.channel, outcome: 'retry' });
    throw error;
  }
}

/**
 * How quickly a job held by a dead worker is handed to another (BullMQ's stalled-job check): its lock
 * lapses after `lockDuration` (a live worker renews it every half of that) and the check runs every
 * `stalledInterval`, so a reply held by a process that died goes out within their sum of a restart.
 */
export interface WorkerTiming {
  /** @defaultValue 10000 */
  lockDuration?: number;
  /** @defaultValue 5000 */
  stalledInterval?: number;
}

export const DEFAULT_WORKER_TIMING: Required<WorkerTiming> = { lockDuration: 10_000, stalledInterval: 5_000 };

/**
 * A job can stall once per crash; it is failed only after this many (BullMQ's default is 1, which
 * would dead-letter a reply after a second crash instead of sending it).
 */
const MAX_STALLED = 20;

export function startWorkers(
  runtime: WorkerDeps,
  senderList: readonly ChannelSender[],
  timing: WorkerTiming = {},
): Workers {
  const senders = new SenderDirectory(senderList);
  const { queues, logger } = runtime;
  const connection = queues.connection;
  const common = { connection, maxStalledCount: MAX_STALLED, ...DEFAULT_WORKER_TIMING, ...timing };

  const outbox = new Worker<OutboundMessage>('outbox', (job) => deliver(runtime, senders, job), {
    ...common,
    prefix: queues.prefixOf('outbox'),
    concurrency: queues.settings.outboxConcurrency ?? 32,
    settings: {
      backoffStrategy: (attemptsMade, type) =>
        type === OUTBOX_BACKOFF ? outboxDelay(attemptsMade, queues.settings.outboxBackoffMs) : 1000,
    },
  });
  outbox.on('failed', (job, error) => {
    if (!job) return;
    const final =
      error instanceof UnrecoverableError ||
      error.name === 'UnrecoverableError' ||
      job.attemptsMade >= (job.opts.attempts ?? 1);
    logger.warn(
      {
        message: job.data.id,
        channel: job.data.channel,
        attempt: job.attemptsMade,
        final,
        err: error.message,
      },
      'outbox delivery failed',
    );
    if (!final) return;
    runtime.metrics?.outbox.inc({ channel: job.data.channel, outcome: 'dead' });
    const optedOut = (error as { optedOut?: boolean }).optedOut === true;
    runtime
      .command(
        job.data.customerId,
        'outbox.dead',
        { message: job.data, error: error.message, optedOut },
        {
          id: `dead-${job.data.id}`,
          ...(job.data.caseRef ? { caseRef: job.data.caseRef } : {}),
        },
      )
      .catch((failure: unknown) =>
        logger.error({ err: failure, message: job.data.id }, 'could not dead-letter message'),
      );
  });

  const deadlines = new Worker<DeadlineJob>(
    'deadlines',
    (job) =>
      runtime.command(job.data.customerId, `deadline.${job.data.stage}`, job.data, {
        id: `job-${job.id}`,
        caseRef: job.data.ref,
      }),
    { ...common, prefix: queues.prefixOf('deadlines'), concurrency: 4 },
  );
  const timers = new Worker<TimerJob>(
    'timers',
    (job) =>
      runtime.command(job.data.customerId, `timer.${job.data.kind}`, job.data, {
        id: `job-${job.id}`,
        caseRef: job.data.ref,
      }),
    { ...common, prefix: queues.prefixOf('timers'), concurrency: 4 },
  );
  for (const worker of [outbox, deadlines, timers] as Worker[]) {
    worker.on('error', (error) => logger.error({ err: error, queue: worker.name }, 'worker error'));
  }
  return {
    outbox,
    deadlines,
    timers,
    async close(force = false) {
      await Promise.all([outbox.close(force), deadlines.close(force), timers.close(force)]);
    },
  };
}
