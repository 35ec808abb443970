import { afterAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../src/clock.js';
import { isSupportError } from '../../src/errors.js';
import { createStaffAccounts, staffKeys } from '../../src/staff/accounts.js';
import { hashSecret, tokenDigest, verifySecret } from '../../src/staff/secrets.js';
import { testRedis, uniquePrefix } from '../support/redis.js';

const redis = testRedis();
afterAll(() => redis.quit());

/** Every string value stored under a prefix: plain keys, hashes, lists and sets. */
async function everythingStored(prefix: string): Promise<string[]> {
  const keys = await redis.keys(`${prefix}:*`);
  const values: string[] = [...keys];
  for (const key of keys) {
    const type = await redis.type(key);
    if (type === 'string') values.push((await redis.get(key))!);
    if (type === 'hash') values.push(...Object.entries(await redis.hgetall(key)).flat());
    if (type === 'set') values.push(...(await redis.smembers(key)));
    if (type === 'list') values.push(...(await redis.lrange(key, 0, -1)));
  }
  return values;
}

describe('secrets', () => {
  it('hashes with scrypt and verifies in constant time', async () => {
    const hash = await hashSecret('correct horse');
    expect(hash).toMatch(/^scrypt\$16384\$8\$1\$[\w-]+\$[\w-]+$/);
    expect(await verifySecret('correct horse', hash)).toBe(true);
    expect(await verifySecret('wrong horse', hash)).toBe(false);
    expect(await verifySecret('correct horse', 'plain')).toBe(false);
    expect(await hashSecret('correct horse')).not.toBe(hash);
  });
});

describe('staff accounts', () => {
  it('stores only hashes: no password or token appears anywhere in Redis', async () => {
    const prefix = uniquePrefix('staff');
    const accounts = createStaffAccounts(redis, prefix, systemClock);
    const { account, password, token } = await accounts.add({
      name: 'alice',
      role: 'agent',
      teams: ['support', 'onsite'],
    });
    expect(account).toMatchObject({
      name: 'alice',
      role: 'agent',
      teams: ['support', 'onsite'],
      disabled: false,
    });
    expect(token).toMatch(/^sbt_[\w-]{43}$/);
    expect(password.length).toBeGreaterThanOrEqual(16);

    const stored = await everythingStored(prefix);
    for (const value of stored) {
      expect(value).not.toContain(password);
      expect(value).not.toContain(token);
    }
    const fields = await redis.hgetall(staffKeys(prefix).account('alice'));
    expect(fields.password).toMatch(/^scrypt\$/);
    expect(fields.token).toMatch(/^scrypt\$/);
    expect(await redis.get(staffKeys(prefix).token(tokenDigest(token)))).toBe('alice');
  });

  it('authenticates a token, refuses unknown, rotated and disabled ones', async () => {
    const accounts = createStaffAccounts(redis, uniquePrefix('staff'), systemClock);
    const { token, password } = await accounts.add({
      name: 'bob',
      role: 'supervisor',
      teams: ['supervisor'],
    });
    expect((await accounts.authenticate(token))?.name).toBe('bob');
    expect(await accounts.authenticate(`${token}x`)).toBeNull();
    expect(await accounts.authenticate('')).toBeNull();
    expect((await accounts.verifyPassword('bob', password))?.name).toBe('bob');
    expect(await accounts.verifyPassword('bob', 'nope')).toBeNull();

    const rotated = await accounts.rotateToken('bob');
    expect(await accounts.authenticate(token)).toBeNull();
    expect((await accounts.authenticate(rotated.token))?.name).toBe('bob');

    await accounts.setDisabled('bob', true);
    expect(await accounts.authenticate(rotated.token)).toBeNull();
    expect(await accounts.verifyPassword('bob', password)).toBeNull();
    await accounts.setDisabled('bob', false);
    expect((await accounts.authenticate(rotated.token))?.name).toBe('bob');
  });

  it('refuses a second account with the same name, and unknown names', async () => {
    const accounts = createStaffAccounts(redis, uniquePrefix('staff'), systemClock);
    await accounts.add({ name: 'carol', role: 'engineer', teams: ['onsite'] });
    const again = await accounts.add({ name: 'carol', role: 'agent', teams: ['support'] }).catch((e) => e);
    expect(isSupportError(again, 'SUPPORT_ERR_STAFF_EXISTS')).toBe(true);
    expect((await accounts.get('carol'))?.role).toBe('engineer');
    const missing = await accounts.setDisabled('nobody', true).catch((e) => e);
    expect(isSupportError(missing, 'SUPPORT_ERR_STAFF_NOT_FOUND')).toBe(true);
    expect((await accounts.list()).map((a) => a.name)).toEqual(['carol']);
  });
});
