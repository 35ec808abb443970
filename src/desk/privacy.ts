/**
 * Data on request and over time: export cases with their transcripts (JSON Lines), erase one
 * customer's personal data, purge closed cases past the retention period. The changes themselves are
 * inbox commands (privacy-commands.ts); this finds whom they apply to.
 */
import { type CountryCode, parsePhoneNumberFromString } from 'libphonenumber-js';
import type { CaseStore } from '../cases/store.js';
import { customerIdFor, type Identity, slotKeys } from '../conversation/keys.js';
import { forgetOwned } from './channel-logs.js';
import type { Desk } from './desk.js';

/** Writes one JSON line per case created in [since, until]: the case and its transcript. */
export async function exportCases(
  cases: CaseStore,
  range: { since: Date; until: Date },
  write: (line: string) => void,
): Promise<number> {
  const found = await cases.createdBetween(range.since, range.until);
  for (const kase of found) write(JSON.stringify({ case: kase, transcript: await cases.transcript(kase) }));
  return found.length;
}

/** The identity an address stands for: an email, a phone number (E.164), or a chat user id. */
export function identityOfAddress(address: string, region: string): Identity {
  const value = address.trim();
  if (value.includes('@')) return `email:${value.toLowerCase()}`;
  const phone = parsePhoneNumberFromString(value, region as CountryCode);
  if (phone?.isValid()) return `phone:${phone.number}`;
  return `chat:${value}`;
}

/** Erases the customer behind an address (or the customer it was linked to). */
export async function eraseCustomer(
  desk: Desk,
  address: string,
  region: string,
): Promise<{ customerId: string; erased: boolean; cases: number }> {
  const identity = identityOfAddress(address, region);
  const own = customerIdFor(identity);
  const { redis, keys } = desk.deps;
  const customerId = (await redis.get(`${keys.customer(own)}${slotKeys.link}`)) ?? own;
  const { identities = [], ...result } = await desk.command<{
    erased: boolean;
    cases: number;
    identities?: string[];
  }>(customerId, 'privacy.erase', {}, {});
  // What channels keep for the customer outside their slot (a web chat's history) goes with them.
  await forgetOwned(redis, desk.deps.keyPrefix, [identity, ...identities]);
  await desk.deps.files?.eraseOwners([identity, ...identities]);
  return { customerId, ...result };
}

/** Purges closed cases closed more than `days` ago; returns how many were purged. */
export async function purgeClosedCases(
  desk: Desk,
  cases: CaseStore,
  days: number,
  now: Date,
): Promise<number> {
  const cutoff = new Date(now.getTime() - days * 24 * 3600_000);
  const candidates = await cases.createdBetween(new Date(0), cutoff);
  let purged = 0;
  for (const kase of candidates) {
    if (kase.status !== 'closed' || !kase.closedAt || new Date(kase.closedAt) > cutoff) continue;
    if (kase.flags.includes('anonymised')) continue;
    const result = await desk.command<{ purged: boolean }>(
      kase.customerId,
      'privacy.purge_case',
      {},
      { caseRef: kase.ref, id: `purge-${kase.ref}` },
    );
    if (result.purged) purged++;
  }
  return purged;
}
