/**
 * `npm run flows:test [-- FILE|DIR…]`: runs flow tests (default: every `flows/tests/*.yaml`) against the
 * Redis in REDIS_URL, each on its own random key prefix that is deleted afterwards. Prints one line per
 * transcript and a summary; exit 1 if any transcript fails or cannot be read (or the flow files are
 * invalid), 2 on a set-up problem (bad options, Redis unreachable).
 *
 *   --keep-keys      leave each run's keys in Redis (the prefix is printed) to look at them
 *   --concurrency N  transcripts run at once (default 4)
 */
import { parseArgs } from 'node:util';
import { Redis } from 'ioredis';
import { loadConfig, loadDotEnv } from '../config.js';
import { loadContent } from '../content.js';
import { FlowFilesInvalidError } from '../flows/yaml-file.js';
import { redisTarget } from '../redis/connect.js';
import { findTranscripts, type LoadedTranscript, loadTranscript } from './flow-tests/load.js';
import { formatFailure, runTranscript, type TranscriptResult } from './flow-tests/runner.js';

const DEFAULT_DIR = 'flows/tests';

function fail(message: string): never {
  process.stderr.write(`flows:test: ${message}\n`);
  process.exit(2);
}

/** Fails fast with the URL when Redis is not there (the runtime's client would retry for ever). */
async function checkRedis(url: string): Promise<void> {
  const probe = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  probe.on('error', () => undefined);
  try {
    await probe.connect();
    await probe.ping();
  } catch (error) {
    fail(
      `cannot reach Redis at ${url} (${error instanceof Error ? error.message : String(error)}); set REDIS_URL`,
    );
  } finally {
    probe.disconnect();
  }
}

/** Runs `work` over `items` with at most `limit` at once; results keep the items' order. */
async function pool<T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T, n: number) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const n = next++;
      results[n] = await work(items[n]!, n);
    }
  });
  await Promise.all(lanes);
  return results;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

function printResult(result: TranscriptResult, keepKeys: boolean): void {
  const mark = result.passed ? '✓' : '✗';
  const kept = keepKeys ? ` [keys: ${result.prefix}:*]` : '';
  process.stdout.write(
    `${mark} ${result.name} (${result.file}, ${plural(result.stepsTotal, 'step')}, ${result.durationMs} ms)${kept}\n`,
  );
  for (const failure of result.failures) process.stdout.write(`    ${formatFailure(failure)}\n`);
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    options: {
      'keep-keys': { type: 'boolean', default: false },
      concurrency: { type: 'string', default: '4' },
    },
    allowPositionals: true,
  });
  const concurrency = Number(values.concurrency);
  if (!Number.isInteger(concurrency) || concurrency < 1) fail('--concurrency must be a whole number ≥ 1');
  const keepKeys = values['keep-keys'] ?? false;

  loadDotEnv();
  const config = loadConfig();
  const content = loadContent(config.FLOWS_DIR);
  const files = findTranscripts(positionals.length > 0 ? positionals : [DEFAULT_DIR]);
  if (files.length === 0) fail(`no transcripts found in ${positionals.join(' ') || DEFAULT_DIR}`);

  const runnable: LoadedTranscript[] = [];
  let unreadable = 0;
  for (const file of files) {
    const load = loadTranscript(file);
    if (load.ok) {
      runnable.push(load.loaded);
      continue;
    }
    unreadable++;
    process.stdout.write(`✗ ${load.file}: not a valid transcript\n`);
    for (const problem of load.problems) process.stdout.write(`    ${problem}\n`);
  }
  // A cluster or Sentinel is probed by its own client as the runtime connects.
  if (runnable.length > 0 && redisTarget(config).kind === 'single') await checkRedis(config.REDIS_URL);

  const started = performance.now();
  // Lines come out in file order even though transcripts run side by side.
  let printed = 0;
  const done: Array<TranscriptResult | undefined> = [];
  const results = await pool(runnable, concurrency, async (loaded, n) => {
    const result = await runTranscript(loaded, { config, content, keepKeys });
    done[n] = result;
    while (done[printed]) printResult(done[printed++]!, keepKeys);
    return result;
  });

  const failed = results.filter((result) => !result.passed).length;
  const steps = results.reduce((sum, result) => sum + result.stepsTotal, 0);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const parts = [`${results.length - failed} passed`, `${failed} failed`];
  if (unreadable > 0) parts.push(`${unreadable} unreadable`);
  process.stdout.write(
    `\n${parts.join(', ')} — ${plural(results.length, 'transcript')}, ${plural(steps, 'step')} in ${seconds} s\n`,
  );
  process.exitCode = failed > 0 || unreadable > 0 ? 1 : 0;
}

main().catch((error: unknown) => {
  // Broken flow files are a failure of what is under test (exit 1), not of the set-up (exit 2).
  if (error instanceof FlowFilesInvalidError) {
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
  process.stderr.write(
    `flows:test: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(2);
});
