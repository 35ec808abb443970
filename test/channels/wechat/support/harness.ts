/**
 * The app as the 公众平台 sees it: a real runtime on the private test Redis (manual clock), the channels
 * wired by channels/index.ts with the WeChat settings, the Fastify app listening on a free port, the
 * outbox delivering through the channel's sender to the local stand-in of WeChat's API, and every log
 * line captured. Callbacks are signed (and, in safe mode, encrypted) the way WeChat does it, with the
 * account of WeChat's own encryption sample.
 */
import { randomInt } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { pino } from 'pino';
import { createChannels } from '../../../../channels/index.js';
import {
  aesKeyOf,
  decryptMessage,
  encryptMessage,
  wechatSignature,
} from '../../../../channels/wechat/crypto.js';
import { buildWechatXml, parseWechatXml } from '../../../../channels/wechat/xml.js';
import type { Case, TranscriptEntry } from '../../../../src/cases/types.js';
import { manualClock } from '../../../../src/clock.js';
import { loadContent } from '../../../../src/content.js';
import { customerIdFor, identityOf } from '../../../../src/conversation/keys.js';
import { createMetrics } from '../../../../src/metrics.js';
import { type ChannelWiring, startChannels } from '../../../../src/port/wiring.js';
import { startWorkers, type Workers } from '../../../../src/queues/workers.js';
import { createRuntime } from '../../../../src/runtime.js';
import { buildApp } from '../../../../src/server/app.js';
import { type TestRuntime, THURSDAY_MORNING, testConfig } from '../../../support/runtime.js';
import { waitFor } from '../../../support/wait.js';
import { startWechatStandIn, type WechatRequest, type WechatStandIn } from './wechat-stand-in.js';

/** WeChat's documented encryption sample account. */
export const APP_ID = 'wx2c2769f8efd9abc2';
export const TOKEN = 'spamtest';
export const AES_KEY = 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG';
export const OA_ID = 'gh_10f6c3c3ac5a';
const content = loadContent('flows');

export interface LogLine {
  level: number;
  msg: string;
  [key: string]: unknown;
}

export type Mode = 'plain' | 'compat' | 'safe';

export interface PostOptions {
  mode?: Mode;
  signature?: 'none' | 'wrong';
  /** Seconds from the clock's now (a stale request). */
  skewSeconds?: number;
  /** The raw body instead of the fields (malformed XML). */
  raw?: string;
}

export interface Answer {
  status: number;
  body: string;
  /** The passive reply's fields, decrypted if it was encrypted. */
  reply: Record<string, string> | null;
}

export interface WechatHarness {
  runtime: TestRuntime;
  app: FastifyInstance;
  standIn: WechatStandIn;
  wiring: ChannelWiring;
  logs: LogLine[];
  url: string;
  post(fields: Record<string, string | number>, options?: PostOptions): Promise<Answer>;
  /** A text message from a follower, with a fresh MsgId unless one is given. */
  say(openid: string, text: string, msgId?: string, options?: PostOptions): Promise<Answer>;
  event(openid: string, event: string, key?: string, options?: PostOptions): Promise<Answer>;
  startWorkers(): Workers;
  /** What a follower received through the customer-service API, once `count` messages arrived. */
  received(openid: string, count: number, timeoutMs?: number): Promise<string[]>;
  /** The accepted API requests to a follower. */
  sentTo(openid: string): WechatRequest[];
  transcriptOf(openid: string): Promise<TranscriptEntry[]>;
  caseOf(openid: string): Promise<Case | null>;
  close(): Promise<void>;
}

let msgIds = 6_054_768_590_064_713_728n;
export const newMsgId = () => String(msgIds++ + BigInt(randomInt(1, 999)));

/** The text a customer sees for one customer-service message (a menu shows its head and choices). */
export function shown(request: WechatRequest): string {
  const body = request.body as {
    text?: { content: string };
    msgmenu?: { head_content: string; list: Array<{ content: string }> };
  };
  if (body.msgmenu)
    return [body.msgmenu.head_content, ...body.msgmenu.list.map((item) => `[${item.content}]`)].join('\n');
  return body.text?.content ?? '';
}

/**
 * POSTs a message or event to /webhooks/wechat as the platform does: signed, in plaintext, compatible
 * or safe mode; the passive reply decrypted; then waits until the turn it started is done.
 */
