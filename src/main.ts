/**
 * The composition root: reads the configuration, loads the flows, wires channels, the staff API and the
 * workers, and starts the HTTP server. `--role web|worker|all` (default all) splits the web server
 * from the queue workers for scale; both run against the same Redis.
 */
import { parseArgs } from 'node:util';
import { createChannels, channels as registeredChannels } from '../channels/index.js';
import { type Config, ConfigError, loadConfig, loadDotEnv } from './config.js';
import { consolePlugin } from './console/plugin.js';
import { FlowFilesInvalidError } from './flows/yaml-file.js';
import { createLogger, type Logger } from './logger.js';
import { createMetrics, metricsPlugin } from './metrics.js';
import { startChannels } from './port/wiring.js';
import { startWorkers } from './queues/workers.js';
import { connectRecord, type RecordConnection } from './record/open.js';
import { recordReadiness } from './record/readiness.js';
import { startRecordService } from './record/service.js';
import { backlogSeconds } from './record/stream.js';
import { warnAboutRedis } from './redis/checks.js';
import { chooseRedis } from './redis/embedded.js';
import { productCategories } from './reports/categories.js';
import { startMonthlyReports } from './reports/monthly.js';
import { createRuntime, type Runtime } from './runtime.js';
import { buildApp } from './server/app.js';
import { healthPlugin } from './server/health.js';
import { ensureFirstSupervisor } from './staff/first-run.js';
import { staffApiPlugin } from './staff/plugin.js';

type Role = 'web' | 'worker' | 'all';

/** The longest a graceful shutdown may take before the process exits anyway. */
const SHUTDOWN_LIMIT_MS = 25_000;
/** How often unfinished work left by a dead process is looked for (and how old it must be). */
const SWEEP_EVERY_MS = 10_000;

/**
 * The record: DATABASE_URL, or an embedded PostgreSQL under ./data/pg (shared with the CLIs). Start-up
 * says which, in one line.
 */
async function openTheRecord(config: Config, logger: Logger) {
  const { choice, record, stop } = await connectRecord(config, { logger });
  logger.info(choice.description);
  if (config.HOT_DAYS < config.REOPEN_WITHIN_DAYS || config.HOT_DAYS * 24 < config.FOLLOWUP_DELAY_HOURS)
    logger.warn(
      { HOT_DAYS: config.HOT_DAYS, REOPEN_WITHIN_DAYS: config.REOPEN_WITHIN_DAYS },
      'HOT_DAYS is shorter than REOPEN_WITHIN_DAYS or the follow-up delay: a finished case may leave Redis before it would be re-opened or followed up',
    );
  const embedded = choice.embedded;
  return { record, stopRecord: stop, restartEmbedded: embedded ? () => embedded.ensureRunning() : undefined };
}

/**
 * The worker role: the queue workers, and the recorder with HOT_DAYS and RETENTION_DAYS beside them
 * (not at all when the record streams are off, which only a measurement of their cost does).
 */
function startWorkerRole(
  runtime: Runtime,
  senders: Parameters<typeof startWorkers>[1],
  record: RecordConnection,
  config: Config,
  restartEmbedded: (() => Promise<void>) | undefined,
): Array<() => Promise<void>> {
  const { logger, metrics } = runtime;
  const workers = startWorkers(runtime, senders);
  logger.info('queue workers started (outbox, deadlines, timers)');
  const recording = startRecordService({
    ...{ recorder: config.RECORD_STREAMS, runtime, record, logger },
    ...{ hotDays: config.HOT_DAYS, retentionDays: config.RETENTION_DAYS },
    ...(metrics ? { metrics } : {}),
    ...(restartEmbedded ? { onUnreachable: restartEmbedded } : {}),
  });
  const stopReports = startMonthlyProductReports(runtime, record, config);
  return [() => workers.close(), () => recording.stop(), async () => stopReports()];
}

