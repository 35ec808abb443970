/**
 * The flow-test runner itself: how failures are reported (file, the step's line, what differed), that
 * a run cleans up its keys, placeholders, and the loader's file:line:col errors.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { customerAddress } from '../../src/cli/flow-tests/addresses.js';
import { deletePrefixKeys, prefixPatterns } from '../../src/cli/flow-tests/cleanup.js';
import { findTranscripts, type LoadedTranscript, loadTranscript } from '../../src/cli/flow-tests/load.js';
import { formatFailure, runTranscript } from '../../src/cli/flow-tests/runner.js';
import { loadConfig } from '../../src/config.js';
import { loadContent } from '../../src/content.js';
import { testRedis, testRedisUrl, uniquePrefix } from '../support/redis.js';

const content = loadContent('flows');
let dir: string;
let redis: Redis;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'flow-tests-'));
  redis = testRedis();
});

afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  redis.disconnect();
});

function config() {
  return loadConfig({ NODE_ENV: 'test', REDIS_URL: testRedisUrl(), LOG_LEVEL: 'silent' });
}

/** Writes a transcript file and loads it; the test fails if it does not load. */
function transcript(name: string, yaml: string): LoadedTranscript {
  const file = join(dir, name);
  writeFileSync(file, yaml);
  const load = loadTranscript(file);
  if (!load.ok) throw new Error(load.problems.map(String).join('\n'));
  return load.loaded;
}

async function keysOf(prefix: string): Promise<string[]> {
  const found: string[] = [];
  for (const pattern of prefixPatterns(prefix)) found.push(...(await redis.keys(pattern)));
  return found;
}

const LAPTOP = '我的ThinkPad X1 序列号PF2ABC12 去年3月买的，开不了机';

describe('runTranscript', () => {
  it('reports a failing expectation with the file, the step line and what differed', async () => {
    const loaded = transcript(
      'wrong.yaml',
      `name: wrong on purpose
now: 2026-11-26T10:00:00+08:00
steps:
  - customer: ${LAPTOP}
    expect:
      reply_contains: 摔落
  - customer: 否
    expect:
      reply_contains: [拆开, 摔落]
      slots: {damage: true}
  - customer: 否
`,
    );
    const result = await runTranscript(loaded, { config: config(), content });
    expect(result.passed).toBe(false);
    // The run stops at the failing step: the steps after it would only fail for the same reason.
    expect(result.stepsRun).toBe(2);
    const lines = result.failures.map(formatFailure);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toBe(
      `${loaded.file}:7:5 step 2 ("否"): reply should contain "摔落" but was: 设备是否被非我司授权的人员拆开或维修过？`,
    );
    expect(lines[1]).toBe(`${loaded.file}:7:5 step 2 ("否"): slot damage should be true but was false`);
  });

  it('passes a transcript whose expectations hold, and deletes its keys afterwards', async () => {
    const loaded = transcript(
      'ok.yaml',
      `name: passes
now: 2026-11-26T10:00:00+08:00
steps:
  - customer: ${LAPTOP}
    expect:
      slots: {product: laptop, serial: PF2ABC12, purchase_date: 2025-03-01, doa: null}
      flow: fault_report
      step: damage_question
      case: {status: open, team: null, deadline_set: false}
`,
    );
    const prefix = uniquePrefix('flowtest');
    const result = await runTranscript(loaded, { config: config(), content, prefix });
    expect(result.failures.map(formatFailure)).toEqual([]);
    expect(result.passed).toBe(true);
    expect(await keysOf(prefix)).toEqual([]);
  });

  it('keeps the keys when asked, and deletePrefixKeys removes exactly them', async () => {
    const loaded = transcript(
      'escalate.yaml',
      `name: escalates
now: 2026-11-26T10:00:00+08:00
steps:
  - customer: 转人工
    expect: {case: {status: escalated, team: support, deadline: 2026-11-26T14:00:00+08:00}, escalated: true}
`,
    );
    const prefix = uniquePrefix('flowtest');
    const bystander = `${prefix}x:untouched`;
    await redis.set(bystander, '1');
    const result = await runTranscript(loaded, { config: config(), content, prefix, keepKeys: true });
    expect(result.failures.map(formatFailure)).toEqual([]);
    const kept = await keysOf(prefix);
    expect(kept.some((key) => key.startsWith(`{${prefix}:q}:`))).toBe(true);
    expect(kept.some((key) => key.startsWith(`${prefix}:`))).toBe(true);
    expect(await deletePrefixKeys(redis, prefix)).toBe(kept.length);
    expect(await keysOf(prefix)).toEqual([]);
    expect(await redis.get(bystander)).toBe('1');
    await redis.del(bystander);
  });

  it('fills {{ref}} with a customer’s case and keeps customers apart', async () => {
    const loaded = transcript(
      'refs.yaml',
      `name: refs
now: 2026-11-26T10:00:00+08:00
steps:
  - customer: 转人工
  - customer: 查询进度 {{ref}}
    expect: {reply_contains: ["{{ref}}", 技术支持组]}
  - customer: 查询进度 {{ref:customer}}
    from: other
    expect: {reply_contains: 没有找到, reply_not_contains: 技术支持组, case: null}
  - customer: 查询进度 {{ref}}
    from: other
`,
    );
    const result = await runTranscript(loaded, { config: config(), content });
    expect(result.failures.map(formatFailure)).toEqual([
      `${loaded.file}:10:5 step 4 ("查询进度 {{ref}}"): {{ref}}: other has no case yet`,
    ]);
  });

  it('runs a timer step: the follow-up goes out through the outbox and the customer answers it', async () => {
    const steps = `  - customer: ${LAPTOP}
  - customer: 否
  - customer: 否
  - customer: 是
    expect: {case: {status: resolved, followup_scheduled: true}}
  - timer: followup
    wait: {hours: 72}
    expect: {reply_contains: "回访（工单 {{ref}}）", flow: followup, case: {status: resolved}}
  - customer: '1'
    expect: {slots: {score: 1}, flow: followup}
`;
    const header = 'name: timer\nnow: 2026-11-26T10:00:00+08:00\nsteps:\n';
    const loaded = transcript('timer.yaml', header + steps);
    const result = await runTranscript(loaded, { config: config(), content });
    expect(result.failures.map(formatFailure)).toEqual([]);

    // A timer before the customer has a case is a mistake in the transcript, reported at its step.
    const early = transcript('timer-early.yaml', `${header}  - timer: followup\n${steps}`);
    const failed = await runTranscript(early, { config: config(), content });
    expect(failed.failures.map(formatFailure)).toEqual([
      `${early.file}:4:5 step 1 (timer followup): timer followup: customer has no case yet`,
    ]);
  });

  it('compares deadlines as instants and shows the actual one in the transcript’s offset', async () => {
    const loaded = transcript(
      'deadline.yaml',
      `name: deadline
now: 2026-11-27T17:30:00+08:00
steps:
  - customer: agent
    expect: {case: {deadline: 2026-11-30T04:30:00Z}}
  - customer: agent
    wait: {minutes: 5}
    expect: {case: {deadline: 2026-11-30T13:00:00+08:00}}
`,
    );
    const result = await runTranscript(loaded, { config: config(), content });
    expect(result.failures.map((failure) => failure.message)).toEqual([
      'case deadline should be 2026-11-30T13:00:00+08:00 but was 2026-11-30T12:30:00+08:00',
    ]);
  });
});

