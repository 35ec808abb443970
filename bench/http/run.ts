/**
 * The HTTP part of `npm run bench`: the bot's whole message path (signed Twilio webhook → desk →
 * engine → case → outbox → Twilio stand-in), as separate processes, side by side with a bare baseline
 * (bench/http/baseline.ts) in the same run, on the same Redis and the same stand-in. See
 * docs/performance.md.
 *
 * Environment: BENCH_SECONDS (per phase, default 10), BENCH_CUSTOMERS (3,000), BENCH_CONNECTIONS (50),
 * BENCH_FIXED_RATE (1,000 messages/s), BENCH_OPEN=0 (saturation only), BENCH_ONLY=bot (the bot's
 * phases alone), BENCH_NODE_ARGS (for the app processes, e.g. `--cpu-prof`).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import {
  startTwilioStandIn,
  type TwilioStandIn,
} from '../../test/channels/twilio/support/twilio-stand-in.js';
import { PrivatePostgres } from '../../test/support/private-postgres.js';
import { countingProxy, freePort, until } from '../support.js';
import { ACCOUNT_SID, AUTH_TOKEN, Crowd, OUR_NUMBER, type PhaseResult, targetOf } from './load.js';
import {
  type Buckets,
  lagBuckets,
  lagPercentile,
  lapseResults,
  passHotDays,
  recordCaughtUp,
} from './record.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CUSTOMERS = Number(process.env.BENCH_CUSTOMERS ?? 3000);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const FIXED_RATE = Number(process.env.BENCH_FIXED_RATE ?? 1000);

interface Process {
  base: string;
  child: ChildProcess;
}

async function startProcess(script: string[], env: NodeJS.ProcessEnv, port: number): Promise<Process> {
  const base = `http://127.0.0.1:${port}`;
  const nodeArgs = process.env.BENCH_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', ...script], {
    env: { ...process.env, ...env, PORT: String(port) },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const up = await until(async () => {
    const answer = await fetch(`${base}/webhooks/twilio/sms`, { method: 'POST' });
    return answer.status === 403 || answer.status === 400;
  }, 60_000);
  if (!up) throw new Error(`${script.join(' ')} did not start on ${base}`);
  return { base, child };
}

async function stop(process: Process): Promise<void> {
  const exited = new Promise((resolve) => process.child.once('exit', resolve));
  process.child.kill('SIGTERM');
  await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5000))]);
  if (process.child.exitCode === null) process.child.kill('SIGKILL');
}

/** CPU time (user + system) a process has used, in ms; 0 where /proc is not there. */
function cpuMs(pid: number | undefined): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return 0;
  }
}

type CommandCounts = Record<string, number>;

/** Redis commands run so far, by name (scripts' own commands included). */
async function commandCounts(redis: Redis): Promise<CommandCounts> {
  const info = await redis.info('commandstats');
  const counts: CommandCounts = {};
  for (const match of info.matchAll(/^cmdstat_([^:]+):calls=(\d+)/gm)) counts[match[1]!] = Number(match[2]);
  return counts;
}

/** Commands per handled message since `before`, most used first. */
function perMessage(before: CommandCounts, after: CommandCounts, messages: number) {
  const rows = Object.entries(after)
    .map(([name, calls]) => [name, (calls - (before[name] ?? 0)) / messages] as const)
    .filter(([, n]) => n >= 0.05)
    .sort((a, b) => b[1] - a[1]);
  const total = rows.reduce((sum, [, n]) => sum + n, 0);
  return {
    total: Math.round(total * 10) / 10,
    byCommand: Object.fromEntries(rows.map(([k, n]) => [k, Math.round(n * 100) / 100])),
  };
}

export interface SystemFigures {
  saturation: PhaseResult;
  commandsPerMessage: number;
  commandsByName: Record<string, number>;
  /** CPU ms per handled message at saturation: the app process(es), and redis-server. */
  cpuPerMessage: { app: number; redis: number };
  open: Array<{ share: number; target: number } & PhaseResult>;
  fixed: PhaseResult | null;
  /** The recorder at saturation: lag p50/p99 (ms) and how long the record took to catch up after (s). */
  record?: { lagP50: number | null; lagP99: number | null; catchUpSeconds: number | null };
}

