import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../src/clock.js';
import { createStaffAccounts } from '../../src/staff/accounts.js';
import { runStaffCli } from '../../src/staff/cli.js';
import { testRedis, testRedisUrl, uniquePrefix } from '../support/redis.js';

const redis = testRedis();
afterAll(() => redis.quit());

function cli(prefix: string) {
  const env = { REDIS_URL: testRedisUrl(), REDIS_KEY_PREFIX: prefix, LOG_LEVEL: 'silent' };
  return async (...argv: string[]) => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runStaffCli(argv, { env, out: (t) => out.push(t), err: (t) => err.push(t) });
    return { code, out: out.join('\n'), err: err.join('\n') };
  };
}

describe('staff CLI: accounts', () => {
  it('add --json prints exactly one object with name, role, teams, password and token', async () => {
    const prefix = uniquePrefix('cli');
    const run = cli(prefix);
    const result = await run('add', 'alice', '--role', 'agent', '--team', 'support,onsite', '--json');
    expect(result.code).toBe(0);
    const printed = JSON.parse(result.out);
    expect(Object.keys(printed).sort()).toEqual(['name', 'password', 'role', 'teams', 'token']);
    expect(printed).toMatchObject({ name: 'alice', role: 'agent', teams: ['support', 'onsite'] });
    // The printed token works.
    const accounts = createStaffAccounts(redis, prefix, systemClock);
    expect((await accounts.authenticate(printed.token))?.name).toBe('alice');
    expect((await accounts.verifyPassword('alice', printed.password))?.name).toBe('alice');
  });

  it('list shows accounts without secrets; disable, enable and token rotation', async () => {
    const prefix = uniquePrefix('cli');
    const run = cli(prefix);
    const added = JSON.parse(
      (await run('add', 'bob', '--role', 'supervisor', '--team', 'supervisor', '--json')).out,
    );
    const listed = await run('list', '--json');
    expect(JSON.parse(listed.out)).toEqual([
      expect.objectContaining({ name: 'bob', role: 'supervisor', teams: ['supervisor'], disabled: false }),
    ]);
    expect(listed.out).not.toContain(added.token);
    expect(listed.out).not.toContain(added.password);
    expect(listed.out).not.toMatch(/scrypt/);

    expect((await run('disable', 'bob')).out).toBe('bob is disabled');
    expect((await run('enable', 'bob', '--json')).out).toContain('"disabled":false');
    const rotated = JSON.parse((await run('token', 'bob', '--json')).out);
    const accounts = createStaffAccounts(redis, prefix, systemClock);
    expect(await accounts.authenticate(added.token)).toBeNull();
    expect((await accounts.authenticate(rotated.token))?.name).toBe('bob');
  });

  it('password issues a new console password; set changes role and teams', async () => {
    const prefix = uniquePrefix('cli');
    const run = cli(prefix);
    const added = JSON.parse((await run('add', 'cai', '--role', 'agent', '--team', 'support', '--json')).out);
    const reset = JSON.parse((await run('password', 'cai', '--json')).out);
    expect(reset.password).not.toBe(added.password);
    const accounts = createStaffAccounts(redis, prefix, systemClock);
    expect(await accounts.verifyPassword('cai', added.password)).toBeNull();
    expect((await accounts.verifyPassword('cai', reset.password))?.name).toBe('cai');
    // The API token is untouched by a password reset.
    expect((await accounts.authenticate(added.token))?.name).toBe('cai');

    const set = await run('set', 'cai', '--role', 'engineer', '--team', 'onsite,support', '--json');
    expect(JSON.parse(set.out)).toMatchObject({ role: 'engineer', teams: ['onsite', 'support'] });
    const named = await run('set', 'cai', '--display', '蔡工', '--json');
    expect(JSON.parse(named.out)).toMatchObject({ displayName: '蔡工', role: 'engineer' });
    expect((await run('set', 'cai')).code).toBe(2);
    expect((await run('set', 'cai', '--role', 'boss')).code).toBe(2);
    expect((await run('password', 'nobody')).code).toBe(1);
  });
});

describe('staff CLI: errors, and as a program', () => {
  it('usage errors exit 2, refusals exit 1 with the error code', async () => {
    const run = cli(uniquePrefix('cli'));
    expect((await run()).code).toBe(2);
    expect((await run('add', 'x', '--role', 'boss', '--team', 'support')).err).toContain(
      '--role must be one of',
    );
    expect((await run('add', 'x', '--role', 'agent')).code).toBe(2);
    expect((await run('add', 'Has Space', '--role', 'agent', '--team', 'support')).code).toBe(2);
    expect((await run('frobnicate')).code).toBe(2);
    await run('add', 'dup', '--role', 'agent', '--team', 'support');
    const again = await run('add', 'dup', '--role', 'agent', '--team', 'support');
    expect(again.code).toBe(1);
    expect(again.err).toContain('SUPPORT_ERR_STAFF_EXISTS');
    expect((await run('disable', 'ghost')).err).toContain('SUPPORT_ERR_STAFF_NOT_FOUND');
  });

  it('runs as a program: stdout is one JSON line', async () => {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [
        '--import',
        'tsx',
        'src/cli/staff.ts',
        'add',
        'dora',
        '--role',
        'engineer',
        '--team',
        'onsite',
        '--json',
      ],
      { env: { ...process.env, REDIS_URL: testRedisUrl(), REDIS_KEY_PREFIX: uniquePrefix('cli') } },
    );
    const lines = stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toMatchObject({ name: 'dora', role: 'engineer', teams: ['onsite'] });
  });
});
