/**
 * The desk alone (part of `npm run bench`, or `npm run bench:desk`): how much one customer message
 * costs inside the process. Starts a private redis-server behind a TCP proxy that counts round trips
 * (a burst of client writes answered by the server), then drives real conversations through the desk.
 *
 * Targets (checked here, not in unit tests):
 *   - a mid-flow answer (the common path) costs at most 3 Redis round trips;
 *   - p95 turn latency under 25 ms for one customer at a time (2-core machine);
 *   - throughput with 50 customers writing at once is reported (one process; add processes to scale);
 *   - soak: the process's heap after SOAK_MESSAGES (50,000) messages is within 8 MB of its heap after
 *     the first 5,000 (no leak per message; run with --expose-gc, as `npm run bench` does).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { manualClock } from '../src/clock.js';
import { loadConfig } from '../src/config.js';
import type { InboundMessage } from '../src/port/messages.js';
import { createRuntime } from '../src/runtime.js';
import { countingProxy, freePort, percentile, turnFigures } from './support.js';

export interface DeskFigures {
  rows: Array<[string, string, string]>;
  ok: boolean;
}

/** A customer message as the desk gets it: chat, answered inline, or SMS, its reply queued. */
type Say = (from: string, text: string, channel?: 'chat' | 'sms') => InboundMessage;

/** The runtime under test: a private redis-server behind the round-trip counting proxy. */
async function benchRuntime() {
  const dir = mkdtempSync(join(tmpdir(), 'bench-redis-'));
  const redisPort = await freePort();
  const redis = spawn(
    'redis-server',
    ['--port', String(redisPort), '--save', '', '--appendonly', 'no', '--dir', dir],
    { stdio: 'ignore' },
  );
  await new Promise((resolve) => setTimeout(resolve, 300));
  const proxyPort = await freePort();
  const proxy = countingProxy(redisPort, proxyPort);
  const config = loadConfig({
    REDIS_URL: `redis://127.0.0.1:${proxyPort}`,
    REDIS_KEY_PREFIX: 'bench',
    LOG_LEVEL: 'silent',
  });
  const clock = manualClock('2026-11-26T10:00:00+08:00');
  const runtime = createRuntime(config, { clock });
  let n = 0;
  const message: Say = (from, text, channel = 'chat') => ({
    channel,
    providerMessageId: `bench-${++n}`,
    from,
    text,
    receivedAt: clock.now(),
    inline: channel === 'chat',
  });
  const close = async () => {
    await runtime.close();
    proxy.server.close();
    redis.kill();
    rmSync(dir, { recursive: true, force: true });
  };
  return { runtime, proxy, message, close };
}

type Bench = Awaited<ReturnType<typeof benchRuntime>>;

/** Redis round trips per answer in a running flow, for `customers` customers one after another. */
async function roundTripsPerAnswer(
  bench: Bench,
  customers: number,
  channel: 'chat' | 'sms',
): Promise<number> {
  const { runtime, proxy, message } = bench;
  const from = (c: number) => (channel === 'chat' ? `rt-${c}` : `+1415${String(3_000_000 + c)}`);
  const opening = channel === 'chat' ? '我的ThinkPad开不了机' : 'my laptop will not turn on';
  for (let c = 0; c < customers; c++) await runtime.desk.receive(message(from(c), opening, channel));
  const before = proxy.count();
  for (let c = 0; c < customers; c++) {
    await runtime.desk.receive(message(from(c), 'PF2ABC12', channel));
    // Let work the turn left running in the background finish, so it is counted with its message.
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return (proxy.count() - before) / customers;
}

/** Many customers one after another, `customers` at a time: the heap must not grow with messages. */
async function soak(bench: Bench, script: string[], customers: number, say: (line: string) => void) {
  const { runtime, message } = bench;
  const soakTotal = Number(process.env.SOAK_MESSAGES ?? 50_000);
  const heapNow = () => {
    (globalThis as { gc?: () => void }).gc?.();
    return process.memoryUsage().heapUsed / 2 ** 20;
  };
  let soaked = 0;
  let heapAt5k = 0;
  let next = 0;
  const soakStarted = performance.now();
  say(`desk: soak, ${soakTotal} messages`);
  await Promise.all(
    Array.from({ length: customers }, async () => {
      while (soaked < soakTotal) {
        const who = `soak-${next++}`;
        for (const text of script) {
          await runtime.desk.receive(message(who, text));
          soaked++;
          if (soaked === 5_000) heapAt5k = heapNow();
          if (soaked % 10_000 === 0) say(`  desk soak: ${soaked} messages`);
        }
      }
    }),
  );
  await new Promise((resolve) => setTimeout(resolve, 1000));
  const heapAtEnd = heapNow();
  say(`  desk soak: ${((performance.now() - soakStarted) / 1000).toFixed(0)} s`);
  return { soaked, heapAt5k, heapAtEnd, growth: heapAtEnd - heapAt5k };
}

export async function deskBench(say: (line: string) => void): Promise<DeskFigures> {
  const bench = await benchRuntime();
  const { runtime, message } = bench;
  try {
    // Warm up: scripts loaded, connections open, code paths JIT-compiled.
    await runtime.desk.receive(message('warm', '我的打印机卡纸了'));
    await runtime.desk.receive(message('warm', 'CNB1234567'));

    // 1. Round trips of the common path: answering a question in a running flow; the same answer by
    // SMS, whose reply goes to the outbox too (one more round trip, shared with none).
    const customers = 50;
    const perAnswer = await roundTripsPerAnswer(bench, customers, 'chat');
    const perSmsAnswer = await roundTripsPerAnswer(bench, customers, 'sms');

    // 2. Latency of one turn, one customer at a time; 3. throughput with many customers at once.
    const script = ['my laptop will not turn on', 'PF2ABC12', '2026-10-01', 'no', 'no'];
    const { sequential, perSecond } = await turnFigures(
      (from, text) => runtime.desk.receive(message(from, text)),
      script,
      customers,
    );

    // 4. Soak: the heap must not grow with messages.
    const { soaked, heapAt5k, heapAtEnd, growth } = await soak(bench, script, customers, say);

    const rows: DeskFigures['rows'] = [
      ['Redis round trips per mid-flow answer (chat)', perAnswer.toFixed(2), '≤ 3'],
      ['… the same answer by SMS, its reply queued', perSmsAnswer.toFixed(2), '≤ 3'],
      ['turn latency p50 (ms), one customer at a time', percentile(sequential, 50).toFixed(1), ''],
      ['turn latency p95 (ms), one customer at a time', percentile(sequential, 95).toFixed(1), '< 25'],
      [`messages per second, ${customers} customers at once`, perSecond.toFixed(0), ''],
      ['heap after 5,000 soak messages (MB)', heapAt5k.toFixed(1), ''],
      [`heap after ${soaked} soak messages (MB)`, heapAtEnd.toFixed(1), ''],
      ['heap growth over the soak (MB)', growth.toFixed(1), '≤ 8'],
    ];
    const ok = perAnswer <= 3 && perSmsAnswer <= 3 && percentile(sequential, 95) < 25 && growth <= 8;
    return { rows, ok };
  } finally {
    await bench.close();
  }
}
