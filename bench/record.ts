/**
 * The record's cost (part of `npm run bench`, or `npm run bench:record`): the desk at saturation with
 * the record streams off, and with them on and the recorder running in the same process (as in a
 * worker), alternated three times on one private Redis and one private PostgreSQL, so a busy machine
 * weighs on both alike. Reported: messages per second (median of each), CPU per message of the app and
 * of PostgreSQL, and the recorder's lag (commit → row) while the desk is saturated.
 *
 * Targets: throughput with the record ≥ 90 % of without; lag p99 ≤ 1 s.
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { type ManualClock, manualClock } from '../src/clock.js';
import { loadConfig } from '../src/config.js';
import { silentLogger } from '../src/logger.js';
import { createMetrics } from '../src/metrics.js';
import { openRecord } from '../src/record/open.js';
import { Recorder } from '../src/record/recorder.js';
import { createRuntime, type Runtime } from '../src/runtime.js';
import { PrivatePostgres } from '../test/support/private-postgres.js';
import type { Buckets } from './http/record.js';
import { lagPercentile, recordCaughtUp } from './http/record.js';
import { freePort, until } from './support.js';

const CUSTOMERS = Number(process.env.BENCH_RECORD_CUSTOMERS ?? 400);
const CONCURRENCY = 50;
const SCRIPT = ['我的打印机一直卡纸', 'HP LaserJet', '序列号 CNB7REC123', '去年三月买的', '没有摔过'];

export interface RecordFigures {
  rows: Array<[string, string, string]>;
}

/** CPU (ms) of every process of a PostgreSQL server: the postmaster and its children. */
function postgresCpuMs(postmaster: number | undefined): number {
  const pids = postmaster ? [String(postmaster)] : [];
  const children = pids.flatMap((pid) => {
    try {
      return execFileSync('pgrep', ['-P', pid], { encoding: 'utf8' }).split('\n').filter(Boolean);
    } catch {
      return [];
    }
  });
  let total = 0;
  for (const pid of [...pids, ...children]) {
    try {
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
      total += ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
    } catch {
      // gone meanwhile
    }
  }
  return total;
}

const appCpuMs = () => {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
};

function bucketsOf(metrics: ReturnType<typeof createMetrics>): Promise<Buckets> {
  return metrics.recordLagSeconds.get().then((got) => {
    const buckets: Buckets = new Map();
    for (const value of got.values) {
      if (value.metricName !== 'support_record_lag_seconds_bucket') continue;
      const le = value.labels.le;
      buckets.set(le === '+Inf' ? Number.POSITIVE_INFINITY : Number(le), value.value);
    }
    return buckets;
  });
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

interface Lab {
  probe: Redis;
  postgres: PrivatePostgres;
  on: Runtime;
  off: Runtime;
  recorder: Recorder;
  metrics: ReturnType<typeof createMetrics>;
  clock: ManualClock;
  close(): Promise<void>;
}

/** One Redis and one PostgreSQL of the bench's own; two runtimes, record off and on, and a recorder. */
async function openLab(): Promise<Lab> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-record-'));
  const redisPort = await freePort();
  const redisArgs = ['--port', String(redisPort), '--save', '', '--appendonly', 'no', '--dir', dir];
  const redisServer = spawn('redis-server', redisArgs, { stdio: 'ignore' });
  const redisUrl = `redis://127.0.0.1:${redisPort}`;
  const probe = new Redis(redisUrl);
  probe.on('error', () => undefined);
  await until(async () => (await probe.ping()) === 'PONG', 10_000);
  const postgres = new PrivatePostgres(await freePort());
  await postgres.start();
  const record = openRecord({ url: postgres.url, description: 'bench' }, { logger: silentLogger });
  await record.ready;
  const metrics = createMetrics();
  const clock = manualClock('2026-11-26T10:00:00+08:00');
  const runtimeFor = (prefix: string, recordStreams: boolean) =>
    createRuntime(loadConfig({ REDIS_URL: redisUrl, REDIS_KEY_PREFIX: prefix, LOG_LEVEL: 'silent' }), {
      clock,
      record,
      recordStreams,
    });
  const off = runtimeFor('bench-off', false);
  const on = runtimeFor('bench-on', true);
  const { redis, desk } = on;
  const recorder = new Recorder({
    redis,
    keys: desk.inbox.keys,
    db: record.db,
    logger: silentLogger,
    metrics,
  });
  recorder.start();
  return {
    ...{ probe, postgres, on, off, recorder, metrics, clock },
    async close() {
      await recorder.stop();
      await on.close();
      await off.close();
      await record.close();
      await postgres.close();
      probe.disconnect();
      redisServer.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

let batch = 0;

/** CUSTOMERS customers walking the script, CONCURRENCY at once; returns how many messages were sent. */
async function drive(runtime: Runtime, clock: ManualClock): Promise<number> {
  batch++;
  let next = 0;
  let sent = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < CUSTOMERS) {
        const who = `b${batch}-${next++}`;
        for (const text of SCRIPT) {
          const message = { channel: 'chat' as const, providerMessageId: `${who}-${sent}`, from: who, text };
          await runtime.desk.receive({ ...message, receivedAt: clock.now(), inline: true });
          sent++;
        }
      }
    }),
  );
  return sent;
}

