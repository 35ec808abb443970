/**
 * Knowledge-base entries written in the console: drafts from resolved cases, approved entries the bot
 * uses, and rejected or retired ones kept for the record. One hash of records and one version counter
 * that every change to what the bot uses bumps; both share the hash tag `{<prefix>:kb}`, so the write
 * and the bump are one MULTI on one server and on a Redis Cluster alike. Each app process compares the
 * counter (one GET) before it suggests a remote fix and reloads the approved entries when it moved.
 */
import type { Redis } from 'ioredis';
import type { KbEntryFields } from '../kb/draft.js';
import { recordChangeWrite } from './record-changes.js';

export type KbEntryStatus = 'draft' | 'approved' | 'rejected' | 'retired';

export interface KbRecord {
  /** The entry's id in the knowledge base (`case_sr_2611_0001`). */
  id: string;
  status: KbEntryStatus;
  fields: KbEntryFields;
  /** The case it was drafted from, and the work item that drafted it (a replay is recognised by it). */
  source: { caseRef: string; workItem?: string } | null;
  author: string;
  createdAt: string;
  updatedAt: string;
  updatedBy: string;
  /** Who approved, rejected or retired it, and when. */
  decidedBy?: string;
  decidedAt?: string;
}

export interface KbStore {
  get(id: string): Promise<KbRecord | null>;
  /** Every record, newest first. */
  list(): Promise<KbRecord[]>;
  /** Stores a new draft; false (and nothing written) when the id exists. */
  createDraft(record: KbRecord): Promise<boolean>;
  /** Replaces a record; `affectsBot` bumps the version (it is or was approved). */
  put(record: KbRecord, affectsBot: boolean): Promise<void>;
  /** The version counter ("0" before the first approval). */
  version(): Promise<string>;
}

export function kbKeys(prefix: string) {
  return { entries: `{${prefix}:kb}:entries`, version: `{${prefix}:kb}:version` };
}

export function createKbStore(redis: Redis, prefix: string): KbStore {
  const keys = kbKeys(prefix);
  const parse = (raw: string) => JSON.parse(raw) as KbRecord;
  const appendChange = async (record: KbRecord) => {
    const [, key, ...args] = recordChangeWrite(prefix, { type: 'kb', record });
    await redis.call('xadd', key, ...args);
  };
  return {
    async get(id) {
      const raw = await redis.hget(keys.entries, id);
      return raw ? parse(raw) : null;
    },
    async list() {
      const all = Object.values(await redis.hgetall(keys.entries)).map(parse);
      return all.sort((a, b) => b.createdAt.localeCompare(a.createdAt) || a.id.localeCompare(b.id));
    },
    async createDraft(record) {
      const created = (await redis.hsetnx(keys.entries, record.id, JSON.stringify(record))) === 1;
      // Only a draft that was created is the record's (an existing entry with that id stays as it is).
      if (created) await appendChange(record);
      return created;
    },
    async put(record, affectsBot) {
      // The change goes on the record stream first: its slot is not the entries' slot, so it cannot
      // join their MULTI on a cluster; a crash in between leaves the record with the change.
      await appendChange(record);
      const multi = redis.multi().hset(keys.entries, record.id, JSON.stringify(record));
      if (affectsBot) multi.incr(keys.version);
      const replies = await multi.exec();
      const failed = replies?.find(([error]) => error);
      if (failed) throw failed[0];
    },
    async version() {
      return (await redis.get(keys.version)) ?? '0';
    },
  };
}
