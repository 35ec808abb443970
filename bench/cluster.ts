/**
 * `npm run bench:cluster`: what a message costs on a Redis Cluster next to one Redis. Starts a local
 * 3-master cluster (test/cluster/local-cluster.ts), then a single redis-server, and drives the same
 * conversations as `npm run bench` through the desk on each, with no proxy in between: turn latency one
 * customer at a time, and messages per second with 50 customers writing at once. Loopback and one app
 * process: it shows what the cluster client adds per turn, not what a real cluster holds.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { manualClock } from '../src/clock.js';
import { loadConfig } from '../src/config.js';
import type { InboundMessage } from '../src/port/messages.js';
import { createRuntime } from '../src/runtime.js';
import { startLocalCluster } from '../test/cluster/local-cluster.js';
import { freePort, percentile, turnFigures } from './support.js';

/** One redis-server on loopback, persistence off, as the cluster's nodes run. */
async function startSingle(): Promise<{ url: string; stop(): Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-single-'));
  const port = await freePort();
  const child = spawn(
    'redis-server',
    ['--port', String(port), '--save', '', '--appendonly', 'no', '--dir', dir],
    {
      stdio: 'ignore',
    },
  );
  await new Promise((resolve) => setTimeout(resolve, 300));
  return {
    url: `redis://127.0.0.1:${port}`,
    async stop() {
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function measure(url: string): Promise<string[]> {
  const config = loadConfig({ REDIS_URL: url, REDIS_KEY_PREFIX: 'bench', LOG_LEVEL: 'silent' });
  const clock = manualClock('2026-11-26T10:00:00+08:00');
  const runtime = createRuntime(config, { clock });
  let n = 0;
  const message = (from: string, text: string): InboundMessage => ({
    channel: 'chat',
    providerMessageId: `bench-${++n}`,
    from,
    text,
    receivedAt: clock.now(),
    inline: true,
  });
  try {
    await runtime.desk.receive(message('warm', '我的打印机卡纸了'));
    await runtime.desk.receive(message('warm', 'CNB1234567'));
    const script = ['my laptop will not turn on', 'PF2ABC12', '2026-10-01', 'no', 'no'];
    const { sequential, perSecond } = await turnFigures(
      (from, text) => runtime.desk.receive(message(from, text)),
      script,
      50,
    );
    return [
      percentile(sequential, 50).toFixed(1),
      percentile(sequential, 95).toFixed(1),
      perSecond.toFixed(0),
    ];
  } finally {
    await runtime.close();
  }
}

async function main(): Promise<void> {
  const cluster = await startLocalCluster(3);
  const onCluster = await measure(cluster.url).finally(() => cluster.stop());
  const single = await startSingle();
  const onSingle = await measure(single.url).finally(() => single.stop());
  const names = [
    'turn latency p50 (ms), one customer at a time',
    'turn latency p95 (ms), one customer at a time',
    'messages per second, 50 customers at once',
  ];
  console.log(`${'one app process, loopback'.padEnd(48)} ${'cluster'.padStart(8)} ${'single'.padStart(8)}`);
  names.forEach((name, n) => {
    console.log(`${name.padEnd(48)} ${onCluster[n]!.padStart(8)} ${onSingle[n]!.padStart(8)}`);
  });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