interface Rounds {
  off: number[];
  on: number[];
  appOff: number[];
  appOn: number[];
  pg: number[];
}

/** Three rounds of record off then on; "on" counts until the record has caught up. */
async function alternate(lab: Lab, say: (line: string) => void): Promise<Rounds> {
  const results: Rounds = { off: [], on: [], appOff: [], appOn: [], pg: [] };
  for (let round = 1; round <= 3; round++) {
    for (const name of ['off', 'on'] as const) {
      const started = performance.now();
      const cpu = appCpuMs();
      const pg = postgresCpuMs(lab.postgres.pid);
      const sent = await drive(lab[name], lab.clock);
      if (name === 'on') await recordCaughtUp(lab.probe, 'bench-on');
      const seconds = (performance.now() - started) / 1000;
      results[name].push(sent / seconds);
      (name === 'on' ? results.appOn : results.appOff).push((appCpuMs() - cpu) / sent);
      if (name === 'on') results.pg.push((postgresCpuMs(lab.postgres.pid) - pg) / sent);
      say(`record: round ${round}, record ${name}: ${(sent / seconds).toFixed(0)} messages/s`);
    }
  }
  return results;
}

function rowsOf(results: Rounds, before: Buckets, after: Buckets): RecordFigures['rows'] {
  const ratio = median(results.on) / median(results.off);
  const lag = `${lagPercentile(before, after, 50)} / ${lagPercentile(before, after, 99)}`;
  const cpu = `${median(results.appOff).toFixed(2)} / ${median(results.appOn).toFixed(2)}`;
  return [
    [
      `messages/s, ${CONCURRENCY} customers at once, record off (median of 3)`,
      median(results.off).toFixed(0),
      '',
    ],
    ['messages/s, record on, recorded to the end (median of 3)', median(results.on).toFixed(0), ''],
    ['throughput with the record / without', ratio.toFixed(2), '≥ 0.90'],
    ['app CPU per message, record off / on (ms)', cpu, ''],
    ['PostgreSQL CPU per message (ms)', median(results.pg).toFixed(2), ''],
    ['recorder lag p50 / p99 at saturation (ms)', lag, 'p99 ≤ 1,000'],
  ];
}

export async function recordBench(say: (line: string) => void): Promise<RecordFigures> {
  const lab = await openLab();
  try {
    say('record: warming up');
    await drive(lab.off, lab.clock);
    await drive(lab.on, lab.clock);
    await recordCaughtUp(lab.probe, 'bench-on');
    const before = await bucketsOf(lab.metrics);
    const results = await alternate(lab, say);
    return { rows: rowsOf(results, before, await bucketsOf(lab.metrics)) };
  } finally {
    await lab.close();
  }
}
