/**
 * Staff secrets: generated passwords and API tokens, stored only as scrypt hashes
 * (`scrypt$N$r$p$salt$hash`, base64url parts, so the cost can be raised later without breaking old
 * hashes). A token is also indexed by its SHA-256 so a request finds its account without trying every
 * hash; the scrypt hash is what proves it.
 */
import { createHash, randomBytes, type ScryptOptions, scrypt, timingSafeEqual } from 'node:crypto';

/** N = 2^14, r = 8: about 16 MB and a few tens of milliseconds per hash (OWASP's scrypt floor). */
const COST = { N: 16_384, r: 8, p: 1 } as const;
const KEY_LENGTH = 32;
const SALT_BYTES = 16;
export const TOKEN_PREFIX = 'sbt_';

function derive(secret: string, salt: Buffer, options: ScryptOptions, length: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(secret, salt, length, { ...options, maxmem: 64 * 1024 * 1024 }, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}

export async function hashSecret(secret: string): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const key = await derive(secret, salt, COST, KEY_LENGTH);
  return ['scrypt', COST.N, COST.r, COST.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

/** Compares in constant time; a malformed stored hash never matches. */
export async function verifySecret(secret: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64url');
  if (expected.length === 0) return false;
  const key = await derive(
    secret,
    Buffer.from(salt, 'base64url'),
    { N: Number(n), r: Number(r), p: Number(p) },
    expected.length,
  );
  return timingSafeEqual(key, expected);
}

/** 256 random bits; the prefix makes a leaked token easy to recognise (secret scanners). */
export function newToken(): string {
  return `${TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
}

/** 16 characters from 96 random bits, easy to type into the console. */
export function newPassword(): string {
  return randomBytes(12).toString('base64url');
}

/** The lookup index of a token (not a password hash: tokens are random, so SHA-256 leaks nothing). */
export function tokenDigest(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