function webhookPoster(url: string, runtime: TestRuntime): WechatHarness['post'] {
  const key = aesKeyOf(AES_KEY);
  const prefix = runtime.config.REDIS_KEY_PREFIX;
  const identity = (openid: string) => identityOf('chat', `wechat:${openid}`);
  return async (fields, postOptions = {}) => {
    const mode = postOptions.mode ?? 'plain';
    const timestamp = String(
      Math.floor(runtime.clock.now().getTime() / 1000) + (postOptions.skewSeconds ?? 0),
    );
    const nonce = String(randomInt(1e8, 1e9));
    const plain = postOptions.raw ?? buildWechatXml(fields);
    const query = new URLSearchParams({ timestamp, nonce });
    let body = plain;
    const token = postOptions.signature === 'wrong' ? 'not-our-token' : TOKEN;
    if (postOptions.signature !== 'none') query.set('signature', wechatSignature(token, timestamp, nonce));
    query.set('openid', String(fields.FromUserName ?? ''));
    if (mode !== 'plain') {
      const Encrypt = encryptMessage(key, plain, APP_ID);
      query.set('encrypt_type', 'aes');
      query.set('msg_signature', wechatSignature(token, timestamp, nonce, Encrypt));
      body =
        mode === 'safe'
          ? buildWechatXml({ ToUserName: OA_ID, Encrypt })
          : (postOptions.raw ?? buildWechatXml({ ...fields, Encrypt }));
    }
    const response = await fetch(`${url}/webhooks/wechat?${query}`, {
      method: 'POST',
      headers: { 'content-type': 'text/xml' },
      body,
    });
    const text = await response.text();
    let reply: Record<string, string> | null = null;
    if (response.status === 200 && text.startsWith('<xml>')) {
      const outer = parseWechatXml(text);
      reply = outer?.Encrypt ? parseWechatXml(decryptMessage(key, outer.Encrypt, APP_ID)) : outer;
    }
    // The message is answered once recorded; tests read what its turn did, so wait for the inbox.
    if (response.status === 200 && fields.FromUserName) {
      const slot = `${prefix}:{c:${customerIdFor(identity(String(fields.FromUserName)))}}:`;
      await waitFor(
        async () => (await runtime.redis.exists(`${slot}inbox`, `${slot}lock`)) === 0,
        10_000,
        'the turn',
      );
    }
    return { status: response.status, body: text, reply };
  };
}

export async function createWechatHarness(
  options: { now?: string; env?: Record<string, string> } = {},
): Promise<WechatHarness> {
  const standIn = await startWechatStandIn();
  const logs: LogLine[] = [];
  const logger = pino(
    { level: 'debug', base: undefined },
    { write: (line: string) => void logs.push(JSON.parse(line)) },
  );
  const config = testConfig({
    WECHAT_APP_ID: APP_ID,
    WECHAT_APP_SECRET: 'stand-in-secret',
    WECHAT_TOKEN: TOKEN,
    WECHAT_ENCODING_AES_KEY: AES_KEY,
    WECHAT_API_BASE_URL: standIn.url,
    WECOM_API_BASE_URL: standIn.url,
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
  const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  const workers: Workers[] = [];
  const prefix = config.REDIS_KEY_PREFIX;
  const identity = (openid: string) => identityOf('chat', `wechat:${openid}`);

  const post = webhookPoster(url, runtime);

  const base = (openid: string) => ({
    ToUserName: OA_ID,
    FromUserName: openid,
    CreateTime: Math.floor(clock.now().getTime() / 1000),
  });
  const sentTo = (openid: string) =>
    standIn
      .delivered()
      .filter((request) => request.body.touser === openid && request.path.includes('custom'));

  return {
    runtime,
    app,
    standIn,
    wiring,
    logs,
    url,
    post,
    say: (openid, text, msgId = newMsgId(), postOptions) =>
      post({ ...base(openid), MsgType: 'text', Content: text, MsgId: msgId }, postOptions),
    event: (openid, event, eventKey, postOptions) =>
      post(
        {
          ...base(openid),
          MsgType: 'event',
          Event: event,
          ...(eventKey !== undefined ? { EventKey: eventKey } : {}),
        },
        postOptions,
      ),
    startWorkers() {
      const started = startWorkers(runtime, wiring.senders);
      workers.push(started);
      return started;
    },
    async received(openid, count, timeoutMs = 8000) {
      await waitFor(() => sentTo(openid).length >= count, timeoutMs, `${count} message(s) to ${openid}`);
      return sentTo(openid).map(shown);
    },
    sentTo,
    async transcriptOf(openid) {
      const raw = await runtime.redis.lrange(`${prefix}:{c:${customerIdFor(identity(openid))}}:log`, 0, -1);
      return raw.map((line) => JSON.parse(line) as TranscriptEntry);
    },
    async caseOf(openid) {
      const profile = await runtime.cases.customer(customerIdFor(identity(openid)));
      const ref = profile?.cases.at(-1);
      return ref ? runtime.cases.get(ref) : null;
    },
    async close() {
      for (const started of workers) await started.close();
      await wiring.stop();
      await app.close();
      await standIn.close();
      await runtime.close();
    },
  };
}
