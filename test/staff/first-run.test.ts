/** The first start creates one supervisor and shows its secrets once; later starts create nothing. */
import { afterEach, describe, expect, it } from 'vitest';
import { createStaffAccounts } from '../../src/staff/accounts.js';
import { ensureFirstSupervisor } from '../../src/staff/first-run.js';
import { createTestRuntime, type TestRuntime } from '../support/runtime.js';

let runtime: TestRuntime;
afterEach(async () => runtime.close());

describe('first start', () => {
  it('creates the supervisor "admin" once and prints its password and token once', async () => {
    runtime = createTestRuntime();
    const printed: string[] = [];
    expect(await ensureFirstSupervisor(runtime, (text) => printed.push(text))).toBe(true);
    expect(await ensureFirstSupervisor(runtime, (text) => printed.push(text))).toBe(false);
    expect(printed).toHaveLength(1);
    const password = /password: (\S+)/.exec(printed[0]!)![1]!;
    const accounts = createStaffAccounts(runtime.redis, runtime.config.REDIS_KEY_PREFIX, runtime.clock);
    expect((await accounts.get('admin'))!.role).toBe('supervisor');
    expect((await accounts.list()).map((account) => account.name)).toEqual(['admin']);
    expect(password.length).toBeGreaterThanOrEqual(12);
  });

  it('creates nothing when staff accounts exist', async () => {
    runtime = createTestRuntime();
    const accounts = createStaffAccounts(runtime.redis, runtime.config.REDIS_KEY_PREFIX, runtime.clock);
    await accounts.add({ name: 'amy', role: 'agent', teams: ['support'] });
    expect(await ensureFirstSupervisor(runtime, () => undefined)).toBe(false);
    expect(await accounts.get('admin')).toBeNull();
  });
});
