/**
 * `npm run test:chaos`: the app under a steady load of SMS and phone customers while it is killed with
 * SIGKILL at random moments, Redis (AOF on) is killed and restarted, and the Twilio stand-in answers
 * slowly and, for a while, with 500 and 429. Every webhook is delivered three times, the copies out of
 * order. PostgreSQL (the record) is killed with SIGKILL too, and an app restarts while it is down. At
 * the end every acknowledged inbound message must be on its customer's transcript exactly once — in
 * Redis and in the record — and every reply accepted by Twilio exactly once (or still in the outbox,
 * named).
 *
 * Two app processes (CHAOS_PROCESSES) share the Redis; webhooks go to either. Loopback only; stops by itself (CHAOS_SECONDS of load, 70 by default; about three minutes in all).
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import twilio from 'twilio';
import {
  type Dovecot,
  dovecotMissing,
  MAILBOX_PASSWORD,
  MAILBOX_USER,
  startDovecot,
} from '../channels/email/support/dovecot.js';
import { mail } from '../channels/email/support/mails.js';
import { type SmtpSink, startSmtpSink } from '../channels/email/support/smtp-sink.js';
import { startTwilioStandIn, type TwilioStandIn } from '../channels/twilio/support/twilio-stand-in.js';
import { inboundInRecord, PrivatePostgres } from '../support/private-postgres.js';
import { VISITORS, type Visitor, type WebChatFindings, webChatFindings, webChatLoad } from './webchat.js';

const LOAD_SECONDS = Number(process.env.CHAOS_SECONDS ?? 70);
const CUSTOMERS = Number(process.env.CHAOS_CUSTOMERS ?? 80);
const KILLS = Number(process.env.CHAOS_KILLS ?? 12);
/** Customers who email (when Dovecot can run here): their mail is appended to the support mailbox. */
const EMAILERS = dovecotMissing ? 0 : Number(process.env.CHAOS_EMAILERS ?? 12);
const SUPPORT_ADDRESS = 'support@example.test';
/** App processes against the one Redis, each on its own port; webhooks go to any of them. */
const PROCESSES = Number(process.env.CHAOS_PROCESSES ?? 2);
const ACCOUNT_SID = `AC${'c4'.repeat(16)}`;
const AUTH_TOKEN = randomBytes(16).toString('hex');
const OUR_NUMBER = '+15005550006';
const PREFIX = 'chaos';

const SCRIPT = [
  '我的笔记本电脑开不了机',
  'ThinkPad X1 Carbon',
  '序列号 PF2ABC12',
  '去年三月买的',
  '没有摔过也没有进水',
  '没有拆过',
  '转人工',
  '好的谢谢',
];

function say(line: string): void {
  process.stdout.write(`${new Date().toISOString().slice(11, 19)} ${line}\n`);
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(check: () => Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    if (await check().catch(() => false)) return true;
    await pause(200);
  }
  return false;
}

class Redises {
  child: ChildProcess | null = null;
  constructor(
    readonly port: number,
    readonly dir: string,
  ) {}

  start(): void {
    this.child = spawn(
      'redis-server',
      [
        '--port',
        String(this.port),
        '--bind',
        '127.0.0.1',
        '--dir',
        this.dir,
        '--appendonly',
        'yes',
        '--appendfsync',
        'always',
        '--save',
        '',
        '--maxmemory-policy',
        'noeviction',
      ],
      { stdio: 'ignore' },
    );
  }

  async kill(): Promise<void> {
    const child = this.child;
    if (!child) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
    this.child = null;
  }
}

class App {
  child: ChildProcess | null = null;
  starts = 0;
  constructor(readonly env: NodeJS.ProcessEnv) {}

  start(): void {
    this.starts++;
    // The compiled app, as `npm start` runs it: a restart takes about a second, not a transpile.
    this.child = spawn(process.execPath, ['dist/src/main.js'], {
      env: this.env,
      stdio: ['ignore', 'ignore', 'inherit'],
    });
  }

  async kill(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
    this.child = null;
  }
}

