/**
 * `npm run record -- backfill`: copies what a Redis-only installation holds into the record, so the
 * record starts complete; the recorder then keeps it so.
 *
 * - Idempotent: snapshots (customers, cases, contracts, …) replace the record's copy only if they are
 *   newer; transcript lines and audit entries are counted by what they say, per customer (per case),
 *   and only the ones the record has fewer of are added — a second run adds nothing.
 * - Consistent with the recorder running beside it: each customer is read in one step in their slot
 *   (profile, cases, transcript and record stream together), their unrecorded commits are recorded
 *   first, under the same per-customer lock the recorder takes, and the snapshot after them.
 * - Resumable: where the scan stands is saved with each batch (`record_progress`); a new run continues
 *   there. Progress is reported as it goes.
 */
import type { Cluster, Redis } from 'ioredis';
import { sql, type Transaction } from 'kysely';
import type { Case, CustomerProfile, TranscriptEntry } from '../cases/types.js';
import type { KeySpace } from '../conversation/keys.js';
import type { RecordDb } from '../db/connect.js';
import type { RecordDatabase } from '../db/schema.js';
import { isCluster } from '../redis/connect.js';
import { applyPlanned, lockCustomers, recordInTransaction } from './apply.js';
import { backfillGlobal } from './backfill-global.js';
import {
  type BackfillProgress,
  type GlobalPhase,
  globalPhases,
  loadProgress,
  saveProgress,
} from './backfill-progress.js';
import { type PlannedChanges, type RecordEvent, versionOf } from './events.js';
import { lineHash, type TranscriptLine } from './rows.js';

export type { BackfillProgress };

type Trx = Transaction<RecordDatabase>;

/**
 * KEYS: the profile (it names the slot; a cluster routes by it). ARGV: the customer's key prefix.
 * Returns profile, cases (by the profile's list), log, record stream, server time.
 */
const READ_CUSTOMER = `
local prefix = ARGV[1]
local profile = redis.call('GET', prefix .. 'profile') or ''
local cases = {}
if profile ~= '' then
  local ok, decoded = pcall(cjson.decode, profile)
  if ok and type(decoded.cases) == 'table' then
    for _, ref in ipairs(decoded.cases) do cases[#cases + 1] = redis.call('GET', prefix .. 'case:' .. ref) or '' end
  end
end
local log = redis.call('LRANGE', prefix .. 'log', 0, -1)
local stream = redis.call('XRANGE', prefix .. 'rec', '-', '+')
local now = redis.call('TIME')
return { profile, cases, log, stream, now[1], now[2] }
`;

export interface BackfillOptions {
  redis: Redis;
  keys: KeySpace;
  db: RecordDb;
  /** Called after each batch (and at the end) with where it stands. */
  onProgress?: (progress: BackfillProgress) => void;
  /** Start from the beginning, even if an earlier run finished or stopped half-way. */
  restart?: boolean;
}

function nodesOf(redis: Redis): Redis[] {
  return isCluster(redis) ? ((redis as unknown as Cluster).nodes('master') as Redis[]) : [redis];
}

interface CustomerSnapshot {
  customerId: string;
  profile: CustomerProfile | null;
  cases: Case[];
  log: string[];
  events: RecordEvent[];
  version: string;
}

async function readCustomer(redis: Redis, keys: KeySpace, customerId: string): Promise<CustomerSnapshot> {
  const base = keys.customer(customerId);
  const [profile, cases, log, stream, seconds, micros] = (await redis.eval(
    READ_CUSTOMER,
    1,
    `${base}profile`,
    base,
  )) as [string, string[], string[], Array<[string, string[]]>, string, string];
  const field = (fields: string[], name: string) => fields[fields.indexOf(name) + 1] ?? '';
  const ms = Number(seconds) * 1000 + Math.floor(Number(micros) / 1000);
  return {
    customerId,
    profile: profile ? (JSON.parse(profile) as CustomerProfile) : null,
    cases: cases.filter(Boolean).map((raw) => JSON.parse(raw) as Case),
    log,
    events: stream.map(([streamId, fields]) => ({
      id: `${customerId}/${field(fields, 'i')}`,
      customerId,
      streamId,
      version: versionOf(streamId),
      at: new Date(Number(streamId.split('-')[0])),
      kind: field(fields, 'k'),
      writes: JSON.parse(field(fields, 'w') || '[]'),
    })),
    // The snapshot is as of this read: newer than every commit already on the stream.
    version: versionOf(`${ms}-0`),
  };
}