describe('loadTranscript', () => {
  it('reports every problem as file:line:col, with a hint for a mistyped key', () => {
    const file = join(dir, 'invalid.yaml');
    writeFileSync(
      file,
      `name: invalid
now: 2026-11-26 10:00
steps:
  - customer: hi
    expect:
      reply_contain: [x]
  - expect: {flow: welcome}
`,
    );
    const load = loadTranscript(file);
    expect(load.ok).toBe(false);
    const problems = load.ok ? [] : load.problems.map(String);
    expect(problems[0]).toMatch(new RegExp(`^${file}:2:6 now: must be a date-time with its UTC offset`));
    expect(problems[1]).toMatch(
      new RegExp(
        `^${file}:6:7 steps\\.0\\.expect: unknown key "reply_contain": did you mean reply_contains\\?`,
      ),
    );
    expect(problems[2]).toMatch(new RegExp(`^${file}:7:5 steps\\.1\\.customer: is missing`));
    expect(problems).toHaveLength(3);
  });

  it('reads YAML numbers and empty values as the customer’s text', () => {
    const loaded = transcript(
      'numbers.yaml',
      `name: numbers
now: 2026-11-26T10:00:00+08:00
channel: voice
steps:
  - customer: 0
  - customer: ""
  - customer:
`,
    );
    expect(loaded.transcript.steps.map((step) => step.customer)).toEqual(['0', '', '']);
  });
});

describe('findTranscripts', () => {
  it('takes a folder’s *.yaml in name order, without sub-folders such as pending/', () => {
    const folder = join(dir, 'suite');
    mkdirSync(join(folder, 'pending'), { recursive: true });
    for (const name of ['b.yaml', 'a.yaml', 'README.md', 'pending/c.yaml'])
      writeFileSync(join(folder, name), '');
    expect(findTranscripts([folder])).toEqual([join(folder, 'a.yaml'), join(folder, 'b.yaml')]);
    expect(findTranscripts([join(folder, 'pending/c.yaml')])).toEqual([join(folder, 'pending/c.yaml')]);
  });
});

describe('customerAddress', () => {
  it('gives each transcript and name its own address; SMS and voice share the phone number', () => {
    const a = customerAddress('chat', 'flows/tests/a.yaml', 'customer');
    expect(customerAddress('chat', 'flows/tests/b.yaml', 'customer')).not.toBe(a);
    expect(customerAddress('chat', 'flows/tests/a.yaml', 'other')).not.toBe(a);
    expect(customerAddress('chat', 'flows/tests/a.yaml', 'customer')).toBe(a);
    const phone = customerAddress('sms', 'flows/tests/a.yaml', 'customer');
    expect(phone).toMatch(/^\+86139\d{8}$/);
    expect(customerAddress('voice', 'flows/tests/a.yaml', 'customer')).toBe(phone);
    expect(customerAddress('email', 'flows/tests/a.yaml', 'customer')).toMatch(/^customer\.[0-9a-f]{10}@/);
  });
});
