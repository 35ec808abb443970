/**
 * The backfill's second part: what lives outside customers' slots — contracts, visit plans,
 * knowledge-base entries, audit trails and delivery states — copied into the record the way the
 * recorder records their changes (src/record/changes.ts), so a second run changes nothing.
 */
import type { Cluster, Redis } from 'ioredis';
import { sql } from 'kysely';
import { kbKeys } from '../cases/kb-store.js';
import type { RecordChange } from '../cases/record-changes.js';
import type { KeySpace } from '../conversation/keys.js';
import type { RecordDb } from '../db/connect.js';
import { isCluster } from '../redis/connect.js';
import { getMany } from '../redis/slots.js';
import type { BackfillProgress, GlobalPhase } from './backfill-progress.js';
import { applyChanges, auditHash, type ChangeEntry } from './changes.js';

interface Options {
  redis: Redis;
  keys: KeySpace;
  db: RecordDb;
  onProgress?: (progress: BackfillProgress) => void;
}

const PATTERNS: Record<Exclude<GlobalPhase, 'kb'>, (prefix: string) => string> = {
  contracts: (prefix) => `${prefix}:contract:*`,
  'visit-plans': (prefix) => `${prefix}:visit-plan:*`,
  audit: (prefix) => `${prefix}:audit:*`,
  deliveries: (prefix) => `${prefix}:delivery:*`,
};

function nodesOf(redis: Redis): Redis[] {
  return isCluster(redis) ? ((redis as unknown as Cluster).nodes('master') as Redis[]) : [redis];
}

/** Audit entries the record has fewer copies of, per case (source_id null: they came from the list). */
async function backfillAudit(redis: Redis, db: RecordDb, prefix: string, keys: string[]): Promise<number> {
  let added = 0;
  for (const key of keys) {
    const ref = key.slice(`${prefix}:audit:`.length);
    // `audit:once:<id>` and `audit:viewed:<ref>:<staff>` are the trail's own bookkeeping.
    if (ref.startsWith('once:') || ref.startsWith('viewed:')) continue;
    const raw = await redis.lrange(key, 0, -1);
    await db.transaction().execute(async (trx) => {
      const counts = await trx
        .selectFrom('audit_entries')
        .select(['line_hash', sql<string>`count(*)`.as('n')])
        .where('ref', '=', ref)
        .groupBy('line_hash')
        .execute();
      const recorded = new Map(counts.map((row) => [row.line_hash, Number(row.n)]));
      const seen = new Map<string, number>();
      const rows = raw.flatMap((line) => {
        const hash = auditHash(ref, line);
        const copy = (seen.get(hash) ?? 0) + 1;
        seen.set(hash, copy);
        if (copy <= (recorded.get(hash) ?? 0)) return [];
        const entry = JSON.parse(line) as { at: string; staff: string; action: string; detail?: string };
        return [{ source_id: null, line_hash: hash, ref, ...entry, detail: entry.detail ?? null }];
      });
      if (rows.length > 0) await trx.insertInto('audit_entries').values(rows).execute();
      added += rows.length;
    });
  }
  return added;
}

async function changesOf(
  redis: Redis,
  phase: GlobalPhase,
  prefix: string,
  keys: string[],
): Promise<ChangeEntry[]> {
  const values = await getMany(redis, keys);
  return values.flatMap((raw, n): ChangeEntry[] => {
    if (!raw) return [];
    const value = JSON.parse(raw);
    const id = `backfill:${keys[n]}`;
    if (phase === 'contracts') return [{ id, change: { type: 'contract', contract: value } }];
    if (phase === 'visit-plans') return [{ id, change: { type: 'visit_plan', plan: value } }];
    const messageId = keys[n]!.slice(`${prefix}:delivery:`.length);
    return [{ id, change: { type: 'delivery', messageId, state: value } as RecordChange }];
  });
}

/** One phase, scanned master by master from where the progress says; saves progress after each batch. */
export async function backfillGlobal(
  options: Options,
  progress: BackfillProgress,
  save: (progress: BackfillProgress) => Promise<void>,
): Promise<void> {
  const { redis, keys: keySpace, db } = options;
  const prefix = keySpace.prefix;
  const phase = progress.phase as GlobalPhase;
  if (phase === 'kb') {
    const entries = Object.entries(await redis.hgetall(kbKeys(prefix).entries));
    const changes = entries.map(
      ([id, raw]): ChangeEntry => ({
        id: `backfill:kb:${id}`,
        change: { type: 'kb', record: JSON.parse(raw) },
      }),
    );
    await db.transaction().execute((trx) => applyChanges(trx, changes));
    progress.counts.kb = changes.length;
    await save(progress);
    options.onProgress?.(progress);
    return;
  }
  const nodes = nodesOf(redis);
  while (progress.node < nodes.length) {
    const [next, found] = await nodes[progress.node]!.scan(
      progress.cursor,
      'MATCH',
      PATTERNS[phase](prefix),
      'COUNT',
      500,
    );
    if (phase === 'audit') {
      progress.counts.audit = (progress.counts.audit ?? 0) + (await backfillAudit(redis, db, prefix, found));
    } else if (found.length > 0) {
      const changes = await changesOf(redis, phase, prefix, found);
      await db.transaction().execute((trx) => applyChanges(trx, changes));
      progress.counts[phase] = (progress.counts[phase] ?? 0) + changes.length;
    }
    if (next === '0') progress.node++;
    progress.cursor = next;
    await save(progress);
    options.onProgress?.(progress);
  }
}
