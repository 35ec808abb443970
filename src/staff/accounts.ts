/**
 * Staff accounts in Redis. Each account is a hash `P:staff:account:<name>`; a token is found through
 * `P:staff:token:<sha256>` → name and proved by the scrypt hash on the account. No plaintext secret is
 * ever written. Writes are single-key or idempotent (no MULTI across keys), so the store runs unchanged
 * on Redis Cluster; a half-written account only ever fails authentication.
 */
import type { Redis } from 'ioredis';
import { z } from 'zod';
import type { Clock } from '../clock.js';
import { publishLive } from '../desk/live-events.js';
import { SupportError } from '../errors.js';
import { writeAll } from '../redis/slots.js';
import { hashSecret, newPassword, newToken, tokenDigest, verifySecret } from './secrets.js';

export const staffRoles = ['agent', 'engineer', 'supervisor'] as const;
export type StaffRole = (typeof staffRoles)[number];

/** Names end up in keys, case owners (`staff:<name>`) and job ids, so no `:` and no spaces. */
export const staffNameSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9._-]{0,47}$/, 'use 1–48 lowercase letters, digits, . _ - (no spaces)');
export const teamNameSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_-]{0,31}$/, 'use 1–32 lowercase letters, digits, _ - (e.g. support)');

export interface StaffAccount {
  name: string;
  role: StaffRole;
  teams: string[];
  disabled: boolean;
  createdAt: string;
  tokenIssuedAt: string;
  /** The last console sign-in, or null if the person never signed in (or before it was recorded). */
  lastSignInAt: string | null;
  /** How colleagues and customers know them (王工, Alice Chen); pickers show it beside the name. */
  displayName: string | null;
}

export interface IssuedCredentials {
  account: StaffAccount;
  password: string;
  token: string;
}

export interface StaffAccounts {
  /** Creates an account with a generated password and token (returned once, never stored). */
  add(input: {
    name: string;
    role: StaffRole;
    teams: string[];
    displayName?: string;
  }): Promise<IssuedCredentials>;
  get(name: string): Promise<StaffAccount | null>;
  list(): Promise<StaffAccount[]>;
  setDisabled(name: string, disabled: boolean): Promise<StaffAccount>;
  /** Changes the role and/or the teams; the person's next request sees them. */
  update(
    name: string,
    change: { role?: StaffRole; teams?: string[]; displayName?: string },
  ): Promise<StaffAccount>;
  /** A new generated password (returned once, stored as a hash); the old one stops working. */
  resetPassword(name: string): Promise<{ account: StaffAccount; password: string }>;
  recordSignIn(name: string, at: Date): Promise<void>;
  /** Issues a new token; the old one stops working at once. */
  rotateToken(name: string): Promise<{ account: StaffAccount; token: string }>;
  /** The enabled account a bearer token belongs to, or null. */
  authenticate(token: string): Promise<StaffAccount | null>;
  verifyPassword(name: string, password: string): Promise<StaffAccount | null>;
}

export function staffKeys(prefix: string) {
  return {
    account: (name: string) => `${prefix}:staff:account:${name}`,
    token: (digest: string) => `${prefix}:staff:token:${digest}`,
    names: () => `${prefix}:staff:names`,
  };
}

function accountOf(fields: Record<string, string>): StaffAccount | null {
  const role = fields.role as StaffRole | undefined;
  if (!fields.name || !role || !staffRoles.includes(role)) return null;
  return {
    name: fields.name,
    role,
    teams: (fields.teams ?? '').split(',').filter(Boolean),
    disabled: fields.disabled === '1',
    createdAt: fields.createdAt ?? '',
    tokenIssuedAt: fields.tokenIssuedAt ?? '',
    lastSignInAt: fields.lastSignInAt || null,
    displayName: fields.displayName || null,
  };
}

/** Verified (digest → stored hash) pairs, so a busy console does not pay for scrypt on every call. */
const VERIFIED_CACHE_SIZE = 500;