interface Sent {
  sid: string;
  from: string;
  acknowledged: boolean;
  posts: number;
}

/** Everything the run shares: the services, the app processes, what was sent and what happened. */
interface Stage {
  dir: string;
  redisPort: number;
  redis: Redises;
  standIn: TwilioStandIn;
  /** The record's PostgreSQL, killed and restarted like Redis. */
  postgres: PrivatePostgres;
  /** Resolves once PostgreSQL is back after its kill. */
  postgresBack: Promise<void>;
  dovecot: Dovecot | null;
  sink: SmtpSink | null;
  apps: Array<{ base: string; app: App }>;
  /** A connection of our own to the Redis, to read what the app recorded. */
  check: Redis;
  figures: {
    kills: number;
    redisRestarts: number;
    postgresKills: number;
    posts: number;
    postFailures: number;
    outageSeconds: number;
  };
  sent: Sent[];
  /** The web chat's visitors (test/chaos/webchat.ts). */
  visitors: Visitor[];
  loadEnds: number;
}

function requireRedisServer(): void {
  try {
    execFileSync('redis-server', ['--version'], { stdio: 'ignore' });
  } catch {
    process.stderr.write('redis-server is not installed: apt-get install redis-server\n');
    process.exit(1);
  }
}

function emailEnvOf(dovecot: Dovecot | null, sink: SmtpSink | null): Record<string, string> {
  if (!dovecot || !sink) return {};
  return {
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
    SUPPORT_EMAIL_FROM: SUPPORT_ADDRESS,
    EMAIL_READER_LEASE_SECONDS: '3',
    EMAIL_RECONNECT_MAX_MS: '1000',
  };
}

/** App processes against the one Redis, each on its own port (not started yet). */
async function appsFor(
  redisPort: number,
  databaseUrl: string,
  standIn: TwilioStandIn,
  emailEnv: Record<string, string>,
) {
  const apps: Stage['apps'] = [];
  for (let n = 0; n < PROCESSES; n++) {
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const app = new App({
      ...process.env,
      NODE_ENV: 'production',
      PORT: String(port),
      HOST: '127.0.0.1',
      REDIS_URL: `redis://127.0.0.1:${redisPort}`,
      REDIS_KEY_PREFIX: PREFIX,
      DATABASE_URL: databaseUrl,
      PUBLIC_BASE_URL: base,
      TWILIO_ACCOUNT_SID: ACCOUNT_SID,
      TWILIO_AUTH_TOKEN: AUTH_TOKEN,
      TWILIO_FROM_NUMBER: OUR_NUMBER,
      TWILIO_API_BASE_URL: standIn.url,
      OUTBOX_BACKOFF_MS: '250',
      OUTBOX_ATTEMPTS: '100',
      LOG_LEVEL: 'error',
      // The web chat's visitors come through a proxy on loopback, each with an address of their own.
      TRUST_PROXY: '127.0.0.1',
      ...emailEnv,
    });
    apps.push({ base, app });
  }
  return apps;
}

/** Redis with AOF, the Twilio stand-in answering slowly, Dovecot and an SMTP sink when they can run. */
async function setUp(): Promise<Stage> {
  const dir = mkdtempSync(join(tmpdir(), 'support-chaos-'));
  const redisPort = await freePort();
  const redis = new Redises(redisPort, dir);
  redis.start();
  const postgres = new PrivatePostgres(await freePort());
  await postgres.start();
  const standIn = await startTwilioStandIn();
  standIn.delayMs = 400;
  let dovecot: Dovecot | null = null;
  let sink: SmtpSink | null = null;
  if (EMAILERS > 0) {
    dovecot = await startDovecot();
    sink = await startSmtpSink();
  } else {
    say(`email customers left out: ${dovecotMissing}`);
  }
  const apps = await appsFor(redisPort, postgres.url, standIn, emailEnvOf(dovecot, sink));
  const check = new Redis(`redis://127.0.0.1:${redisPort}`, {
    maxRetriesPerRequest: null,
    lazyConnect: false,
  });
  check.on('error', () => undefined);
  const figures = {
    kills: 0,
    redisRestarts: 0,
    postgresKills: 0,
    posts: 0,
    postFailures: 0,
    outageSeconds: 0,
  };
  return {
    dir,
    redisPort,
    redis,
    standIn,
    postgres,
    postgresBack: Promise.resolve(),
    dovecot,
    sink,
    apps,
    check,
    figures,
    sent: [],
    visitors: [],
    loadEnds: 0,
  };
}

