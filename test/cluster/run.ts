/**
 * `npm run test:cluster`: starts a local 3-master Redis Cluster, runs the cluster suite
 * (vitest.cluster.config.ts) against it through the real runtime, stops the cluster and prints one
 * closing line, "N passed, M failed". Exit code 0 only when everything passed.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLocalCluster } from './local-cluster.js';

interface VitestJson {
  numPassedTests: number;
  numFailedTests: number;
  numTotalTestSuites: number;
  success: boolean;
}

async function main(): Promise<number> {
  const started = Date.now();
  const cluster = await startLocalCluster(3);
  process.stdout.write(`redis cluster up: ${cluster.ports.map((port) => `127.0.0.1:${port}`).join(' ')}\n`);
  const stopOnSignal = () => {
    cluster.stop().finally(() => process.exit(130));
  };
  process.once('SIGINT', stopOnSignal);
  process.once('SIGTERM', stopOnSignal);
  const out = mkdtempSync(join(tmpdir(), 'support-bot-cluster-report-'));
  const report = join(out, 'report.json');
  try {
    const code = await new Promise<number>((resolve) => {
      const child = spawn(
        'npx',
        [
          'vitest',
          'run',
          '--config',
          'vitest.cluster.config.ts',
          '--reporter=default',
          '--reporter=json',
          `--outputFile.json=${report}`,
        ],
        { stdio: 'inherit', env: { ...process.env, CLUSTER_REDIS_URL: cluster.url } },
      );
      child.once('exit', (exitCode) => resolve(exitCode ?? 1));
    });
    let passed = 0;
    let failed = 0;
    try {
      const json = JSON.parse(readFileSync(report, 'utf8')) as VitestJson;
      passed = json.numPassedTests;
      failed = json.numFailedTests;
    } catch {
      // No report: vitest itself failed (a syntax error, a setup failure); count that as one failure.
      failed = 1;
    }
    if (code !== 0 && failed === 0) failed = 1;
    process.stdout.write(`cluster suite took ${Math.round((Date.now() - started) / 1000)} s\n`);
    process.stdout.write(`${passed} passed, ${failed} failed\n`);
    return failed === 0 ? 0 : 1;
  } finally {
    await cluster.stop();
    rmSync(out, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`test:cluster: ${error instanceof Error ? error.message : String(error)}\n`);
    process.stdout.write('0 passed, 1 failed\n');
    process.exit(1);
  },
);
