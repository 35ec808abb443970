/**
 * Redis key layout. Everything about one customer — profile, conversations (one per identity), cases,
 * transcript, inbox, lock — shares the hash tag `{c:<customerId>}` so it sits in one Redis Cluster slot
 * and one Lua script can change it atomically. Global indexes (case reference → customer) are separate.
 */
import { createHash } from 'node:crypto';
import type { ChannelKind } from '../port/messages.js';

/** `phone:+8613800138000`, `email:zhang@example.cn`, `chat:<user id>`: one identity per address. */
export type Identity = string;

/** Voice and SMS from one number are one customer: both map to the `phone:` identity. */
export function identityOf(channel: ChannelKind, address: string): Identity {
  switch (channel) {
    case 'sms':
    case 'voice':
      return `phone:${address.replace(/[^\d+]/g, '')}`;
    case 'email':
      return `email:${address.trim().toLowerCase()}`;
    case 'chat':
      return `chat:${address.trim()}`;
  }
}

function digest(value: string, length: number): string {
  return createHash('sha256').update(value).digest('hex').slice(0, length);
}

/** A customer's id is derived from the first identity seen, so no lookup is needed on the hot path. */
export function customerIdFor(identity: Identity): string {
  return digest(identity, 16);
}

/** Short, key-safe name of a conversation (an identity) inside a customer's slot. */
export function conversationKeyOf(identity: Identity): string {
  return digest(identity, 12);
}

/** Key-safe, bounded id for a work item derived from a provider id (Message-IDs can be long). */
export function workItemIdOf(channel: string, providerId: string): string {
  return `in-${channel}-${digest(providerId, 24)}`;
}

export interface KeySpace {
  prefix: string;
  /** `P:{c:ID}:` — the start of every key of one customer. */
  customer(customerId: string): string;
  caseIndex(ref: string): string;
  caseSequence(period: string): string;
  /** Customers with work in their inbox, for recovery after a crash (score = last admit, ms). */
  pendingWork(): string;
  /** Every case reference, scored by creation time (KPIs, listings). */
  allCases(): string;
  /**
   * The recorder's two global streams (src/record/): marks — one per admitted work item, naming the
   * customer whose stream to read — and changes made outside a customer's slot (deliveries, the audit
   * trail, contracts, visit plans, knowledge-base entries). One hash tag, so one blocking read takes both.
   */
  recordMarks(): string;
  recordChanges(): string;
  /** The customer a provider's person key (hashed) leads to: see ChannelContext.samePerson. */
  person(hash: string): string;
}

export function keySpace(prefix: string): KeySpace {
  return {
    prefix,
    customer: (customerId) => `${prefix}:{c:${customerId}}:`,
    caseIndex: (ref) => `${prefix}:caseref:${ref}`,
    caseSequence: (period) => `${prefix}:seq:case:${period}`,
    pendingWork: () => `${prefix}:pending-work`,
    allCases: () => `${prefix}:cases`,
    recordMarks: () => `{${prefix}:record}:marks`,
    recordChanges: () => `{${prefix}:record}:changes`,
    person: (hash) => `${prefix}:person:${hash}`,
  };
}

/**
 * Key names inside a customer's slot (after `customer(id)`). The inbox's Lua scripts (scripts.ts) read
 * the same names; every other reader and writer takes them from here.
 */
export const slotKeys = {
  profile: 'profile',
  log: 'log',
  link: 'link',
  /** The customer's record stream: one entry per commit, until the recorder has it in PostgreSQL. */
  recordStream: 'rec',
  case: (ref: string) => `case:${ref}`,
  session: (conversation: string) => `session:${conversation}`,
} as const;
