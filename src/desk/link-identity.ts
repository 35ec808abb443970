/**
 * Staff link another identity (a second phone number, an email address) to a customer. Never automatic:
 * a customer saying "my number is …" proves nothing. From then on that identity's messages go to this
 * customer; what it wrote before stays where it was (its cases keep their references).
 */

import type { TranscriptEntry } from '../cases/types.js';
import { customerIdFor, type Identity, keySpace, slotKeys } from '../conversation/keys.js';
import { SupportError } from '../errors.js';
import { slotWrites } from './customer-slot.js';
import type { CommandHandler, Desk } from './desk.js';

/** Records the identity on the customer's profile (runs in the customer's inbox). */
export const recordLinkedIdentity: CommandHandler = async (ctx) => {
  const { identity, by } = ctx.state.item.payload as { identity: Identity; by: string };
  const profile = ctx.profile;
  if (!profile) throw new SupportError('SUPPORT_ERR_VALIDATION', `no customer ${ctx.state.customerId}`);
  const identities = profile.identities.includes(identity)
    ? profile.identities
    : [...profile.identities, identity];
  const at = ctx.now.toISOString();
  const entry: TranscriptEntry = {
    at,
    kind: 'event',
    text: `${by} linked ${identity} to this customer`,
    author: by,
    meta: { event: 'identity_linked', identity },
  };
  return {
    result: { customerId: profile.id, identities },
    writes: [
      slotWrites.profile({ ...profile, identities, updatedAt: at }),
      ...slotWrites.transcript([entry]),
    ],
  };
};

export async function linkIdentity(desk: Desk, customerId: string, identity: Identity, by: string) {
  const { redis, keyPrefix } = desk.deps;
  const own = customerIdFor(identity);
  if (own === customerId)
    throw new SupportError('SUPPORT_ERR_VALIDATION', `${identity} already belongs to this customer`);
  const linkKey = `${keySpace(keyPrefix).customer(own)}${slotKeys.link}`;
  const current = await redis.get(linkKey);
  if (current && current !== customerId) {
    throw new SupportError('SUPPORT_ERR_VALIDATION', `${identity} is already linked to another customer`);
  }
  const [profile, targetLinked] = await Promise.all([
    redis.get(`${keySpace(keyPrefix).customer(customerId)}${slotKeys.profile}`),
    redis.get(`${keySpace(keyPrefix).customer(customerId)}${slotKeys.link}`),
  ]);
  if (!profile) throw new SupportError('SUPPORT_ERR_CASE_NOT_FOUND', `no customer ${customerId}`);
  // No chains and no cycles: link to the customer an identity finally belongs to.
  if (targetLinked) {
    throw new SupportError(
      'SUPPORT_ERR_VALIDATION',
      `customer ${customerId} is itself linked to ${targetLinked}: link to that one`,
    );
  }
  await redis.set(linkKey, customerId);
  return desk.command<{ customerId: string; identities: string[] }>(customerId, 'customer.link', {
    identity,
    by,
  });
}
