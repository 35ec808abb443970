/**
 * Delivery state per outbound message (sent → delivered / failed, from provider callbacks), the index
 * from a provider's message id back to ours, and the opt-out list (SMS STOP, Twilio 21610).
 */
import type { Redis } from 'ioredis';
import type { OutboundMessage } from '../engine/types.js';

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
  const optOutKey = (channel: string) => `${prefix}:optout:${channel === 'voice' ? 'sms' : channel}`;
  return {
    async get(messageId: string): Promise<DeliveryState | null> {
      const raw = await redis.get(deliveryKey(messageId));
      return raw ? (JSON.parse(raw) as DeliveryState) : null;
    },
    async getMany(messageIds: string[]): Promise<Map<string, DeliveryState>> {
      if (messageIds.length === 0) return new Map();
      const values = await redis.mget(messageIds.map(deliveryKey));
      const out = new Map<string, DeliveryState>();
      values.forEach((value, n) => {
        if (value) out.set(messageIds[n]!, JSON.parse(value) as DeliveryState);
      });
      return out;
    },
    async record(message: OutboundMessage, state: DeliveryState): Promise<void> {
      const pipeline = redis
        .pipeline()
        .set(deliveryKey(message.id), JSON.stringify(state), 'EX', KEEP_SECONDS);
      if (state.providerId) {
        const entry: ProviderIndexEntry = {
          messageId: message.id,
          customerId: message.customerId,
          channel: message.channel,
          to: message.to,
          ...(message.caseRef ? { caseRef: message.caseRef } : {}),
        };
        pipeline.set(providerKey(state.providerId), JSON.stringify(entry), 'EX', KEEP_SECONDS);
      }
      await pipeline.exec();
    },
    async update(messageId: string, state: DeliveryState): Promise<void> {
      await redis.set(deliveryKey(messageId), JSON.stringify(state), 'EX', KEEP_SECONDS);
    },
    async byProviderId(providerId: string): Promise<ProviderIndexEntry | null> {
      const raw = await redis.get(providerKey(providerId));
      return raw ? (JSON.parse(raw) as ProviderIndexEntry) : null;
    },
    async isOptedOut(channel: string, address: string): Promise<boolean> {
      return (await redis.sismember(optOutKey(channel), address)) === 1;
    },
    async setOptOut(channel: string, address: string, optedOut: boolean): Promise<boolean> {
      const changed = optedOut
        ? await redis.sadd(optOutKey(channel), address)
        : await redis.srem(optOutKey(channel), address);
      return changed === 1;
    },
  };
}

export type DeliveryStore = ReturnType<typeof deliveryStore>;
