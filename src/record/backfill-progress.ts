/** Where a backfill stands, saved in the record itself after each batch so a new run continues there. */
import type { Transaction } from 'kysely';
import type { RecordDb } from '../db/connect.js';
import type { RecordDatabase } from '../db/schema.js';

export const globalPhases = ['contracts', 'visit-plans', 'kb', 'audit', 'deliveries'] as const;
export type GlobalPhase = (typeof globalPhases)[number];

export interface BackfillProgress {
  phase: 'customers' | GlobalPhase | 'done';
  /** Which master (a cluster has several) and where its SCAN stands. */
  node: number;
  cursor: string;
  counts: Record<string, number>;
  startedAt: string;
  finishedAt?: string;
}

const NAME = 'backfill';

export async function loadProgress(db: RecordDb, restart: boolean): Promise<BackfillProgress> {
  const fresh: BackfillProgress = {
    phase: 'customers',
    node: 0,
    cursor: '0',
    counts: {},
    startedAt: new Date().toISOString(),
  };
  if (restart) return fresh;
  const row = await db
    .selectFrom('record_progress')
    .select('value')
    .where('name', '=', NAME)
    .executeTakeFirst();
  const saved = row?.value as BackfillProgress | undefined;
  return saved && saved.phase !== 'done' ? saved : fresh;
}

export async function saveProgress(
  db: RecordDb | Transaction<RecordDatabase>,
  progress: BackfillProgress,
): Promise<void> {
  const row = { name: NAME, value: JSON.stringify(progress), updated_at: new Date() };
  await db
    .insertInto('record_progress')
    .values(row)
    .onConflict((oc) => oc.column('name').doUpdateSet({ value: row.value, updated_at: row.updated_at }))
    .execute();
}