/** Lines the record has fewer copies of than Redis, counted per line per customer. */
async function missingLines(trx: Trx, snapshot: CustomerSnapshot): Promise<TranscriptLine[]> {
  if (snapshot.log.length === 0) return [];
  const hashes = snapshot.log.map((raw) => lineHash(snapshot.customerId, raw));
  const rows = await trx
    .selectFrom('transcript_entries')
    .select(['line_hash', sql<string>`count(*)`.as('n')])
    .where('customer_id', '=', snapshot.customerId)
    .where('line_hash', 'in', [...new Set(hashes)])
    .groupBy('line_hash')
    .execute();
  const recorded = new Map(rows.map((row) => [row.line_hash, Number(row.n)]));
  const seen = new Map<string, number>();
  return snapshot.log.flatMap((raw, n) => {
    const hash = hashes[n]!;
    const copy = (seen.get(hash) ?? 0) + 1;
    seen.set(hash, copy);
    if (copy <= (recorded.get(hash) ?? 0)) return [];
    return [
      { customerId: snapshot.customerId, raw, entry: JSON.parse(raw) as TranscriptEntry, position: '0', n },
    ];
  });
}

async function recordSnapshots(db: RecordDb, snapshots: CustomerSnapshot[], counts: Record<string, number>) {
  await db.transaction().execute(async (trx) => {
    await lockCustomers(trx, snapshots.map((s) => s.customerId).sort());
    // Commits not yet recorded go first, as the recorder would record them.
    counts.commits =
      (counts.commits ?? 0) +
      (await recordInTransaction(
        trx,
        snapshots.flatMap((s) => s.events),
      ));
    const planned: PlannedChanges = {
      profiles: new Map(),
      cases: [],
      lines: [],
      evicted: new Set(),
      erased: [],
      purged: [],
    };
    for (const snapshot of snapshots) {
      if (snapshot.profile)
        planned.profiles.set(snapshot.customerId, { profile: snapshot.profile, version: snapshot.version });
      for (const kase of snapshot.cases)
        planned.cases.push({
          case: kase,
          version: snapshot.version,
          eventId: `backfill/${snapshot.customerId}`,
        });
      planned.lines.push(...(await missingLines(trx, snapshot)));
    }
    await applyPlanned(trx, planned);
    counts.customers = (counts.customers ?? 0) + planned.profiles.size;
    counts.cases = (counts.cases ?? 0) + planned.cases.length;
    counts.lines = (counts.lines ?? 0) + planned.lines.length;
  });
}

/** Customers: every `<prefix>:{c:ID}:profile`, scanned master by master from where the last run stopped. */
async function backfillCustomers(options: BackfillOptions, progress: BackfillProgress): Promise<void> {
  const { redis, keys, db } = options;
  const nodes = nodesOf(redis);
  const pattern = `${keys.customer('*')}profile`;
  while (progress.node < nodes.length) {
    const [next, found] = await nodes[progress.node]!.scan(progress.cursor, 'MATCH', pattern, 'COUNT', 200);
    const ids = found.map((key) => key.slice(key.indexOf('{c:') + 3, key.indexOf('}')));
    const snapshots = await Promise.all(ids.map((id) => readCustomer(redis, keys, id)));
    if (snapshots.length > 0) await recordSnapshots(db, snapshots, progress.counts);
    // A SCAN back at 0 has finished that master: the saved position is the next one's start.
    if (next === '0') progress.node++;
    progress.cursor = next;
    await saveProgress(db, progress);
    options.onProgress?.(progress);
  }
}

export async function backfill(options: BackfillOptions): Promise<BackfillProgress> {
  const progress = await loadProgress(options.db, options.restart ?? false);
  if (progress.phase === 'customers') {
    await backfillCustomers(options, progress);
    progress.phase = globalPhases[0]!;
    progress.node = 0;
    progress.cursor = '0';
    await saveProgress(options.db, progress);
  }
  for (let n = globalPhases.indexOf(progress.phase as GlobalPhase); n >= 0 && n < globalPhases.length; n++) {
    progress.phase = globalPhases[n]!;
    await backfillGlobal(options, progress, (p) => saveProgress(options.db, p));
    progress.node = 0;
    progress.cursor = '0';
  }
  progress.phase = 'done';
  progress.finishedAt = new Date().toISOString();
  await saveProgress(options.db, progress);
  options.onProgress?.(progress);
  return progress;
}