/** Accounts in Redis, as described at the top of this file. */
class RedisStaffAccounts implements StaffAccounts {
  private readonly keys: ReturnType<typeof staffKeys>;
  private readonly verified = new Map<string, string>();

  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly clock: Clock,
  ) {
    this.keys = staffKeys(prefix);
  }

  private remember(digest: string, hash: string): void {
    if (this.verified.size >= VERIFIED_CACHE_SIZE) this.verified.delete(this.verified.keys().next().value!);
    this.verified.set(digest, hash);
  }

  private async read(name: string) {
    const fields = await this.redis.hgetall(this.keys.account(name));
    return { fields, account: accountOf(fields) };
  }

  private async mustRead(name: string) {
    const found = await this.read(name);
    if (!found.account) throw new SupportError('SUPPORT_ERR_STAFF_NOT_FOUND', `no staff member ${name}`);
    return found as { fields: Record<string, string>; account: StaffAccount };
  }

  /** Open console streams of this person re-check at once (a demoted supervisor stops seeing at-risk). */
  private changed(name: string): void {
    publishLive(this.redis, this.prefix, { kind: 'staff', staff: name }).catch(() => undefined);
  }

  async add({
    name,
    role,
    teams,
    displayName,
  }: {
    name: string;
    role: StaffRole;
    teams: string[];
    displayName?: string;
  }) {
    const { redis, keys } = this;
    const password = newPassword();
    const token = newToken();
    const [passwordHash, tokenHash] = await Promise.all([hashSecret(password), hashSecret(token)]);
    const now = this.clock.now().toISOString();
    // HSETNX on the name field is the existence check: two concurrent adds cannot both win.
    if ((await redis.hsetnx(keys.account(name), 'name', name)) === 0) {
      throw new SupportError('SUPPORT_ERR_STAFF_EXISTS', `staff member ${name} exists`);
    }
    const digest = tokenDigest(token);
    const fields = {
      role,
      teams: teams.join(','),
      disabled: '0',
      password: passwordHash,
      token: tokenHash,
      tokenDigest: digest,
      createdAt: now,
      tokenIssuedAt: now,
      ...(displayName ? { displayName: displayName.trim().slice(0, 60) } : {}),
    };
    // Account, token index and name list are three slots on a cluster: see writeAll.
    await writeAll(redis, [
      ['hset', keys.account(name), ...Object.entries(fields).flat()],
      ['set', keys.token(digest), name],
      ['sadd', keys.names(), name],
    ]);
    const account = (await this.get(name))!;
    return { account, password, token };
  }

  async get(name: string) {
    return (await this.read(name)).account;
  }

  async list() {
    const names = (await this.redis.smembers(this.keys.names())).sort();
    const accounts = await Promise.all(names.map((name) => this.get(name)));
    return accounts.filter((account): account is StaffAccount => account !== null);
  }

  async setDisabled(name: string, disabled: boolean) {
    await this.mustRead(name);
    await this.redis.hset(this.keys.account(name), 'disabled', disabled ? '1' : '0');
    this.changed(name);
    return (await this.get(name))!;
  }

  async update(
    name: string,
    { role, teams, displayName }: { role?: StaffRole; teams?: string[]; displayName?: string },
  ) {
    await this.mustRead(name);
    const fields: Record<string, string> = {};
    if (role) fields.role = role;
    if (teams) {
      if (teams.length === 0)
        throw new SupportError('SUPPORT_ERR_VALIDATION', 'teams: at least one team is needed');
      fields.teams = [...new Set(teams)].join(',');
    }
    // An empty display name clears it (the account name shows again).
    if (displayName !== undefined) fields.displayName = displayName.trim().slice(0, 60);
    if (Object.keys(fields).length > 0) await this.redis.hset(this.keys.account(name), fields);
    this.changed(name);
    return (await this.get(name))!;
  }

  async resetPassword(name: string) {
    await this.mustRead(name);
    const password = newPassword();
    await this.redis.hset(this.keys.account(name), 'password', await hashSecret(password));
    return { account: (await this.get(name))!, password };
  }

  async recordSignIn(name: string, at: Date) {
    // HSET on a missing hash would create a nameless account: only touch one that exists.
    if (await this.redis.hexists(this.keys.account(name), 'name'))
      await this.redis.hset(this.keys.account(name), 'lastSignInAt', at.toISOString());
  }

  async rotateToken(name: string) {
    const { redis, keys } = this;
    const { fields } = await this.mustRead(name);
    const token = newToken();
    const digest = tokenDigest(token);
    await redis.set(keys.token(digest), name);
    await redis.hset(keys.account(name), {
      token: await hashSecret(token),
      tokenDigest: digest,
      tokenIssuedAt: this.clock.now().toISOString(),
    });
    if (fields.tokenDigest) await redis.del(keys.token(fields.tokenDigest));
    return { account: (await this.get(name))!, token };
  }

  async authenticate(token: string) {
    if (!token || token.length > 200) return null;
    const digest = tokenDigest(token);
    const name = await this.redis.get(this.keys.token(digest));
    if (!name) return null;
    const { fields, account } = await this.read(name);
    if (!account || account.disabled || fields.tokenDigest !== digest || !fields.token) return null;
    if (this.verified.get(digest) === fields.token) return account;
    if (!(await verifySecret(token, fields.token))) return null;
    this.remember(digest, fields.token);
    return account;
  }

  async verifyPassword(name: string, password: string) {
    const { fields, account } = await this.read(name);
    if (!account || account.disabled || !fields.password) return null;
    return (await verifySecret(password, fields.password)) ? account : null;
  }
}

export function createStaffAccounts(redis: Redis, prefix: string, clock: Clock): StaffAccounts {
  return new RedisStaffAccounts(redis, prefix, clock);
}
