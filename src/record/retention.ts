/**
 * Privacy over the record as well as Redis: `erase` and `purge` (and RETENTION_DAYS) reach cases that
 * only the record still holds. What is hot goes through the customer's inbox as before
 * (src/desk/privacy.ts) and reaches the record through the recorder; what only the record holds is
 * changed there directly (src/record/privacy.ts).
 */
import { createCaseStore } from '../cases/store.js';
import { customerIdFor } from '../conversation/keys.js';
import type { RecordDb } from '../db/connect.js';
import type { Desk } from '../desk/desk.js';
import { eraseCustomer, identityOfAddress, purgeClosedCases } from '../desk/privacy.js';
import { eraseCustomerInRecord, purgeCaseInRecord } from './privacy.js';

/** Erases the customer behind an address in Redis and in the record. */
export async function eraseCustomerEverywhere(
  desk: Desk,
  db: RecordDb,
  address: string,
  region: string,
  now: Date,
): Promise<{ customerId: string; erased: boolean; cases: number }> {
  const identity = identityOfAddress(address, region);
  // Redis may have lost the customer (or never had the link): the record knows whose identity it is.
  const known = await db
    .selectFrom('identities')
    .select('customer_id')
    .where('identity', '=', identity)
    .executeTakeFirst();
  const hot = await eraseCustomer(desk, address, region);
  const customerId = hot.erased ? hot.customerId : (known?.customer_id ?? customerIdFor(identity));
  const inRecord = await db
    .selectFrom('customers')
    .select('id')
    .where('id', '=', customerId)
    .executeTakeFirst();
  const cold = inRecord ? await eraseCustomerInRecord(db, customerId, now) : 0;
  return { customerId, erased: hot.erased || inRecord !== undefined, cases: Math.max(hot.cases, cold) };
}

/** Purges closed cases closed more than `days` ago, hot or only in the record; returns how many. */
export async function purgeClosedCasesEverywhere(
  desk: Desk,
  db: RecordDb,
  days: number,
  now: Date,
): Promise<number> {
  // The hot ones through their inboxes (read from Redis alone: the record's part follows).
  const hot = createCaseStore(desk.deps.redis, desk.deps.keyPrefix);
  let purged = await purgeClosedCases(desk, hot, days, now);
  const cutoff = new Date(now.getTime() - days * 24 * 3600_000);
  const cold = await db
    .selectFrom('cases')
    .select('ref')
    .where('hot', '=', false)
    .where('status', '=', 'closed')
    .where('anonymised', '=', false)
    .where('closed_at', '<', cutoff)
    .execute();
  for (const { ref } of cold) {
    await db.transaction().execute((trx) => purgeCaseInRecord(trx, ref, now));
    purged++;
  }
  // Customers' files get the record's retention too.
  await desk.deps.files?.purgeOlderThan(days);
  return purged;
}
