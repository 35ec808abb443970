/**
 * Reading cases and customers outside the inbox (staff views, KPIs). Writes never happen here: they go
 * through the customer's inbox (src/desk).
 *
 * Redis first, then the record: an open case (and a closed one for HOT_DAYS) is read from Redis, its
 * live state; a case only the record holds — it left Redis after HOT_DAYS, or Redis was lost — is read
 * from PostgreSQL (record-reader.ts), with its transcript.
 */
import type { Redis } from 'ioredis';
import { keySpace, slotKeys } from '../conversation/keys.js';
import { getMany } from '../redis/slots.js';
import { deliveryStore } from './deliveries.js';
import type { RecordReader } from './record-reader.js';
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

export function createCaseStore(redis: Redis, prefix: string, record?: RecordReader): CaseStore {
  const keys = keySpace(prefix);
  const deliveries = deliveryStore(redis, prefix);
  const hotCase = async (ref: string, customerId: string | null) => {
    if (!customerId) return null;
    const raw = await redis.get(`${keys.customer(customerId)}${slotKeys.case(ref)}`);
    return raw ? (JSON.parse(raw) as Case) : null;
  };
  const store: CaseStore = {
    async customerOf(ref) {
      return (await redis.get(keys.caseIndex(ref))) ?? (record ? record.customerOf(ref) : null);
    },
    async get(ref) {
      const hot = await hotCase(ref, await redis.get(keys.caseIndex(ref)));
      return hot ?? (record ? record.caseByRef(ref) : null);
    },
    async customer(customerId) {
      const raw = await redis.get(`${keys.customer(customerId)}${slotKeys.profile}`);
      if (raw) return JSON.parse(raw) as CustomerProfile;
      return record ? record.customer(customerId) : null;
    },
    async transcript(kase) {
      if (record && !(await redis.exists(`${keys.customer(kase.customerId)}${slotKeys.case(kase.ref)}`)))
        return record.transcript(kase);
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
      const hot = await hotMany(refs);
      if (!record || hot.length === refs.length) return hot;
      const found = new Map(hot.map((kase) => [kase.ref, kase]));
      for (const kase of await record.cases(refs.filter((ref) => !found.has(ref)))) found.set(kase.ref, kase);
      // In the order asked for, as Redis answers.
      return refs.flatMap((ref) => found.get(ref) ?? []);
    },
    async createdBetween(from, to) {
      const refs = await redis.zrangebyscore(keys.allCases(), from.getTime(), to.getTime());
      const hot = await hotMany(refs);
      if (!record) return hot;
      const cold = await record.createdBetween(
        from,
        to,
        hot.map((kase) => kase.ref),
      );
      return [...hot, ...cold].sort((a, b) => a.createdAt.localeCompare(b.createdAt));
    },
  };
  async function hotMany(refs: string[]): Promise<Case[]> {
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
  }
  return store;
}