async function tearDown(stage: Stage): Promise<void> {
  for (const { app } of stage.apps) await app.kill();
  await stage.dovecot?.close();
  await stage.sink?.close();
  stage.check.disconnect();
  await stage.redis.kill();
  await stage.postgres.close();
  await stage.standIn.close();
  rmSync(stage.dir, { recursive: true, force: true });
}

const up = (base: string) => until(async () => (await fetch(`${base}/healthz`)).ok, 30_000);

/** Posts one webhook the way Twilio signs it; resolves true on 200. */
async function post(stage: Stage, path: string, params: Record<string, string>): Promise<boolean> {
  stage.figures.posts++;
  try {
    // Any process may take any webhook (a load balancer in front of them).
    const { base } = stage.apps[Math.floor(Math.random() * stage.apps.length)]!;
    const signature = twilio.getExpectedTwilioSignature(AUTH_TOKEN, `${base}${path}`, params);
    const answer = await fetch(`${base}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature },
      body: new URLSearchParams(params).toString(),
      signal: AbortSignal.timeout(15_000),
    });
    await answer.text();
    return answer.status === 200;
  } catch {
    stage.figures.postFailures++;
    return false;
  }
}

/** A text's webhook, or a caller's spoken answer (one inbound message too: its provider id is CallSid:N). */
function webhookOf(
  record: Sent,
  body: string,
  call?: { sid: string; n: number },
): { path: string; params: Record<string, string> } {
  if (call) {
    return {
      path: `/webhooks/twilio/voice/gather?n=${call.n}`,
      params: {
        CallSid: call.sid,
        AccountSid: ACCOUNT_SID,
        From: record.from,
        To: OUR_NUMBER,
        SpeechResult: body,
        Confidence: '0.93',
        CallStatus: 'in-progress',
      },
    };
  }
  return {
    path: '/webhooks/twilio/sms',
    params: {
      MessageSid: record.sid,
      SmsSid: record.sid,
      AccountSid: ACCOUNT_SID,
      From: record.from,
      To: OUR_NUMBER,
      Body: body,
      NumMedia: '0',
    },
  };
}

/** One customer message, delivered three times (the copies later, concurrently), retried until acknowledged. */
async function deliver(stage: Stage, from: string, body: string, call?: { sid: string; n: number }) {
  const record: Sent = {
    sid: call ? `${call.sid}:${call.n}` : `SM${randomBytes(16).toString('hex')}`,
    from,
    acknowledged: false,
    posts: 0,
  };
  stage.sent.push(record);
  const { path, params } = webhookOf(record, body, call);
  for (let attempt = 0; attempt < 40 && !record.acknowledged; attempt++) {
    record.posts++;
    if (await post(stage, path, params)) record.acknowledged = true;
    else await pause(500);
  }
  void (async () => {
    await pause(Math.random() * 3000);
    await Promise.all([post(stage, path, params), post(stage, path, params)]);
  })();
}

/** SMS and phone customers, each through the script and then on at random until the load ends. */
function phoneAndSmsLoad(stage: Stage): Promise<unknown> {
  const customers = Array.from(
    { length: CUSTOMERS },
    (_, n) => `+86139${String(10_000_000 + n * 7).slice(-8)}`,
  );
  return Promise.all(
    customers.map(async (from, n) => {
      await pause((n / CUSTOMERS) * 5000);
      // Every eighth customer phones instead: the same report, spoken, answer after answer.
      const call = n % 8 === 0 ? { sid: `CA${randomBytes(16).toString('hex')}`, n: 0 } : undefined;
      for (const line of SCRIPT) {
        if (Date.now() > stage.loadEnds) return;
        if (call) call.n++;
        await deliver(stage, from, line, call ? { ...call } : undefined);
        await pause(1500 + Math.random() * 3000);
      }
      // Start over: a second report keeps the load steady until the end.
      while (Date.now() < stage.loadEnds) {
        await deliver(stage, from, SCRIPT[Math.floor(Math.random() * SCRIPT.length)]!);
        await pause(2000 + Math.random() * 4000);
      }
    }),
  );
}

/** One email, appended to the mailbox as an MTA delivers it (retried while Dovecot restarts). */
async function email(stage: Stage, from: string, subject: string, text: string): Promise<void> {
  const record: Sent = {
    sid: `<chaos.${randomBytes(8).toString('hex')}@example.cn>`,
    from,
    acknowledged: false,
    posts: 0,
  };
  stage.sent.push(record);
  for (let attempt = 0; attempt < 40 && !record.acknowledged; attempt++) {
    record.posts++;
    try {
      await stage.dovecot!.append(mail({ from, subject, text, messageId: record.sid, to: SUPPORT_ADDRESS }));
      record.acknowledged = true;
    } catch {
      await pause(500);
    }
  }
}

function mailLoad(stage: Stage): Promise<unknown> {
  const emailers = Array.from({ length: EMAILERS }, (_, n) => `mailer${n}@example.cn`);
  // At most six mails each: automatic replies are capped per address and hour.
  const lines = [
    '我的打印机卡纸了，序列号 CNB1234567',
    '去年三月买的',
    '没有摔过',
    '没有拆过',
    '请尽快处理',
    '谢谢',
  ];
  return Promise.all(
    emailers.map(async (from, n) => {
      await pause((n / Math.max(1, EMAILERS)) * 5000);
      for (const [k, line] of lines.entries()) {
        if (Date.now() > stage.loadEnds) return;
        await email(stage, from, k === 0 ? '打印机卡纸' : 'Re: 打印机卡纸', line);
        await pause(4000 + Math.random() * 4000);
      }
    }),
  );
}

/**
 * The n-th disturbance besides the kill: the SMTP server down for 30 s, Dovecot restarted, Redis
 * killed and restarted from its AOF, PostgreSQL killed and back 10 s later, Twilio answering 500 then
 * 429. Returns when the SMTP server is back.
 */
async function disturb(stage: Stage, n: number): Promise<Promise<void> | null> {
  const { sink, dovecot, redis, standIn, figures } = stage;
  let smtpBack: Promise<void> | null = null;
  if (sink && n === Math.floor(KILLS / 4)) {
    say('the SMTP server refuses connections for 30 s');
    await sink.down();
    smtpBack = pause(30_000).then(() => sink.up());
  }
  if (dovecot && n === Math.floor(KILLS / 2)) {
    say('Dovecot stopped and restarted');
    await dovecot.stop();
    await pause(2000);
    await dovecot.start();
  }
  if (n === Math.floor(KILLS / 3)) {
    await redis.kill();
    figures.redisRestarts++;
    say('Redis killed; restarting it from its AOF');
    await pause(1000);
    redis.start();
  }
  if (n === KILLS - 2) {
    // Down for 10 s: the next app kill (and its restart) falls in it; changes wait in Redis.
    await stage.postgres.kill();
    figures.postgresKills++;
    say('PostgreSQL killed (SIGKILL); back in 10 s');
    stage.postgresBack = pause(10_000).then(() => stage.postgres.start());
  }
  if (n === Math.floor((2 * KILLS) / 3)) {
    say('Twilio answers 500, then 429, for 8 s');
    standIn.outage = { status: 500, body: { code: 20500, message: 'Internal Server Error', status: 500 } };
    await pause(4000);
    standIn.outage = { status: 429, body: { code: 20429, message: 'Too Many Requests', status: 429 } };
    await pause(4000);
    standIn.outage = null;
    figures.outageSeconds += 8;
  }
  return smtpBack;
}

/**
 * App processes killed with SIGKILL at random moments, with the other disturbances in between; done
 * when the SMTP server is back too.
 */
async function chaos(stage: Stage): Promise<void> {
  const { apps, figures } = stage;
  let smtpBack: Promise<void> = Promise.resolve();
  const interval = (LOAD_SECONDS * 1000) / (KILLS + 2);
  for (let n = 1; n <= KILLS; n++) {
    await pause(interval * (0.5 + Math.random()));
    const victim = apps[n % apps.length]!;
    await victim.app.kill();
    figures.kills++;
    say(`kill -9 of app process ${(n % apps.length) + 1} (${figures.kills})`);
    victim.app.start();
    // Down only as long as a restart takes: the next kill comes after it is serving again.
    await up(victim.base);
    smtpBack = (await disturb(stage, n)) ?? smtpBack;
  }
  await smtpBack;
  await stage.postgresBack;
}

/** Waits until the record has caught up: no mark, change or customer stream left unrecorded. */
function recordCaughtUp(check: Redis): Promise<boolean> {
  return until(async () => {
    const [marks, changes] = await Promise.all([
      check.xlen(`{${PREFIX}:record}:marks`),
      check.xlen(`{${PREFIX}:record}:changes`),
    ]);
    const streams = await check.keys(`${PREFIX}:{c:*}:rec`);
    return marks + changes + streams.length === 0;
  }, 120_000);
}

/** Waits until the outbox and every customer's inbox are empty. */
function drain(check: Redis): Promise<boolean> {
  return until(async () => {
    const queue = `{${PREFIX}:q}:outbox`;
    const [waiting, active, delayed, prioritized] = await Promise.all([
      check.llen(`${queue}:wait`),
      check.llen(`${queue}:active`),
      check.zcard(`${queue}:delayed`),
      check.zcard(`${queue}:prioritized`),
    ]);
    const inboxes = await check.keys(`${PREFIX}:{c:*}:inbox`);
    const backlog = await Promise.all(inboxes.map((key) => check.llen(key)));
    return waiting + active + delayed + prioritized === 0 && backlog.every((n) => n === 0);
  }, 120_000);
}

/** Inbound: every acknowledged message on its customer's transcript exactly once. */
async function inboundFindings(stage: Stage) {
  const { check, sent } = stage;
  const seen = new Map<string, number>();
  /** Outbox message id → channel, for every reply on a transcript. */
  const outbound = new Map<string, string>();
  for (const key of await check.keys(`${PREFIX}:{c:*}:log`)) {
    for (const line of await check.lrange(key, 0, -1)) {
      const entry = JSON.parse(line) as {
        kind: string;
        channel?: string;
        meta?: { providerMessageId?: string; messageId?: string };
      };
      const id = entry.meta?.providerMessageId;
      if (entry.kind === 'in' && id) seen.set(id, (seen.get(id) ?? 0) + 1);
      if (entry.kind === 'out' && entry.meta?.messageId)
        outbound.set(entry.meta.messageId, entry.channel ?? '?');
    }
  }
  const acknowledged = sent.filter((record) => record.acknowledged);
  const lostIn = acknowledged.filter((record) => !seen.has(record.sid));
  const doubledIn = acknowledged.filter((record) => (seen.get(record.sid) ?? 0) > 1);
  // The same in the record (PostgreSQL).
  const inRecord = await inboundInRecord(stage.postgres.url);
  const lostInRecord = acknowledged.filter((record) => !inRecord.has(record.sid));
  const doubledInRecord = acknowledged.filter((record) => (inRecord.get(record.sid) ?? 0) > 1);
  return { outbound, acknowledged, lostIn, doubledIn, lostInRecord, doubledInRecord };
}

/** Outbound: every part Twilio accepted and every email, once per outbox message; none missing. */
async function outboundFindings(stage: Stage, outbound: Map<string, string>) {
  const accepted = stage.standIn.accepted();
  const parts = new Map<string, number>();
  for (const request of accepted) {
    const ours = new URL(request.form.StatusCallback ?? 'http://x/').searchParams.get('m') ?? '?';
    const key = `${ours}\n${request.form.Body}`;
    parts.set(key, (parts.get(key) ?? 0) + 1);
  }
  const doubledOut = [...parts.entries()].filter(([, count]) => count > 1);
  const deliveredIds = new Set([...parts.keys()].map((key) => key.split('\n')[0]));
  // Email: every reply carries our Message-ID (the same on every retry): once per Message-ID.
  const byMessageId = new Map<string, number>();
  for (const sunk of stage.sink?.mails ?? []) {
    const id = sunk.parsed.messageId ?? '?';
    byMessageId.set(id, (byMessageId.get(id) ?? 0) + 1);
  }
  for (const [id, count] of byMessageId) if (count > 1) doubledOut.push([`email ${id}`, count]);
  // Every reply the bot committed to its transcripts went out: texts at Twilio, emails at the SMTP
  // server (the outbox forgets a job once it is done, so the transcripts are the record).
  let emailJobs = 0;
  const notDelivered: string[] = [];
  for (const [id, channel] of outbound) {
    if (deliveredIds.has(id)) continue;
    // Web chat replies go to the conversation's history: the web chat part checks them there.
    if (channel === 'chat' || channel === 'webchat') continue;
    if (channel === 'email') {
      emailJobs++;
      continue;
    }
    const state = await stage.check.get(`${PREFIX}:delivery:${id}`);
    notDelivered.push(
      `${id} (${state ? `${JSON.parse(state).state} without reaching Twilio` : 'never sent'})`,
    );
  }
  if (emailJobs > byMessageId.size)
    notDelivered.push(`${emailJobs - byMessageId.size} of ${emailJobs} emails not at the SMTP server`);
  return { accepted, doubledOut, notDelivered };
}

type Findings = Awaited<ReturnType<typeof inboundFindings>> &
  Awaited<ReturnType<typeof outboundFindings>> & {
    drained: boolean;
    recorded: boolean;
    webChat: WebChatFindings;
  };

/** The web chat's figures and problems; its checks. */
function reportWebChat(found: WebChatFindings): Array<[string, boolean]> {
  const table: Array<[string, string | number]> = [
    ['web chat: visitors / conversations', `${VISITORS} / ${found.conversations}`],
    ['web chat: messages accepted (202) / never accepted', `${found.accepted} / ${found.unaccepted}`],
    ['web chat: posts (retries with the same client id included)', found.posts],
    ['web chat: accepted but not in the history (lost)', found.lost.length],
    ['web chat: in the history more than once', found.doubled.length],
    ['web chat: out of order', found.outOfOrder.length],
    ['web chat: messages without an answer after them', found.unanswered.length],
    ['web chat: conversations with a number used twice or skipped', found.badSeq.length],
  ];
  for (const [what, value] of table) process.stdout.write(`  ${what.padEnd(70)} ${value}\n`);
  for (const line of [...found.lost, ...found.doubled, ...found.badSeq, ...found.unanswered].slice(0, 8))
    process.stdout.write(`  web chat: ${line}\n`);
  return [
    [
      'web chat: every accepted message in the history once, in order',
      found.lost.length + found.doubled.length + found.outOfOrder.length === 0,
    ],
    ['web chat: every message answered', found.unanswered.length === 0],
    ['web chat: no number used twice', found.badSeq.length === 0],
  ];
}

/** The figures, the first few problems of each kind, and the checks; sets the exit code. */
function report(stage: Stage, found: Findings): void {
  const { figures, sent, apps } = stage;
  say('figures:');
  const table: Array<[string, string | number]> = [
    ['load', `${LOAD_SECONDS} s, ${CUSTOMERS} customers, ${apps.length} app processes`],
    ['app killed with SIGKILL', figures.kills],
    ['Redis killed and restarted (AOF, fsync always)', figures.redisRestarts],
    ['PostgreSQL killed and restarted 10 s later', figures.postgresKills],
    ['Twilio outage (500 then 429)', `${figures.outageSeconds} s, every answer 400 ms late`],
    ['inbound messages', sent.length],
    ['webhook posts (3 per message, plus retries while the app was down)', figures.posts],
    ['posts refused while the app was restarting (retried)', figures.postFailures],
    ['acknowledged messages', found.acknowledged.length],
    ['acknowledged but not recorded (lost)', found.lostIn.length],
    ['recorded more than once', found.doubledIn.length],
    ['acknowledged but not in the record (PostgreSQL)', found.lostInRecord.length],
    ['in the record more than once', found.doubledInRecord.length],
    ['record caught up (no change left in Redis)', found.recorded ? 'yes' : 'no'],
    ['texts accepted by Twilio', found.accepted.length],
    [
      'emails appended by customers / replies received by the SMTP server',
      `${sent.filter((r) => r.sid.startsWith('<')).length} / ${stage.sink?.mails.length ?? 0}`,
    ],
    ['replies sent twice (texts and emails)', found.doubledOut.length],
    ['replies on transcripts checked', found.outbound.size],
    ['replies not delivered', found.notDelivered.length],
    ['outbox drained', found.drained ? 'yes' : 'no'],
  ];
  for (const [what, value] of table) process.stdout.write(`  ${what.padEnd(70)} ${value}\n`);
  for (const record of found.lostIn.slice(0, 5))
    process.stdout.write(`  lost: ${record.sid} from ${record.from}\n`);
  for (const record of found.lostInRecord.slice(0, 5))
    process.stdout.write(`  not in the record: ${record.sid} from ${record.from}\n`);
  for (const [key, count] of found.doubledOut.slice(0, 5))
    process.stdout.write(`  duplicate x${count}: ${key.replace('\n', ' ')}\n`);
  for (const line of found.notDelivered.slice(0, 10)) process.stdout.write(`  not delivered: ${line}\n`);
  const checks: Array<[string, boolean]> = [
    ['every acknowledged message recorded', found.lostIn.length === 0],
    ['no message recorded twice', found.doubledIn.length === 0],
    [
      'every acknowledged message in the record exactly once',
      found.lostInRecord.length === 0 && found.doubledInRecord.length === 0 && found.recorded,
    ],
    ['no text sent twice', found.doubledOut.length === 0],
    ['every reply delivered', found.notDelivered.length === 0 && found.drained],
    ...reportWebChat(found.webChat),
  ];
  for (const [what, ok] of checks) process.stdout.write(`  ${ok ? 'ok  ' : 'FAIL'} ${what}\n`);
  const failures = checks.filter(([, ok]) => !ok).length;
  process.stdout.write(`chaos: ${checks.length - failures} passed, ${failures} failed\n`);
  process.exitCode = failures === 0 ? 0 : 1;
}

async function main(): Promise<void> {
  requireRedisServer();
  say('building the app (npm run build)');
  execFileSync('npm', ['run', '--silent', 'build'], { stdio: 'inherit' });
  const stage = await setUp();
  const { apps, check } = stage;
  try {
    await until(async () => (await check.ping()) === 'PONG', 10_000);
    for (const { app } of apps) app.start();
    for (const { base } of apps) if (!(await up(base))) throw new Error(`the app on ${base} did not start`);
    say(
      `${apps.length} app processes up (${apps.map(({ base }) => base).join(', ')}); Redis with AOF on port ${stage.redisPort}; Twilio stand-in answering in 400 ms`,
    );
    stage.loadEnds = Date.now() + LOAD_SECONDS * 1000;
    const bases = apps.map(({ base }) => base);
    await Promise.all([
      phoneAndSmsLoad(stage),
      mailLoad(stage),
      webChatLoad(bases, stage.visitors, () => stage.loadEnds),
      chaos(stage),
    ]);
    say(
      `load over: ${stage.sent.length} messages from ${CUSTOMERS} customers; waiting for the outbox to drain`,
    );
    for (const { base } of apps) await up(base);
    const drained = await drain(check);
    const recorded = await recordCaughtUp(check);
    await pause(2000);
    const inbound = await inboundFindings(stage);
    const webChat = await webChatFindings(bases, stage.visitors);
    report(stage, {
      ...inbound,
      ...(await outboundFindings(stage, inbound.outbound)),
      drained,
      recorded,
      webChat,
    });
  } finally {
    await tearDown(stage);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`chaos: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
