/**
 * HOT_DAYS: a finished case — closed, or resolved and never closed (a follow-up nobody answered) —
 * leaves Redis this many days after it finished, once the record holds its latest state. The record
 * says which cases those are (finished, still hot, long enough ago — an index serves exactly this);
 * each is evicted through its customer's inbox (src/desk/evict-commands.ts), which checks that the case
 * has not changed since the record's copy.
 */
import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { RecordDb } from '../db/connect.js';
import type { Desk } from '../desk/desk.js';
import { EVICT_KIND, type EvictPayload } from '../desk/evict-commands.js';

const PAGE = 200;

export interface EvictionResult {
  evicted: number;
  /** Cases that changed after the record's copy (or are not recorded yet): tried again next time. */
  skipped: number;
}

/** Evicts every case finished more than `hotDays` before `now`; returns what happened. */
export async function evictClosedCases(
  desk: Desk,
  db: RecordDb,
  hotDays: number,
  now: Date,
): Promise<EvictionResult> {
  const cutoff = new Date(now.getTime() - hotDays * 24 * 3600_000);
  const result: EvictionResult = { evicted: 0, skipped: 0 };
  // Page by (finished, ref): an evicted case stays `hot` until the recorder has its eviction.
  const finished = sql<Date>`coalesce(closed_at, resolved_at)`;
  let after: { finishedAt: Date; ref: string } | null = null;
  for (;;) {
    let query = db
      .selectFrom('cases')
      .select([
        'ref',
        'customer_id',
        finished.as('finished_at'),
        sql<string>`data ->> 'updatedAt'`.as('updated_at'),
      ])
      .where('hot', '=', true)
      .where('status', 'in', ['resolved', 'closed'])
      .where(finished, '<', cutoff);
    if (after) query = query.where(sql<boolean>`(${finished}, ref) > (${after.finishedAt}, ${after.ref})`);
    const rows = await query.orderBy(finished).orderBy('ref').limit(PAGE).execute();
    if (rows.length === 0) return result;
    for (const row of rows) {
      after = { finishedAt: row.finished_at, ref: row.ref };
      const payload: EvictPayload = { ref: row.ref, recordedUpdatedAt: row.updated_at };
      const digest = createHash('sha256').update(row.updated_at).digest('hex').slice(0, 12);
      const outcome = await desk.command<{ evicted: boolean }>(row.customer_id, EVICT_KIND, payload, {
        caseRef: row.ref,
        id: `evict-${row.ref}-${digest}`,
        // The result names the case: it must not outstay it.
        resultTtlSeconds: 60,
      });
      if (outcome.evicted) result.evicted++;
      else result.skipped++;
    }
  }
}
