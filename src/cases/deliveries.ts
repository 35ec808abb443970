/**
 * Delivery state per outbound message (sent → delivered / failed, from provider callbacks), the index
 * from a provider's message id back to ours, and the opt-out list (a customer's STOP, a provider's report).
 */
import type { Redis } from 'ioredis';
import { identityOf } from '../conversation/keys.js';
import type { ChannelKind, OutboundMessage } from '../port/messages.js';
import { getMany, type RedisWrite, writeAll } from '../redis/slots.js';
import { recordChangeWrite } from './record-changes.js';

export interface DeliveryState {
  state: 'sent' | 'delivered' | 'failed' | 'dead';
  providerId?: string;
  at: string;
  error?: string;
  code?: string | number;
}

export interface ProviderIndexEntry {
  messageId: string;
  customerId: string;
  caseRef?: string;
  channel: string;
  to: string;
}

const KEEP_SECONDS = 90 * 24 * 3600;

export function deliveryStore(redis: Redis, prefix: string) {
  const deliveryKey = (messageId: string) => `${prefix}:delivery:${messageId}`;
  const providerKey = (providerId: string) => `${prefix}:provider-msg:${providerId}`;
  const messageKey = (messageId: string) => `${prefix}:outbox-msg:${messageId}`;
  const entryOf = (message: OutboundMessage): ProviderIndexEntry => ({
    messageId: message.id,
    customerId: message.customerId,
    channel: message.channel,
    to: message.to,
    ...(message.caseRef ? { caseRef: message.caseRef } : {}),
  });
  // One list of identities: a number that opted out is out on every channel that reaches that number.
  const optOutKey = `${prefix}:optout`;
  return {
    async get(messageId: string): Promise<DeliveryState | null> {
      const raw = await redis.get(deliveryKey(messageId));
      return raw ? (JSON.parse(raw) as DeliveryState) : null;
    },
    async getMany(messageIds: string[]): Promise<Map<string, DeliveryState>> {
      if (messageIds.length === 0) return new Map();
      const values = await getMany(redis, messageIds.map(deliveryKey));
      const out = new Map<string, DeliveryState>();
      values.forEach((value, n) => {
        if (value) out.set(messageIds[n]!, JSON.parse(value) as DeliveryState);
      });
      return out;
    },
    async record(message: OutboundMessage, state: DeliveryState): Promise<void> {
      const writes: RedisWrite[] = [
        recordChangeWrite(prefix, { type: 'delivery', messageId: message.id, state }),
        ['set', deliveryKey(message.id), JSON.stringify(state), 'EX', KEEP_SECONDS],
      ];
      if (state.providerId) {
        writes.push([
          'set',
          providerKey(state.providerId),
          JSON.stringify(entryOf(message)),
          'EX',
          KEEP_SECONDS,
        ]);
      }
      await writeAll(redis, writes);
    },
    async update(messageId: string, state: DeliveryState): Promise<void> {
      await writeAll(redis, [
        recordChangeWrite(prefix, { type: 'delivery', messageId, state }),
        ['set', deliveryKey(messageId), JSON.stringify(state), 'EX', KEEP_SECONDS],
      ]);
    },
    async byProviderId(providerId: string): Promise<ProviderIndexEntry | null> {
      const raw = await redis.get(providerKey(providerId));
      return raw ? (JSON.parse(raw) as ProviderIndexEntry) : null;
    },
    /** Notes that a message is about to be handed to its provider (once; retries change nothing). */
    async recordAttempt(message: OutboundMessage): Promise<void> {
      await redis.set(messageKey(message.id), JSON.stringify(entryOf(message)), 'EX', KEEP_SECONDS, 'NX');
    },
    /** A message by our own id, once an attempt to send it was recorded. */
    async byMessageId(messageId: string): Promise<ProviderIndexEntry | null> {
      const raw = await redis.get(messageKey(messageId));
      return raw ? (JSON.parse(raw) as ProviderIndexEntry) : null;
    },
    async isOptedOut(channel: ChannelKind, address: string): Promise<boolean> {
      return (await redis.sismember(optOutKey, identityOf(channel, address))) === 1;
    },
    async setOptOut(channel: ChannelKind, address: string, optedOut: boolean): Promise<boolean> {
      const changed = optedOut
        ? await redis.sadd(optOutKey, identityOf(channel, address))
        : await redis.srem(optOutKey, identityOf(channel, address));
      return changed === 1;
    },
  };
}

export type DeliveryStore = ReturnType<typeof deliveryStore>;
