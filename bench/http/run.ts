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
import { startTwilioStandIn } from '../../test/channels/twilio/support/twilio-stand-in.js';
import { countingProxy, freePort, until } from '../support.js';
import { ACCOUNT_SID, AUTH_TOKEN, Crowd, OUR_NUMBER, type PhaseResult, targetOf } from './load.js';

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
}

export interface HttpFigures {
  baseline: SystemFigures;
  bot: SystemFigures;
  /** The bot in two processes behind one address list (saturation only). */
  twoProcesses: SystemFigures;
  /** Redis round trips per message, everything included (webhook, turn, outbox, workers' polling). */
  roundTripsPerMessage: number;
  /** Bytes of Redis per customer: with a conversation open, and once its case is closed. */
  memory: { openConversation: number; closedCase: number; transcriptEntries: number };
  fixedRate: number;
}

const appEnv = (port: number, redisUrl: string, twilioEnv: Record<string, string>) => ({
  ...twilioEnv,
  REDIS_URL: redisUrl,
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

export async function httpBench(say: (line: string) => void): Promise<HttpFigures> {
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
  const standIn = await startTwilioStandIn();
  const history = setInterval(() => {
    standIn.requests.length = 0;
  }, 1000);
  let numbers = 0;
  const twilioEnv = {
    TWILIO_ACCOUNT_SID: ACCOUNT_SID,
    TWILIO_AUTH_TOKEN: AUTH_TOKEN,
    TWILIO_FROM_NUMBER: OUR_NUMBER,
    TWILIO_API_BASE_URL: standIn.url,
  };
  const startBot = async (url = redisUrl) => {
    const port = await freePort();
    return startProcess(['src/main.ts'], appEnv(port, url, twilioEnv), port);
  };
  const crowdFor = (bases: string[], size = CUSTOMERS, script?: 'resolve') => {
    const targets = bases.map((b) => targetOf(b, Math.ceil((CONNECTIONS * 2) / bases.length)));
    const crowd = new Crowd(targets, size, numbers, script);
    numbers += 1_000_000;
    standIn.onAccepted = (request) => crowd.replied(request.form.To ?? '');
    return {
      crowd,
      async close() {
        crowd.close();
        standIn.onAccepted = null;
        await Promise.all(targets.map((t) => t.pool.close()));
      },
    };
  };

  const measure = async (
    name: string,
    bases: string[],
    pids: number[],
    openLoop = process.env.BENCH_OPEN !== '0',
  ): Promise<SystemFigures> => {
    const appCpu = () => pids.reduce((sum, pid) => sum + cpuMs(pid), 0);
    const { crowd, close } = crowdFor(bases);
    const progress = (label: string) => (handled: number) => say(`  ${name} ${label}: ${handled} handled`);
    try {
      say(`${name}: warming up (${CONNECTIONS} connections, 3 s)`);
      await crowd.closed(CONNECTIONS, 3);
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
      const open: SystemFigures['open'] = [];
      for (const share of openLoop ? [0.25, 0.5, 0.8] : []) {
        const target = Math.max(1, Math.round(saturation.rate * share));
        say(`${name}: open loop at ${share * 100} % of saturation (${target} messages/s), ${SECONDS} s`);
        open.push({ share, target, ...(await crowd.open(target, SECONDS, progress(`${target}/s`))) });
      }
      let fixed: PhaseResult | null = null;
      if (openLoop) {
        say(`${name}: open loop at ${FIXED_RATE} messages/s, ${SECONDS} s`);
        fixed = await crowd.open(FIXED_RATE, SECONDS, progress(`${FIXED_RATE}/s`));
      }
      return {
        saturation,
        commandsPerMessage: commands.total,
        commandsByName: commands.byCommand,
        cpuPerMessage,
        open,
        fixed,
      };
    } finally {
      await close();
    }
  };

  try {
    if (process.env.BENCH_ONLY === 'bot') {
      // Profiling: the bot's phases alone (BENCH_NODE_ARGS=--cpu-prof …); the other figures are left out.
      const only = await startBot();
      try {
        const bot = await measure('bot', [only.base], [only.child.pid!]);
        return { bot } as HttpFigures;
      } finally {
        await stop(only);
      }
    }
    const baselinePort = await freePort();
    const baselineProcess = await startProcess(
      ['bench/http/baseline.ts'],
      { ...twilioEnv, REDIS_URL: redisUrl },
      baselinePort,
    );
    let baseline: SystemFigures;
    try {
      baseline = await measure('baseline', [baselineProcess.base], [baselineProcess.child.pid!]);
    } finally {
      await stop(baselineProcess);
    }
    await redis.flushall();

    const one = await startBot();
    let bot: SystemFigures;
    try {
      bot = await measure('bot', [one.base], [one.child.pid!]);
    } finally {
      await stop(one);
    }
    await redis.flushall();

    const pair = [await startBot(), await startBot()];
    let twoProcesses: SystemFigures;
    try {
      twoProcesses = await measure(
        'bot ×2',
        pair.map((p) => p.base),
        pair.map((p) => p.child.pid!),
        false,
      );
    } finally {
      await Promise.all(pair.map(stop));
    }
    await redis.flushall();

    // Round trips, everything included: the bot connected through a counting proxy.
    const proxyPort = await freePort();
    const proxy = countingProxy(redisPort, proxyPort);
    const counted = await startBot(`redis://127.0.0.1:${proxyPort}`);
    let roundTripsPerMessage: number;
    try {
      const { crowd, close } = crowdFor([counted.base], 200);
      await crowd.closed(10, 2);
      const before = proxy.count();
      const phase = await crowd.closed(10, 5);
      await new Promise((resolve) => setTimeout(resolve, 1000));
      roundTripsPerMessage = Math.round(((proxy.count() - before) / phase.handled) * 10) / 10;
      await close();
      say(`bot: ${roundTripsPerMessage} Redis round trips per message, everything included`);
    } finally {
      await stop(counted);
      proxy.server.close();
    }
    await redis.flushall();

    // Memory: customers with a conversation open (one message in), then the same conversations walked
    // to a case closed by the customer ("fixed, thanks").
    const memoryBot = await startBot();
    let memory: HttpFigures['memory'];
    try {
      const people = 1000;
      const { crowd, close } = crowdFor([memoryBot.base], people, 'resolve');
      const empty = await usedMemory(redis);
      await crowd.firstMessages(CONNECTIONS);
      await new Promise((resolve) => setTimeout(resolve, 1500));
      const open = await usedMemory(redis);
      await crowd.finishAll(CONNECTIONS);
      await new Promise((resolve) => setTimeout(resolve, 1500));
      const closed = await usedMemory(redis);
      const logs = await redis.keys('bench:{c:*}:log');
      const lengths = await Promise.all(logs.slice(0, 50).map((key) => redis.llen(key)));
      memory = {
        openConversation: Math.round((open - empty) / people),
        closedCase: Math.round((closed - empty) / people),
        transcriptEntries: Math.round(lengths.reduce((a, b) => a + b, 0) / Math.max(1, lengths.length)),
      };
      await close();
      say(
        `bot: memory per open conversation ${memory.openConversation} B, per closed case ${memory.closedCase} B`,
      );
    } finally {
      await stop(memoryBot);
    }
    return { baseline, bot, twoProcesses, roundTripsPerMessage, memory, fixedRate: FIXED_RATE };
  } finally {
    clearInterval(history);
    await standIn.close();
    redis.disconnect();
    redisServer.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  }
}
