/**
 * The app as Twilio sees it: a real runtime on the private test Redis (manual clock), the channels
 * wired by channels/index.ts, the Fastify app listening on a free port, the outbox worker delivering
 * through the real twilio client to a local stand-in, and every log line captured. Requests are signed
 * with `twilio.getExpectedTwilioSignature` against PUBLIC_BASE_URL, as Twilio signs them behind a proxy.
 */
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { pino } from 'pino';
import twilio from 'twilio';
import { createChannels } from '../../../../channels/index.js';
import { deliveryStore } from '../../../../src/cases/deliveries.js';
import type { Case, TranscriptEntry } from '../../../../src/cases/types.js';
import { manualClock } from '../../../../src/clock.js';
import { loadContent } from '../../../../src/content.js';
import { conversationKeyOf, customerIdFor, identityOf } from '../../../../src/conversation/keys.js';
import { createMetrics } from '../../../../src/metrics.js';
import { type ChannelWiring, startChannels } from '../../../../src/port/wiring.js';
import { startWorkers, type Workers } from '../../../../src/queues/workers.js';
import { createRuntime } from '../../../../src/runtime.js';
import { buildApp } from '../../../../src/server/app.js';
import { type TestRuntime, THURSDAY_MORNING, testConfig } from '../../../support/runtime.js';
import { waitFor } from '../../../support/wait.js';
import { startTwilioStandIn, type TwilioStandIn } from './twilio-stand-in.js';
import { parseTwiml, type TwimlNode } from './twiml.js';

export const ACCOUNT_SID = `AC${'a1'.repeat(16)}`;
export const AUTH_TOKEN = 'f0e1d2c3b4a5968778695a4b3c2d1e0f';
export const OUR_NUMBER = '+15005550006';
export const SUPPORT_LINE = '+861012345678';
export const PUBLIC_BASE_URL = 'https://support.example.com';

const content = loadContent('flows');

export interface LogLine {
  level: number;
  msg: string;
  [key: string]: unknown;
}

export interface Answer {
  status: number;
  body: string;
  /** The TwiML answer, parsed (status 200 only). */
  twiml: TwimlNode | null;
}

export interface PostOptions {
  /** `none`: no X-Twilio-Signature; `wrong`: a signature made with another token; default: signed. */
  signature?: 'none' | 'wrong';
}

export interface Harness {
  runtime: TestRuntime;
  app: FastifyInstance;
  standIn: TwilioStandIn;
  /** The started channels: routes, senders, readiness. */
  wiring: ChannelWiring;
  logs: LogLine[];
  /** POSTs form parameters to a path, signed like Twilio signs them. */
  post(path: string, params: Record<string, string>, options?: PostOptions): Promise<Answer>;
  /** Starts the outbox (and timer) workers with the channels' senders. */
  startWorkers(): Workers;
  /** The stand-in's accepted message requests to a number, once `count` arrived. */
  textsTo(number: string, count: number, timeoutMs?: number): Promise<Array<Record<string, string>>>;
  caseOf(ref: string): Promise<Case>;
  transcriptOf(phone: string): Promise<TranscriptEntry[]>;
  /** The language of the phone number's conversation now. */
  langOf(phone: string): Promise<'zh' | 'en'>;
  optedOut(phone: string): Promise<boolean>;
  close(): Promise<void>;
}

/**
 * POSTs form parameters as Twilio does, signed against PUBLIC_BASE_URL; for an SMS, waits until the
 * turn it started is done.
 */
