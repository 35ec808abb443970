/**
 * The knowledge base as the bot uses it in this process: the `flows/kb/` files plus the entries
 * approved in the console. `fresh()` reads the version counter (one GET) and, only when a process
 * approved, edited or retired an entry since, reloads the approved entries. The desk calls it as each
 * inbound message arrives (the GET travels with the inbox's first command) and the remote-fix step
 * awaits it, so an approval reaches every process at the next customer, with no restart.
 */
import type { KbStore } from '../cases/kb-store.js';
import { validateKbEntry } from '../kb/draft.js';
import { withApprovedEntries } from '../kb/merge.js';
import type { KbEntry, KnowledgeBase } from '../kb/schema.js';

export interface LiveKnowledgeBase {
  /** The last one loaded (the files alone until the first `fresh()`). */
  current(): KnowledgeBase;
  /** Up to date with Redis. */
  fresh(): Promise<KnowledgeBase>;
}

export function createLiveKnowledgeBase(files: KnowledgeBase, store: KbStore): LiveKnowledgeBase {
  let loaded = { version: '0', kb: files };
  let loading: Promise<KnowledgeBase> | null = null;

  const reload = async (version: string): Promise<KnowledgeBase> => {
    const records = await store.list();
    const approved: KbEntry[] = [];
    for (const record of records) {
      if (record.status !== 'approved') continue;
      // Approval validated it; checking again keeps a hand-edited Redis value from reaching customers.
      const { entry } = validateKbEntry(record.id, record.fields);
      if (entry) approved.push(entry);
    }
    // Oldest first, so the matcher's tie order does not change as entries are added.
    approved.reverse();
    loaded = { version, kb: withApprovedEntries(files, approved) };
    return loaded.kb;
  };

  return {
    current: () => loaded.kb,
    async fresh() {
      const version = await store.version();
      if (version === loaded.version) return loaded.kb;
      // Concurrent turns share one reload.
      loading ??= reload(version).finally(() => {
        loading = null;
      });
      return loading;
    },
  };
}