export interface HttpFigures {
  baseline: SystemFigures;
  bot: SystemFigures;
  /** The bot in two processes behind one address list (saturation only). */
  twoProcesses: SystemFigures;
  /** Redis round trips per message, everything included (webhook, turn, outbox, workers' polling). */
  roundTripsPerMessage: number;
  /** The bot with the record streams off (RECORD_STREAMS=false), saturation only: what the record costs. */
  unrecorded: SystemFigures;
  /** Bytes of Redis per customer: with a conversation open, once its case is closed, and after HOT_DAYS. */
  memory: {
    openConversation: number;
    closedCase: number;
    afterHotDays: number;
    evicted: number;
    transcriptEntries: number;
  };
  fixedRate: number;
}

const appEnv = (port: number, redisUrl: string, twilioEnv: Record<string, string>) => ({
  ...twilioEnv,
  REDIS_URL: redisUrl,
  RECORD_STREAMS: 'true',
  NODE_ENV: 'production',
  HOST: '127.0.0.1',
  PUBLIC_BASE_URL: `http://127.0.0.1:${port}`,
  REDIS_KEY_PREFIX: 'bench',
  LOG_LEVEL: 'error',
});

async function usedMemory(redis: Redis): Promise<number> {
  const info = await redis.info('memory');
  return Number(/^used_memory:(\d+)/m.exec(info)?.[1] ?? 0);
}

/** Everything the phases share: one private redis-server, the Twilio stand-in, the progress line. */
interface Lab {
  redis: Redis;
  redisServer: ChildProcess;
  redisPort: number;
  redisUrl: string;
  dir: string;
  standIn: TwilioStandIn;
  /** The record's own PostgreSQL, as a deployment would have it (DATABASE_URL), on this machine. */
  postgres: PrivatePostgres;
  twilioEnv: Record<string, string>;
  say(line: string): void;
  /** Phone numbers already given to a crowd: each crowd writes from numbers of its own. */
  numbers: number;
}

