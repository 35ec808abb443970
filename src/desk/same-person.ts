/**
 * Addresses a provider says are one person (a chat app's union id: the same person under each of the
 * company's accounts on that app) reach one customer. Unlike a customer saying "my
 * number is …", this is the provider's word, so the link is made without staff — and written on the
 * customer's transcript like any link staff make.
 */
import { createHash } from 'node:crypto';
import type { Identity } from '../conversation/keys.js';
import { SupportError } from '../errors.js';
import type { Desk } from './desk.js';
import { linkIdentity } from './link-identity.js';

/**
 * How long a person key is remembered after it was last seen. Only a hash of the key is stored, and
 * it names a customer id, nothing personal; after an erasure it leads to no one and is never followed.
 */
const PERSON_TTL_SECONDS = 400 * 24 * 3600;

export interface SamePersonRequest {
  /** The customer the address reaches today (its own, or the one it is linked to). */
  customerId: string;
  identity: Identity;
  person: string;
  /** Who vouched, for the transcript: the channel's name. */
  by: string;
}

/** Links the identity to the customer the person was first seen as; returns that customer. */
export async function linkSamePerson(desk: Desk, request: SamePersonRequest): Promise<string> {
  const { redis, keys, logger } = desk.deps;
  const hash = createHash('sha256').update(request.person).digest('base64url').slice(0, 32);
  const key = keys.person(hash);
  const first = await redis.set(key, request.customerId, 'EX', PERSON_TTL_SECONDS, 'NX');
  if (first === 'OK') return request.customerId;
  const earlier = await redis.get(key);
  if (!earlier || earlier === request.customerId) {
    await redis.expire(key, PERSON_TTL_SECONDS);
    return request.customerId;
  }
  try {
    await linkIdentity(desk, earlier, request.identity, `${request.by} (same person)`);
    await redis.expire(key, PERSON_TTL_SECONDS);
    return earlier;
  } catch (error) {
    // Already linked elsewhere by staff, or the earlier customer was erased: staff's word stands.
    if (!(error instanceof SupportError)) throw error;
    logger.warn({ channel: request.by, reason: error.message }, 'same person not linked');
    return request.customerId;
  }
}
