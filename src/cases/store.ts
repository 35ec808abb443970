/**
 * Reading cases and customers outside the inbox (staff views, KPIs). Writes never happen here: they go
 * through the customer's inbox (src/desk).
 */
import type { Redis } from 'ioredis';
import { keySpace, slotKeys } from '../conversation/keys.js';
import { getMany } from '../redis/slots.js';
import { deliveryStore } from './deliveries.js';
import { caseTranscript } from './transcript.js';
import type { Case, CustomerProfile, TranscriptEntry } from './types.js';

export interface CaseStore {
  customerOf(ref: string): Promise<string | null>;
  get(ref: string): Promise<Case | null>;
  customer(customerId: string): Promise<CustomerProfile | null>;
  /** The case's transcript across channels, with each outbound message's delivery state. */
  transcript(kase: Case): Promise<TranscriptEntry[]>;
  /** Cases created between two instants (inclusive), oldest first. */
  createdBetween(from: Date, to: Date): Promise<Case[]>;
  many(refs: string[]): Promise<Case[]>;
}

export function createCaseStore(redis: Redis, prefix: string): CaseStore {
  const keys = keySpace(prefix);
  const deliveries = deliveryStore(redis, prefix);
  const store: CaseStore = {
    customerOf: (ref) => redis.get(keys.caseIndex(ref)),
    async get(ref) {
      const customerId = await store.customerOf(ref);
      if (!customerId) return null;
      const raw = await redis.get(`${keys.customer(customerId)}${slotKeys.case(ref)}`);
      return raw ? (JSON.parse(raw) as Case) : null;
    },
    async customer(customerId) {
      const raw = await redis.get(`${keys.customer(customerId)}${slotKeys.profile}`);
      return raw ? (JSON.parse(raw) as CustomerProfile) : null;
    },
    async transcript(kase) {
      const raw = await redis.lrange(`${keys.customer(kase.customerId)}${slotKeys.log}`, 0, -1);
      const entries = caseTranscript(
        kase,
        raw.map((line) => JSON.parse(line) as TranscriptEntry),
      );
      const ids = entries.flatMap((entry) =>
        entry.kind === 'out' && typeof entry.meta?.messageId === 'string' ? [entry.meta.messageId] : [],
      );
      const states = await deliveries.getMany(ids);
      return entries.map((entry) => {
        const state =
          typeof entry.meta?.messageId === 'string' ? states.get(entry.meta.messageId) : undefined;
        return state ? { ...entry, meta: { ...entry.meta, delivery: state.state } } : entry;
      });
    },
    async many(refs) {
      if (refs.length === 0) return [];
      const owners = await getMany(
        redis,
        refs.map((ref) => keys.caseIndex(ref)),
      );
      const caseKeys = refs.flatMap((ref, n) =>
        owners[n] ? [`${keys.customer(owners[n]!)}${slotKeys.case(ref)}`] : [],
      );
      if (caseKeys.length === 0) return [];
      const values = await getMany(redis, caseKeys);
      return values
        .filter((value): value is string => value !== null)
        .map((value) => JSON.parse(value) as Case);
    },
    async createdBetween(from, to) {
      const refs = await redis.zrangebyscore(keys.allCases(), from.getTime(), to.getTime());
      return store.many(refs);
    },
  };
  return store;
}