function signedPoster(port: number, runtime: TestRuntime): Harness['post'] {
  const prefix = runtime.config.REDIS_KEY_PREFIX;
  return async (path, params, postOptions = {}) => {
    const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded' };
    if (postOptions.signature !== 'none') {
      const token = postOptions.signature === 'wrong' ? 'not-the-auth-token' : AUTH_TOKEN;
      headers['x-twilio-signature'] = twilio.getExpectedTwilioSignature(
        token,
        `${PUBLIC_BASE_URL}${path}`,
        params,
      );
    }
    const response = await fetch(`http://127.0.0.1:${port}${path}`, {
      method: 'POST',
      headers,
      body: new URLSearchParams(params).toString(),
    });
    const body = await response.text();
    // Twilio gets its answer once a text is recorded; the turn runs right after. Tests read what the
    // turn did, so wait until the customer's inbox is done (empty and unlocked).
    if (path === '/webhooks/twilio/sms' && response.status === 200 && params.From) {
      const slot = `${prefix}:{c:${customerIdFor(identityOf('sms', params.From))}}:`;
      await waitFor(
        async () => (await runtime.redis.exists(`${slot}inbox`, `${slot}lock`)) === 0,
        10_000,
        `the turn for the text from ${params.From}`,
      );
    }
    return { status: response.status, body, twiml: response.status === 200 ? parseTwiml(body) : null };
  };
}

export async function createHarness(
  options: { now?: string; env?: Record<string, string> } = {},
): Promise<Harness> {
  const standIn = await startTwilioStandIn();
  const logs: LogLine[] = [];
  const logger = pino(
    { level: 'debug', base: undefined },
    { write: (line: string) => void logs.push(JSON.parse(line)) },
  );
  const config = testConfig({
    TWILIO_ACCOUNT_SID: ACCOUNT_SID,
    TWILIO_AUTH_TOKEN: AUTH_TOKEN,
    TWILIO_FROM_NUMBER: OUR_NUMBER,
    TWILIO_API_BASE_URL: standIn.url,
    PUBLIC_BASE_URL,
    SUPPORT_PHONE_NUMBER: SUPPORT_LINE,
    OUTBOX_BACKOFF_MS: '10',
    OUTBOX_ATTEMPTS: '4',
    ...options.env,
  });
  const clock = manualClock(options.now ?? THURSDAY_MORNING);
  const runtime = createRuntime(config, {
    clock,
    content,
    logger,
    metrics: createMetrics(),
    channels: createChannels(config.env),
  }) as TestRuntime;
  const wiring = await startChannels(runtime);
  const app = await buildApp({ logger, plugins: wiring.plugins });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const port = (app.server.address() as AddressInfo).port;
  const workers: Workers[] = [];
  const prefix = config.REDIS_KEY_PREFIX;

  const harness: Harness = {
    runtime,
    app,
    standIn,
    wiring,
    logs,
    post: signedPoster(port, runtime),
    startWorkers() {
      const started = startWorkers(runtime, wiring.senders);
      workers.push(started);
      return started;
    },
    async textsTo(number, count, timeoutMs = 8000) {
      const texts = () => standIn.accepted().filter((request) => request.form.To === number);
      await waitFor(() => texts().length >= count, timeoutMs, `${count} text(s) to ${number}`);
      return texts().map((request) => request.form);
    },
    async caseOf(ref) {
      const kase = await runtime.cases.get(ref);
      if (!kase) throw new Error(`no case ${ref}`);
      return kase;
    },
    async transcriptOf(phone) {
      const id = customerIdFor(identityOf('sms', phone));
      const raw = await runtime.redis.lrange(`${prefix}:{c:${id}}:log`, 0, -1);
      return raw.map((line) => JSON.parse(line) as TranscriptEntry);
    },
    async langOf(phone) {
      const identity = identityOf('sms', phone);
      const raw = await runtime.redis.get(
        `${prefix}:{c:${customerIdFor(identity)}}:session:${conversationKeyOf(identity)}`,
      );
      return raw ? (JSON.parse(raw) as { lang: 'zh' | 'en' }).lang : 'zh';
    },
    optedOut: (phone) => deliveryStore(runtime.redis, prefix).isOptedOut('sms', phone),
    async close() {
      for (const started of workers) await started.close();
      await wiring.stop();
      await app.close();
      await standIn.close();
      await runtime.close();
    },
  };
  return harness;
}