async function openLab(say: (line: string) => void): Promise<Lab & { close(): Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-http-'));
  const redisPort = await freePort();
  const redisServer = spawn(
    'redis-server',
    ['--port', String(redisPort), '--save', '', '--appendonly', 'no', '--dir', dir],
    { stdio: 'ignore' },
  );
  const redisUrl = `redis://127.0.0.1:${redisPort}`;
  const redis = new Redis(redisUrl);
  // The server may take a moment to listen: the client retries, quietly.
  redis.on('error', () => undefined);
  await until(async () => (await redis.ping()) === 'PONG', 10_000);
  const postgres = new PrivatePostgres(await freePort());
  await postgres.start();
  const standIn = await startTwilioStandIn();
  const history = setInterval(() => {
    standIn.requests.length = 0;
  }, 1000);
  const twilioEnv = {
    TWILIO_ACCOUNT_SID: ACCOUNT_SID,
    TWILIO_AUTH_TOKEN: AUTH_TOKEN,
    TWILIO_FROM_NUMBER: OUR_NUMBER,
    TWILIO_API_BASE_URL: standIn.url,
  };
  const lab = { redis, redisServer, redisPort, redisUrl, dir, standIn, postgres, twilioEnv, say, numbers: 0 };
  return {
    ...lab,
    async close() {
      clearInterval(history);
      await standIn.close();
      redis.disconnect();
      redisServer.kill('SIGKILL');
      await postgres.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function startBot(lab: Lab, url = lab.redisUrl, extra: Record<string, string> = {}): Promise<Process> {
  const port = await freePort();
  const env = { ...appEnv(port, url, lab.twilioEnv), DATABASE_URL: lab.postgres.url, ...extra };
  return startProcess(['src/main.ts'], env, port);
}

/** The recorder's lag over a phase (from the app's histogram), and how long the record took to catch up. */
async function recorderLag(lab: Lab, name: string, base: string, before: Buckets) {
  const catchUpSeconds = await recordCaughtUp(lab.redis, 'bench');
  const after = await lagBuckets(base);
  const record = {
    lagP50: lagPercentile(before, after, 50),
    lagP99: lagPercentile(before, after, 99),
    catchUpSeconds,
  };
  lab.say(
    `${name}: recorder lag p50 ${record.lagP50} ms, p99 ${record.lagP99} ms; caught up in ${catchUpSeconds} s`,
  );
  return record;
}

/** Runs `work` with processes started, and stops them whatever happens. */
async function withProcesses<T>(
  processes: Process[],
  work: (processes: Process[]) => Promise<T>,
): Promise<T> {
  try {
    return await work(processes);
  } finally {
    await Promise.all(processes.map(stop));
  }
}

/** Customers writing to the bases; each text Twilio accepts tells the crowd its customer was answered. */
function crowdFor(lab: Lab, bases: string[], size = CUSTOMERS, script?: 'resolve') {
  const targets = bases.map((b) => targetOf(b, Math.ceil((CONNECTIONS * 2) / bases.length)));
  const crowd = new Crowd(targets, size, lab.numbers, script);
  lab.numbers += 1_000_000;
  lab.standIn.onAccepted = (request) => crowd.replied(request.form.To ?? '');
  return {
    crowd,
    async close() {
      crowd.close();
      lab.standIn.onAccepted = null;
      await Promise.all(targets.map((t) => t.pool.close()));
    },
  };
}

type Phase = (label: string) => (handled: number) => void;

/** The closed loop at saturation: its rate, and the CPU and Redis commands each message cost. */
async function saturate(lab: Lab, name: string, crowd: Crowd, pids: number[], progress: Phase) {
  const { redis, redisServer, say } = lab;
  const appCpu = () => pids.reduce((sum, pid) => sum + cpuMs(pid), 0);
  const before = await commandCounts(redis);
  const cpuBefore = { app: appCpu(), redis: cpuMs(redisServer.pid) };
  say(`${name}: saturation, closed loop, ${CONNECTIONS} connections, ${SECONDS} s`);
  const saturation = await crowd.closed(CONNECTIONS, SECONDS, progress('saturation'));
  // Let the outbox and delivery work of the phase finish before counting its commands.
  await new Promise((resolve) => setTimeout(resolve, 1500));
  const cpuPerMessage = {
    app: Math.round(((appCpu() - cpuBefore.app) / saturation.handled) * 100) / 100,
    redis: Math.round(((cpuMs(redisServer.pid) - cpuBefore.redis) / saturation.handled) * 100) / 100,
  };
  const commands = perMessage(before, await commandCounts(redis), saturation.handled);
  say(
    `${name}: ${saturation.rate} messages/s; CPU per message: app ${cpuPerMessage.app} ms, redis ${cpuPerMessage.redis} ms; ${commands.total} Redis commands`,
  );
  return { saturation, cpuPerMessage, commands };
}

/** Open loops at shares of the saturation rate, then at the fixed rate. */
async function openLoops(lab: Lab, name: string, crowd: Crowd, rate: number, progress: Phase) {
  const open: SystemFigures['open'] = [];
  for (const share of [0.25, 0.5, 0.8]) {
    const target = Math.max(1, Math.round(rate * share));
    lab.say(`${name}: open loop at ${share * 100} % of saturation (${target} messages/s), ${SECONDS} s`);
    open.push({ share, target, ...(await crowd.open(target, SECONDS, progress(`${target}/s`))) });
  }
  lab.say(`${name}: open loop at ${FIXED_RATE} messages/s, ${SECONDS} s`);
  const fixed: PhaseResult = await crowd.open(FIXED_RATE, SECONDS, progress(`${FIXED_RATE}/s`));
  return { open, fixed };
}

/** One system's figures: warm-up, saturation, then (unless told not to) the open loops. */
async function measure(
  lab: Lab,
  name: string,
  processes: Process[],
  openLoop = process.env.BENCH_OPEN !== '0',
  recorded = false,
): Promise<SystemFigures> {
  const { crowd, close } = crowdFor(
    lab,
    processes.map((p) => p.base),
  );
  const progress: Phase = (label) => (handled) => lab.say(`  ${name} ${label}: ${handled} handled`);
  try {
    lab.say(`${name}: warming up (${CONNECTIONS} connections, 3 s)`);
    await crowd.closed(CONNECTIONS, 3);
    const pids = processes.map((p) => p.child.pid!);
    const lagBefore = recorded ? await lagBuckets(processes[0]!.base) : null;
    const { saturation, cpuPerMessage, commands } = await saturate(lab, name, crowd, pids, progress);
    const record = lagBefore ? await recorderLag(lab, name, processes[0]!.base, lagBefore) : undefined;
    const loops = openLoop
      ? await openLoops(lab, name, crowd, saturation.rate, progress)
      : { open: [], fixed: null };
    return {
      saturation,
      commandsPerMessage: commands.total,
      commandsByName: commands.byCommand,
      cpuPerMessage,
      ...loops,
      ...(record ? { record } : {}),
    };
  } finally {
    await close();
  }
}

/** Round trips, everything included: the bot connected through a counting proxy. */
async function countRoundTrips(lab: Lab): Promise<number> {
  const proxyPort = await freePort();
  const proxy = countingProxy(lab.redisPort, proxyPort);
  try {
    return await withProcesses([await startBot(lab, `redis://127.0.0.1:${proxyPort}`)], async ([counted]) => {
      const { crowd, close } = crowdFor(lab, [counted!.base], 200);
      await crowd.closed(10, 2);
      const before = proxy.count();
      const phase = await crowd.closed(10, 5);
      await new Promise((resolve) => setTimeout(resolve, 1000));
      const roundTrips = Math.round(((proxy.count() - before) / phase.handled) * 10) / 10;
      await close();
      lab.say(`bot: ${roundTrips} Redis round trips per message, everything included`);
      return roundTrips;
    });
  } finally {
    proxy.server.close();
  }
}

/**
 * Memory: customers with a conversation open (one message in), then the same conversations walked to
 * a case closed by the customer ("fixed, thanks").
 */
async function measureMemory(lab: Lab): Promise<HttpFigures['memory']> {
  const { redis } = lab;
  return withProcesses([await startBot(lab)], async ([memoryBot]) => {
    const people = 1000;
    const { crowd, close } = crowdFor(lab, [memoryBot!.base], people, 'resolve');
    const empty = await usedMemory(redis);
    await crowd.firstMessages(CONNECTIONS);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const open = await usedMemory(redis);
    await crowd.finishAll(CONNECTIONS);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    await recordCaughtUp(redis, 'bench');
    const closed = await usedMemory(redis);
    const logs = await redis.keys('bench:{c:*}:log');
    const lengths = await Promise.all(logs.slice(0, 50).map((key) => redis.llen(key)));
    // HOT_DAYS later: the finished cases leave Redis (and their messages' week-long results lapse;
    // the follow-ups, due 72 h after resolution, are still waiting here — by HOT_DAYS they have run).
    const evicted = await passHotDays(lab.redisUrl, lab.postgres.url, 'bench');
    await recordCaughtUp(redis, 'bench');
    await lapseResults(redis, 'bench');
    await new Promise((resolve) => setTimeout(resolve, 500));
    const afterHotDays = await usedMemory(redis);
    const memory = {
      openConversation: Math.round((open - empty) / people),
      closedCase: Math.round((closed - empty) / people),
      afterHotDays: Math.round((afterHotDays - empty) / people),
      evicted,
      transcriptEntries: Math.round(lengths.reduce((a, b) => a + b, 0) / Math.max(1, lengths.length)),
    };
    await close();
    lab.say(
      `bot: memory per open conversation ${memory.openConversation} B, per closed case ${memory.closedCase} B, after HOT_DAYS ${memory.afterHotDays} B (${evicted} cases evicted)`,
    );
    return memory;
  });
}

export async function httpBench(say: (line: string) => void): Promise<HttpFigures> {
  const lab = await openLab(say);
  try {
    if (process.env.BENCH_ONLY === 'bot') {
      // Profiling: the bot's phases alone (BENCH_NODE_ARGS=--cpu-prof …); the other figures are left out.
      const bot = await withProcesses([await startBot(lab)], (only) => measure(lab, 'bot', only));
      return { bot } as HttpFigures;
    }
    const baselinePort = await freePort();
    const baselineProcess = await startProcess(
      ['bench/http/baseline.ts'],
      { ...lab.twilioEnv, REDIS_URL: lab.redisUrl },
      baselinePort,
    );
    const baseline = await withProcesses([baselineProcess], (one) => measure(lab, 'baseline', one));
    await lab.redis.flushall();
    const bot = await withProcesses([await startBot(lab)], (one) =>
      measure(lab, 'bot', one, undefined, true),
    );
    await lab.redis.flushall();
    // The same bot with the record streams off: what the record costs its throughput.
    const bare = await startBot(lab, lab.redisUrl, { RECORD_STREAMS: 'false' });
    const unrecorded = await withProcesses([bare], (one) => measure(lab, 'bot, record off', one, false));
    await lab.redis.flushall();
    const pair = [await startBot(lab), await startBot(lab)];
    const twoProcesses = await withProcesses(pair, (both) => measure(lab, 'bot ×2', both, false));
    await lab.redis.flushall();
    const roundTripsPerMessage = await countRoundTrips(lab);
    await lab.redis.flushall();
    const memory = await measureMemory(lab);
    return { baseline, bot, unrecorded, twoProcesses, roundTripsPerMessage, memory, fixedRate: FIXED_RATE };
  } finally {
    await lab.close();
  }
}
