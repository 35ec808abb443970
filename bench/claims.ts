/**
 * Staff side of `npm run bench`: how long "take next case" takes with 10 to 10,000 cases waiting, and
 * how soon an escalated case can be seen in the team's queue. Real cases, made by customers asking for
 * a person through the desk, on a private redis-server.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { manualClock } from '../src/clock.js';
import { loadConfig } from '../src/config.js';
import type { InboundMessage } from '../src/port/messages.js';
import { createRuntime } from '../src/runtime.js';
import { freePort, percentile, until } from './support.js';

export interface ClaimFigures {
  /** Waiting cases → claim latency p50 / p95 in ms. */
  claim: Array<{ waiting: number; p50: number; p95: number }>;
  /** From the escalating message's turn being done to the case being listed in the team's queue. */
  visible: { p50: number; p95: number };
}

const LEVELS = [10, 100, 1000, 10_000];
const CLAIMS_PER_LEVEL = 20;

/** A percentile in ms, to two decimals. */
const ms = (values: number[], p: number) => Math.round(percentile(values, p) * 100) / 100;

export async function claimBench(say: (line: string) => void): Promise<ClaimFigures> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-claims-'));
  const port = await freePort();
  const server = spawn('redis-server', ['--port', String(port), '--save', '', '--dir', dir], {
    stdio: 'ignore',
  });
  const config = loadConfig({
    REDIS_URL: `redis://127.0.0.1:${port}`,
    REDIS_KEY_PREFIX: 'claims',
    LOG_LEVEL: 'silent',
  });
  const clock = manualClock('2026-11-26T10:00:00+08:00');
  const runtime = createRuntime(config, { clock });
  const staff = { name: 'bench-agent', role: 'agent' as const };
  let customers = 0;
  const askForPerson = (): InboundMessage => {
    const n = customers++;
    return {
      channel: 'sms',
      providerMessageId: `claims-${n}`,
      from: `+1415${String(2_000_000 + n).padStart(7, '0')}`,
      text: n % 2 ? 'I want to speak with a person' : '我要转人工',
      receivedAt: clock.now(),
    };
  };
  const waiting = async () => {
    const counts = await runtime.queues.escalations('support').getJobCounts('wait', 'prioritized');
    return (counts.wait ?? 0) + (counts.prioritized ?? 0);
  };
  try {
    await until(async () => (await runtime.redis.ping()) === 'PONG', 10_000);
    // Escalation to visible: the case is in the queue once the turn that escalated it is done.
    const visible: number[] = [];
    for (let i = 0; i < 50; i++) {
      const message = askForPerson();
      const result = await runtime.desk.receive(message);
      const done = performance.now();
      const ref = result.case?.ref;
      while (!(await runtime.claimer.waiting('support')).some((job) => job.ref === ref)) {
        await new Promise((resolve) => setTimeout(resolve, 1));
      }
      visible.push(performance.now() - done);
    }
    const claim: ClaimFigures['claim'] = [];
    for (const level of LEVELS) {
      let have = await waiting();
      if (have < level) say(`  claims: ${level} cases waiting (making ${level - have} cases)`);
      while (have < level) {
        const batch = Math.min(50, level - have);
        await Promise.all(Array.from({ length: batch }, () => runtime.desk.receive(askForPerson())));
        have += batch;
      }
      const took: number[] = [];
      for (let i = 0; i < CLAIMS_PER_LEVEL; i++) {
        const started = performance.now();
        const view = await runtime.claimer.next('support', staff);
        took.push(performance.now() - started);
        if (!view) throw new Error('no case to claim');
      }
      claim.push({ waiting: level, p50: ms(took, 50), p95: ms(took, 95) });
    }
    return { claim, visible: { p50: ms(visible, 50), p95: ms(visible, 95) } };
  } finally {
    await runtime.close();
    server.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  }
}