/** The monthly product report to REPORT_EMAIL_TO, when set (src/reports/monthly.ts). */
function startMonthlyProductReports(runtime: Runtime, record: RecordConnection, config: Config): () => void {
  const to = config.REPORT_EMAIL_TO ?? [];
  if (to.length === 0) return () => undefined;
  return startMonthlyReports({
    ...{ redis: runtime.redis, keyPrefix: config.REDIS_KEY_PREFIX, queues: runtime.queues },
    ...{ clock: runtime.clock, logger: runtime.logger, readDb: record.readDb, to },
    timezone: runtime.content.policy.hours.timezone,
    categories: productCategories(runtime.content.bundle),
    publicBaseUrl: config.PUBLIC_BASE_URL,
  });
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { role: { type: 'string', default: 'all' } } });
  const role = values.role as Role;
  if (!['web', 'worker', 'all'].includes(role))
    throw new ConfigError([`--role: must be web, worker or all (got ${role})`]);
  loadDotEnv();
  // Every setting is checked here, the channels' with the rest: one message names every problem.
  const config = loadConfig(process.env, registeredChannels);
  const logger = createLogger({ level: config.LOG_LEVEL, pretty: process.stdout.isTTY === true });
  const metrics = createMetrics();
  // A bare machine: no REDIS_URL and nothing on 6379 starts a private redis-server under ./data/redis.
  const redis = await chooseRedis(config.env);
  if (redis.embedded)
    logger.info({ url: redis.url, dir: redis.embedded.dir }, 'started a private redis-server (AOF on)');
  const { record, stopRecord, restartEmbedded } = await openTheRecord(config, logger);
  const channelList = createChannels(config.env);
  const runtime = createRuntime(
    { ...config, REDIS_URL: redis.url },
    { logger, metrics, channels: channelList, record, recordStreams: config.RECORD_STREAMS },
  );
  metrics.observeQueues(() => runtime.queues.teamStats());
  metrics.observeRecord(() => backlogSeconds(runtime.redis, runtime.desk.inbox.keys));
  await warnAboutRedis(runtime.redis, logger, config.NODE_ENV);
  const channels = await startChannels(runtime);
  for (const line of channels.status) logger.info(line);

  const stops: Array<() => Promise<void>> = [];
  let stopping = false;
  if (role !== 'web')
    stops.push(...startWorkerRole(runtime, channels.senders, record, config, restartEmbedded));
  if (role !== 'worker') {
    // The record only degrades readiness: with PostgreSQL away the bot still serves customers.
    const readiness = [
      ...channels.readiness,
      recordReadiness(runtime.redis, runtime.desk.inbox.keys, record),
    ];
    const app = await buildApp({
      logger,
      trustProxy: config.TRUST_PROXY,
      isDraining: () => stopping,
      plugins: [
        {
          name: 'health',
          plugin: healthPlugin(runtime.redis, readiness, { token: config.METRICS_TOKEN }),
        },
        { name: 'metrics', plugin: metricsPlugin(metrics, { token: config.METRICS_TOKEN }) },
        { name: 'staff', plugin: staffApiPlugin(runtime) },
        { name: 'console', plugin: consolePlugin(runtime) },
        ...channels.plugins,
      ],
    });
    await ensureFirstSupervisor(runtime);
    await app.listen({ port: config.PORT, host: config.HOST });
    logger.info({ port: config.PORT, role }, 'support bot listening');
    stops.push(() => app.close());
  }
  // Work recorded by a process that died before finishing it (an SMS is answered once recorded): all
  // of it at start-up, then every few seconds what has waited that long. An inbox still locked by a
  // live process is left to it; a dead process's lock lapses after the inbox's lock time.
  const sweep = (olderThanMs: number) =>
    runtime.desk.inbox
      .recoverAll(olderThanMs)
      .then((n) => n > 0 && logger.info({ drained: n }, 'recovered unfinished conversations'))
      .catch((error: unknown) => logger.error({ err: error }, 'recovery sweep failed'));
  void sweep(0);
  const sweeper = setInterval(() => void sweep(SWEEP_EVERY_MS), SWEEP_EVERY_MS);
  sweeper.unref();
  stops.push(async () => clearInterval(sweeper));

  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    // Bounded: whatever still hangs after this is left to the next process (nothing is lost: the
    // inbox and the queues keep it).
    setTimeout(() => process.exit(1), SHUTDOWN_LIMIT_MS).unref();
    logger.info({ signal }, 'shutting down');
    for (const stop of stops.reverse()) await stop().catch(() => undefined);
    // Texts already answered to Twilio finish their turn here rather than wait for the next process.
    await runtime.desk.inbox.idle();
    // Adapters stop before Redis closes: a mailbox watcher or a listener may still be writing.
    await channels.stop();
    await runtime.close();
    await stopRecord();
    await redis.embedded?.stop();
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof FlowFilesInvalidError) {
    process.stderr.write(`${error.message}\n`);
  } else {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  }
  process.exit(1);
});
