/**
 * The app as a mailbox sees it: a real runtime on the private test Redis, the channels wired by
 * channels/index.ts with the email channel pointed at a private Dovecot and an SMTP sink, the outbox
 * worker delivering through nodemailer, and every log line captured. `second()` starts another app
 * process on the same Redis and mailbox (two readers competing for the lease).
 */
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { pino } from 'pino';
import { createChannels } from '../../../../channels/index.js';
import type { Case, TranscriptEntry } from '../../../../src/cases/types.js';
import { manualClock } from '../../../../src/clock.js';
import type { Config } from '../../../../src/config.js';
import { loadContent } from '../../../../src/content.js';
import { customerIdFor, identityOf, slotKeys } from '../../../../src/conversation/keys.js';
import { createMetrics } from '../../../../src/metrics.js';
import { type ChannelWiring, startChannels } from '../../../../src/port/wiring.js';
import { startWorkers, type Workers } from '../../../../src/queues/workers.js';
import { createRuntime } from '../../../../src/runtime.js';
import { buildApp } from '../../../../src/server/app.js';
import { type TestRuntime, THURSDAY_MORNING, testConfig } from '../../../support/runtime.js';
import { waitFor } from '../../../support/wait.js';
import { type Dovecot, MAILBOX_PASSWORD, MAILBOX_USER, startDovecot } from './dovecot.js';
import { type SmtpSink, startSmtpSink } from './smtp-sink.js';

export const SUPPORT_ADDRESS = 'support@example.test';
export const FAX_GATEWAY = 'fax@faxgw.example.net';

const content = loadContent('flows');

export interface LogLine {
  level: number;
  msg: string;
  [key: string]: unknown;
}

export interface AppProcess {
  runtime: TestRuntime;
  wiring: ChannelWiring;
  app: FastifyInstance;
  url: string;
  logs: LogLine[];
  close(): Promise<void>;
}

export interface EmailHarness extends AppProcess {
  dovecot: Dovecot;
  sink: SmtpSink;
  /** Another app process on the same Redis prefix and mailbox. */
  second(): Promise<AppProcess>;
  transcriptOf(address: string): Promise<TranscriptEntry[]>;
  casesOf(address: string): Promise<Case[]>;
  /** Mails the sink accepted for an address, once `count` arrived. */
  mailsTo(address: string, count: number, timeoutMs?: number): Promise<SmtpSink['mails']>;
}

async function startProcess(config: Config, now: string): Promise<AppProcess> {
  const logs: LogLine[] = [];
  const logger = pino(
    { level: 'debug', base: undefined },
    { write: (line: string) => void logs.push(JSON.parse(line)) },
  );
  const runtime = createRuntime(config, {
    clock: manualClock(now),
    content,
    logger,
    metrics: createMetrics(),
    channels: createChannels(config.env),
  }) as TestRuntime;
  const wiring = await startChannels(runtime);
  const app = await buildApp({ logger, plugins: wiring.plugins });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const workers: Workers = startWorkers(runtime, wiring.senders);
  return {
    runtime,
    wiring,
    app,
    url: `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`,
    logs,
    async close() {
      await workers.close();
      await wiring.stop();
      await app.close();
      await runtime.close();
    },
  };
}

export async function createEmailHarness(
  options: { env?: Record<string, string>; now?: string } = {},
): Promise<EmailHarness> {
  const dovecot = await startDovecot();
  const sink = await startSmtpSink();
  const config = testConfig({
    IMAP_HOST: '127.0.0.1',
    IMAP_PORT: String(dovecot.port),
    IMAP_SECURE: 'false',
    IMAP_USER: MAILBOX_USER,
    IMAP_PASSWORD: MAILBOX_PASSWORD,
    SMTP_HOST: '127.0.0.1',
    SMTP_PORT: String(sink.port),
    SMTP_SECURE: 'false',
    SMTP_USER: 'bot',
    SMTP_PASSWORD: 'pw',
    SUPPORT_EMAIL_FROM: `"客服 Support" <${SUPPORT_ADDRESS}>`,
    EMAIL_FAX_SENDERS: FAX_GATEWAY,
    EMAIL_READER_LEASE_SECONDS: '3',
    EMAIL_RECONNECT_MAX_MS: '400',
    OUTBOX_BACKOFF_MS: '50',
    OUTBOX_ATTEMPTS: '6',
    ...options.env,
  });
  const now = options.now ?? THURSDAY_MORNING;
  const main = await startProcess(config, now);
  const others: AppProcess[] = [];
  const prefix = config.REDIS_KEY_PREFIX;
  const customerOf = (address: string) => customerIdFor(identityOf('email', address));
  return {
    ...main,
    dovecot,
    sink,
    async second() {
      const other = await startProcess(config, now);
      others.push(other);
      return other;
    },
    async transcriptOf(address) {
      const raw = await main.runtime.redis.lrange(
        `${prefix}:{c:${customerOf(address)}}:${slotKeys.log}`,
        0,
        -1,
      );
      return raw.map((line) => JSON.parse(line) as TranscriptEntry);
    },
    async casesOf(address) {
      const profile = await main.runtime.cases.customer(customerOf(address));
      const found = await Promise.all((profile?.cases ?? []).map((ref) => main.runtime.cases.get(ref)));
      return found.filter((kase): kase is Case => Boolean(kase));
    },
    async mailsTo(address, count, timeoutMs = 8000) {
      await waitFor(() => sink.to(address).length >= count, timeoutMs, `${count} mail(s) to ${address}`);
      return sink.to(address);
    },
    async close() {
      for (const other of others) await other.close();
      await main.close();
      await sink.close();
      await dovecot.close();
    },
  };
}
