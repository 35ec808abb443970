/**
 * The app as a chat provider sees it: a real runtime on the private test Redis (manual clock), the
 * channels wired by channels/index.ts, the staff API, the Fastify app on a free port, the outbox
 * worker delivering through the channels' real senders, a local stand-in for the Bot Framework
 * connector, and every log line captured.
 */
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { pino } from 'pino';
import { createChannels } from '../../../../channels/index.js';
import type { Case, TranscriptEntry } from '../../../../src/cases/types.js';
import { manualClock } from '../../../../src/clock.js';
import { loadContent } from '../../../../src/content.js';
import { customerIdFor, identityOf, slotKeys } from '../../../../src/conversation/keys.js';
import { createMetrics } from '../../../../src/metrics.js';
import { type ChannelWiring, startChannels } from '../../../../src/port/wiring.js';
import { startWorkers, type Workers } from '../../../../src/queues/workers.js';
import { createRuntime } from '../../../../src/runtime.js';
import { type AppPlugin, buildApp } from '../../../../src/server/app.js';
import { createStaffAccounts } from '../../../../src/staff/accounts.js';
import { staffApiPlugin } from '../../../../src/staff/plugin.js';
import { type TestRuntime, THURSDAY_MORNING, testConfig } from '../../../support/runtime.js';
import { type ConnectorStandIn, startConnectorStandIn } from './connector-stand-in.js';

const content = loadContent('flows');

export interface LogLine {
  level: number;
  msg: string;
  [key: string]: unknown;
}

export type StaffCall = (
  path: string,
  body?: object,
) => Promise<{ status: number; json: Record<string, unknown> }>;

/** A staff member's authenticated calls to the staff API. */
export interface StaffCaller {
  post: StaffCall;
  get: StaffCall;
}

export interface ChatHarness {
  runtime: TestRuntime;
  app: FastifyInstance;
  wiring: ChannelWiring;
  connector: ConnectorStandIn;
  logs: LogLine[];
  /** `http://127.0.0.1:PORT` */
  url: string;
  /** POSTs a raw body to a path of the app. */
  post(
    path: string,
    body: string | object,
    headers?: Record<string, string>,
  ): Promise<{ status: number; body: string }>;
  /** A staff member claims the case through the staff API; returns their authenticated POST. */
  staffClaim(ref: string): Promise<StaffCaller>;
  /** A staff member's reply to the case, through the staff API (claims the case first). */
  staffReply(ref: string, text: string): Promise<string>;
  caseOf(ref: string): Promise<Case>;
  transcriptOf(address: string): Promise<TranscriptEntry[]>;
  close(): Promise<void>;
}

let staffSeq = 0;

export async function createChatHarness(
  options: {
    env?: Record<string, string>;
    /** More plugins on the same app and runtime (the staff console). */
    plugins?: (runtime: TestRuntime) => AppPlugin[];
  } = {},
): Promise<ChatHarness> {
  const connector = await startConnectorStandIn();
  const logs: LogLine[] = [];
  const logger = pino(
    { level: 'debug', base: undefined },
    { write: (line: string) => void logs.push(JSON.parse(line)) },
  );
  const config = testConfig({ OUTBOX_BACKOFF_MS: '10', OUTBOX_ATTEMPTS: '4', ...options.env });
  const runtime = createRuntime(config, {
    clock: manualClock(THURSDAY_MORNING),
    content,
    logger,
    metrics: createMetrics(),
    channels: createChannels(config.env),
  }) as TestRuntime;
  const wiring = await startChannels(runtime);
  const accounts = createStaffAccounts(runtime.redis, config.REDIS_KEY_PREFIX, runtime.clock);
  const app = await buildApp({
    logger,
    // The tests speak as many visitors through one proxy: the loopback one.
    trustProxy: config.TRUST_PROXY || ['127.0.0.1'],
    plugins: [
      { name: 'staff', plugin: staffApiPlugin(runtime, accounts) },
      ...wiring.plugins,
      ...(options.plugins?.(runtime) ?? []),
    ],
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  const workers: Workers = startWorkers(runtime, wiring.senders);

  const harness: ChatHarness = {
    runtime,
    app,
    wiring,
    connector,
    logs,
    url,
    async post(path, body, headers = {}) {
      const response = await fetch(`${url}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      });
      return { status: response.status, body: await response.text() };
    },
    async staffClaim(ref) {
      const { token } = await accounts.add({ name: `agent${++staffSeq}`, role: 'agent', teams: ['support'] });
      const request =
        (method: 'GET' | 'POST'): StaffCall =>
        async (path, payload) => {
          const response = await fetch(`${url}/api/staff${path}`, {
            method,
            headers: {
              authorization: `Bearer ${token}`,
              ...(payload ? { 'content-type': 'application/json' } : {}),
            },
            ...(payload ? { body: JSON.stringify(payload) } : {}),
          });
          const body = await response.text();
          return { status: response.status, json: (body ? JSON.parse(body) : {}) as Record<string, unknown> };
        };
      const call = request('POST');
      // Other tests' cases may wait in the same queue: claim until this one comes up.
      for (let n = 0; ; n++) {
        const claimed = await call('/cases/next', { team: 'support' });
        const claimedRef = (claimed.json.case as { ref?: string } | undefined)?.ref;
        if (claimedRef === ref) return { post: call, get: request('GET') };
        if (!claimedRef || n > 20)
          throw new Error(`case ${ref} not in the support queue (${claimed.status})`);
      }
    },
    async staffReply(ref, text) {
      const staff = await harness.staffClaim(ref);
      const answer = await staff.post(`/cases/${ref}/reply`, { text });
      if (answer.status !== 202) throw new Error(`staff reply answered ${answer.status}`);
      return String(answer.json.messageId);
    },
    async caseOf(ref) {
      const kase = await runtime.cases.get(ref);
      if (!kase) throw new Error(`no case ${ref}`);
      return kase;
    },
    async transcriptOf(address) {
      const id = customerIdFor(identityOf('chat', address));
      const raw = await runtime.redis.lrange(`${runtime.desk.inbox.keys.customer(id)}${slotKeys.log}`, 0, -1);
      return raw.map((line) => JSON.parse(line) as TranscriptEntry);
    },
    async close() {
      await workers.close();
      await wiring.stop();
      await app.close();
      await connector.close();
      await runtime.close();
    },
  };
  return harness;
}
