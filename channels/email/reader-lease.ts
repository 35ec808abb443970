/**
 * Only one process reads the mailbox: a lease in the channel's store (SET NX with a TTL), renewed by its
 * holder well before it lapses. A holder that dies stops renewing and another process takes over once
 * the TTL has run out. Renewal reads before it writes (the store has no compare-and-set); the window is
 * a few milliseconds against a TTL of tens of seconds, and two readers at once would still not answer
 * twice (the desk dedupes on Message-ID).
 */
import { randomUUID } from 'node:crypto';
import type { ChannelStore } from '../../src/port/channel.js';

export interface ReaderLease {
  readonly holder: string;
  /** Takes the lease if free, or renews it if ours; true while we hold it. */
  hold(): Promise<boolean>;
  release(): Promise<void>;
}

export function readerLease(store: ChannelStore, key: string, ttlSeconds: number): ReaderLease {
  const holder = `${process.pid}-${randomUUID().slice(0, 8)}`;
  return {
    holder,
    async hold() {
      if (await store.claim(key, holder, ttlSeconds)) return true;
      if ((await store.get<string>(key)) !== holder) return false;
      await store.set(key, holder, ttlSeconds);
      return true;
    },
    async release() {
      if ((await store.get<string>(key)) === holder) await store.delete(key);
    },
  };
}
