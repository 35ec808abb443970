/**
 * Builds the running system from the configuration: Redis, the queues, the desk and its command
 * handlers. Shared by the server (src/main.ts), the terminal chat, the staff CLI and the tests, so they
 * all run the same code.
 */

import { resolve } from 'node:path';
import type { Redis } from 'ioredis';
import { type DeliveryStore, deliveryStore } from './cases/deliveries.js';
import { type CaseStore, createCaseStore } from './cases/store.js';
import { type Clock, systemClock } from './clock.js';
import type { Config } from './config.js';
import { type Content, loadContent } from './content.js';
import { keySpace } from './conversation/keys.js';
import { registerChannelCommands } from './desk/channel-commands.js';
import { createChannelContext } from './desk/channel-context.js';
import { CaseClaimer } from './desk/claim.js';
import { registerCaseCommands } from './desk/commands.js';
import { Desk } from './desk/desk.js';
import { registerEvictCommands } from './desk/evict-commands.js';
import { registerPrivacyCommands } from './desk/privacy-commands.js';
import { createEngineServices } from './desk/services.js';
import { FileStore } from './files/store.js';
import { type Logger, silentLogger } from './logger.js';
import type { Metrics } from './metrics.js';
import type { ChannelAdapter, ChannelContext } from './port/channel.js';
import { mediumDirectory } from './port/medium.js';
import { SupportQueues } from './queues/queues.js';
import type { RecordConnection } from './record/open.js';
import { connectRedis, isCluster, redisTarget } from './redis/connect.js';

export interface Runtime {
  config: Config;
  content: Content;
  redis: Redis;
  queues: SupportQueues;
  desk: Desk;
  cases: CaseStore;
  claimer: CaseClaimer;
  deliveries: DeliveryStore;
  /** The channel adapters this runtime was built with (their medium profiles shape the conversation). */
  channels: readonly ChannelAdapter[];
  services: ReturnType<typeof createEngineServices>;
  clock: Clock;
  logger: Logger;
  metrics?: Metrics;
  /** The record (PostgreSQL), when this runtime was given one. */
  record?: RecordConnection;
  /** Runs a work item on a customer's inbox and waits for its result (timers, dead letters). */
  command<R>(
    customerId: string,
    kind: string,
    payload: unknown,
    options?: { id?: string; caseRef?: string; conversation?: string },
  ): Promise<R>;
  /** The narrow context an adapter is started with. */
  channelContext(adapter: ChannelAdapter): ChannelContext;
  close(): Promise<void>;
}

export interface RuntimeOptions {
  clock?: Clock;
  logger?: Logger;
  content?: Content;
  metrics?: Metrics;
  channels?: readonly ChannelAdapter[];
  /** The record: cases that left Redis are read from it (src/record/open.ts). */
  record?: RecordConnection;
  /**
   * Whether commits go onto the record streams. Off only to measure the bot without the record.
   * @defaultValue true
   */
  recordStreams?: boolean;
}

/** One Redis connection for commands, shared by the inbox and the queues (BullMQ needs no retry limit). */
export { connectRedis };

/** Customers' files on disk under FILES_DIR, with the per-file and per-sender caps. */
function fileStoreOf(config: Config, redis: Redis, clock: Clock): FileStore {
  return new FileStore({
    root: resolve(config.FILES_DIR),
    redis,
    prefix: config.REDIS_KEY_PREFIX,
    caps: {
      perFile: config.FILES_MAX_BYTES,
      perSenderDayBytes: config.FILES_PER_SENDER_DAY_BYTES,
      perSenderDayFiles: config.FILES_PER_SENDER_DAY,
    },
    now: () => clock.now(),
  });
}

export function createRuntime(config: Config, options: RuntimeOptions = {}): Runtime {
  const clock = options.clock ?? systemClock;
  const logger = options.logger ?? silentLogger;
  const content = options.content ?? loadContent(config.FLOWS_DIR);
  const redis = connectRedis(redisTarget(config));
  redis.on('error', (error) => logger.error({ err: error }, 'redis connection error'));
  // The queues get a connection of their own: BullMQ defines ~50 scripts on the connection it is given,
  // and ioredis copies every script onto each pipeline it builds (every auto-pipelined batch), which
  // made the inbox's own round trips cost several times their CPU.
  const queueConnection = redis.duplicate();
  queueConnection.on('error', (error) => logger.error({ err: error }, 'redis connection error (queues)'));
  const queues = new SupportQueues(queueConnection, config.REDIS_KEY_PREFIX, clock, {
    outboxAttempts: config.OUTBOX_ATTEMPTS,
    outboxBackoffMs: config.OUTBOX_BACKOFF_MS,
    outboxConcurrency: config.OUTBOX_CONCURRENCY,
    // On a cluster each queue gets its own slot; one server keeps the layout it always had.
    queueSlots: isCluster(redis) ? 'per-queue' : 'shared',
  });
  const services = createEngineServices({
    redis,
    keyPrefix: config.REDIS_KEY_PREFIX,
    policy: content.policy,
    kb: content.kb,
    queues,
    clock,
    phoneRegion: config.DEFAULT_PHONE_REGION,
    followUpDelayHours: config.FOLLOWUP_DELAY_HOURS,
    reopenWithinDays: config.REOPEN_WITHIN_DAYS,
    ...(options.record ? { record: options.record.reader } : {}),
  });
  const channels = options.channels ?? [];
  const deliveries = deliveryStore(redis, config.REDIS_KEY_PREFIX);
  const files = fileStoreOf(config, redis, clock);
  const desk = new Desk({
    redis,
    keyPrefix: config.REDIS_KEY_PREFIX,
    files,
    keys: keySpace(config.REDIS_KEY_PREFIX),
    media: mediumDirectory(channels),
    deliveries,
    bundle: content.bundle,
    actions: content.actions,
    services,
    queues,
    clock,
    logger,
    ...(options.metrics ? { metrics: options.metrics } : {}),
    record: options.recordStreams ?? true,
  });
  registerCaseCommands(desk);
  registerChannelCommands(desk);
  registerPrivacyCommands(desk);
  registerEvictCommands(desk);
  const claimer = new CaseClaimer(queues, desk);
  const cases = createCaseStore(redis, config.REDIS_KEY_PREFIX, options.record?.reader);
  return {
    config,
    content,
    redis,
    queues,
    desk,
    cases,
    claimer,
    deliveries,
    channels,
    command: (customerId, kind, payload, commandOptions) =>
      desk.command(customerId, kind, payload, commandOptions),
    channelContext: (adapter) => createChannelContext({ desk, cases }, adapter),
    services,
    clock,
    logger,
    ...(options.metrics ? { metrics: options.metrics } : {}),
    ...(options.record ? { record: options.record } : {}),
    async close() {
      await claimer.close();
      await queues.close();
      queueConnection.disconnect();
      redis.disconnect();
    },
  };
}
