/**
 * The recorder: copies what the desk commits to Redis into PostgreSQL, behind the customer's path, in
 * batches. It runs in every worker process, all of them one consumer group (src/record/stream.ts):
 *
 * - each round reads new marks and changes (one blocking read), the marks it holds that are not done
 *   yet, and now and then the marks of consumers that stopped answering;
 * - reads each marked customer's record stream once, in their slot, with the state of the marked items;
 * - writes everything in one transaction (src/record/apply.ts: idempotent by event id, in stream order
 *   per customer);
 * - only then trims the customer streams and acknowledges what is fully recorded. PostgreSQL away means
 *   nothing is acknowledged: the streams keep everything, and the next round (after a pause that grows
 *   to a few seconds) tries again. A restart continues from the group's pending entries.
 */
import { hostname } from 'node:os';
import type { Redis } from 'ioredis';
import { type KeySpace, slotKeys } from '../conversation/keys.js';
import { isUnreachable, type RecordDb } from '../db/connect.js';
import type { Logger } from '../logger.js';
import type { Metrics } from '../metrics.js';
import { scanKeys } from '../redis/slots.js';
import { recordBatch } from './apply.js';
import type { ChangeEntry } from './changes.js';
import type { RecordEvent } from './events.js';
import {
  acknowledge,
  type CustomerRead,
  defineRecordScripts,
  ensureGroups,
  GROUP,
  type Mark,
  markOf,
  readCustomer,
  trimCustomer,
} from './stream.js';

/** A mark whose item never shows up in its customer's slot (its admit went elsewhere or failed). */
const ABSENT_GIVE_UP_MS = 60_000;
/** Marks held by a consumer silent this long are taken over. */
const CLAIM_IDLE_MS = 30_000;
const CLAIM_EVERY_MS = 10_000;
const MAX_PAUSE_MS = 5_000;
/** Marks per read: a round costs about twenty round trips whatever its size, so under load it should be large. */
const READ_MARKS = 1000;
const ORPHAN_SWEEP_MS = 3600_000;
/** The name `write` gives the global changes when it reports what failed. */
const CHANGES = '(changes)';

export interface RecorderOptions {
  redis: Redis;
  keys: KeySpace;
  db: RecordDb;
  logger: Logger;
  metrics?: Metrics;
  /** Called when PostgreSQL cannot be reached (the embedded server restarts itself here). */
  onUnreachable?: () => Promise<void>;
  /** How long a round waits for new marks when there is nothing else to do. @defaultValue 1000 */
  blockMs?: number;
  /** Marks held this long by a silent consumer are taken over. @defaultValue 30000 */
  claimIdleMs?: number;
}

type RawEntry = [string, string[]];
/** XREADGROUP's reply: pairs of stream and entries — or, as a RESP3 map, one flat list of both. */
type ReadReply = Array<[string, RawEntry[]]> | Array<string | RawEntry[]> | null;

function streamsOf(reply: ReadReply): Array<[string, RawEntry[]]> {
  if (!reply || reply.length === 0) return [];
  if (Array.isArray(reply[0])) return reply as Array<[string, RawEntry[]]>;
  const pairs: Array<[string, RawEntry[]]> = [];
  for (let n = 0; n + 1 < reply.length; n += 2) pairs.push([reply[n] as string, reply[n + 1] as RawEntry[]]);
  return pairs;
}

export interface RoundResult {
  recorded: number;
  /** Marks still waiting for their item (or for PostgreSQL). */
  waiting: number;
}

export class Recorder {
  readonly consumer = `${hostname()}:${process.pid}:${Math.random().toString(36).slice(2, 8)}`;
  private readonly blocking: Redis;
  private running: Promise<void> | null = null;
  private stopping = false;
  private pauseMs = 0;
  private lastClaim = 0;
  private lastPending = 0;
  private groupsReady = false;
  private orphanTimer: NodeJS.Timeout | null = null;
  /** Whether the last round reached PostgreSQL (for readiness). */
  reachable = true;

  constructor(private readonly options: RecorderOptions) {
    defineRecordScripts(options.redis);
    // Blocking reads get a connection of their own: they would hold up every command queued behind them.
    this.blocking = options.redis.duplicate();
    this.blocking.on('error', () => undefined);
  }

  start(): void {
    this.running ??= this.loop();
    // Belt and braces for a Redis that lost a mark but kept the commit (a cluster node's AOF losing its
    // last second): now, and every hour, every customer stream still there gets a mark of its own.
    void this.markOrphans();
    this.orphanTimer = setInterval(() => void this.markOrphans(), ORPHAN_SWEEP_MS);
    this.orphanTimer.unref();
  }

  /** Marks every customer record stream found in Redis (its entries are then recorded as usual). */
  async markOrphans(): Promise<number> {
    const { redis, keys, logger } = this.options;
    let marked = 0;
    try {
      for await (const found of scanKeys(redis, `${keys.customer('*')}${slotKeys.recordStream}`, 1000)) {
        for (const key of found) {
          await redis.xadd(
            keys.recordMarks(),
            '*',
            'c',
            key.slice(key.indexOf('{c:') + 3, key.indexOf('}')),
            'i',
            '',
          );
          marked++;
        }
      }
    } catch (error) {
      logger.warn({ err: error }, 'record: the sweep for unmarked streams failed; it runs again later');
    }
    return marked;
  }

  async stop(): Promise<void> {
    this.stopping = true;
    if (this.orphanTimer) clearInterval(this.orphanTimer);
    await this.running;
    this.blocking.disconnect();
  }

  private async loop(): Promise<void> {
    while (!this.stopping) {
      try {
        const round = await this.round(this.options.blockMs ?? 1000);
        this.pauseMs = 0;
        if (round.waiting > 0 && round.recorded === 0) await this.sleep(50);
      } catch (error) {
        this.pauseMs = Math.min(MAX_PAUSE_MS, Math.max(100, this.pauseMs * 2));
        if (isUnreachable(error)) {
          if (this.reachable)
            this.options.logger.warn({ err: error }, 'record: PostgreSQL unreachable; changes wait in Redis');
          this.reachable = false;
          await this.options.onUnreachable?.().catch(() => undefined);
        } else {
          this.options.logger.error({ err: error }, 'record: a round failed; it is tried again');
        }
        await this.sleep(this.pauseMs);
      }
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((done) => setTimeout(done, ms).unref());
  }

  /** One round: read, record, acknowledge. Exposed for tests and the backfill. */
  async round(blockMs = 0): Promise<RoundResult> {
    const { redis, keys } = this.options;
    if (!this.groupsReady) {
      await ensureGroups(redis, keys);
      this.groupsReady = true;
    }
    try {
      return await this.readAndRecord(blockMs);
    } catch (error) {
      if (!String((error as Error).message).includes('NOGROUP')) throw error;
      // The streams went away with their group (a Redis that lost its data): make it again, go on.
      await ensureGroups(redis, keys);
      return this.readAndRecord(blockMs);
    }
  }

  private async readAndRecord(blockMs: number): Promise<RoundResult> {
    const held = await this.heldMarks();
    const fresh = await this.readNew(held.marks.length > 0 ? 0 : blockMs);
    const claimed = await this.claimAbandoned();
    const marks = [...held.marks, ...fresh.marks, ...claimed.marks];
    const changes = [...held.changes, ...fresh.changes, ...claimed.changes];
    if (marks.length === 0 && changes.length === 0) return { recorded: 0, waiting: 0 };
    return this.record(marks, changes);
  }

  private async record(marks: Mark[], changes: ChangeEntry[]): Promise<RoundResult> {
    const { redis, keys, metrics } = this.options;
    const byCustomer = new Map<string, Mark[]>();
    for (const mark of marks)
      byCustomer.set(mark.customerId, [...(byCustomer.get(mark.customerId) ?? []), mark]);
    const reads = await Promise.all(
      [...byCustomer].map(([customerId, own]) =>
        readCustomer(
          redis,
          keys,
          customerId,
          own.map((m) => m.itemId),
        ),
      ),
    );
    const events = reads.flatMap((read) => read.events);
    const started = Date.now();
    const { recorded, failed } = await this.write(reads, changes);
    this.reachable = true;
    metrics?.recordBatchSeconds.observe((Date.now() - started) / 1000);
    const now = Date.now();
    for (const event of events)
      metrics?.recordLagSeconds.observe(Math.max(0, now - event.at.getTime()) / 1000);
    metrics?.recordEvents.inc(recorded);
    const written = reads.filter((read) => !failed.has(read.customerId));
    await Promise.all(
      written.flatMap((read) =>
        read.lastId ? [trimCustomer(redis, keys, read.customerId, read.lastId)] : [],
      ),
    );
    const done = written.flatMap((read) => this.finishedMarks(read, byCustomer.get(read.customerId)!, now));
    await acknowledge(redis, keys.recordMarks(), done);
    if (!failed.has(CHANGES)) {
      await acknowledge(
        redis,
        keys.recordChanges(),
        changes.map((change) => change.id),
      );
    }
    return { recorded, waiting: marks.length - done.length };
  }

  /**
   * One transaction for the whole round. Should it fail for a reason other than PostgreSQL being away
   * (a change the record cannot take), each customer is tried on their own, so one customer's trouble
   * holds up only their own changes — which stay in Redis, logged, and are tried again.
   */
  private async write(reads: CustomerRead[], changes: ChangeEntry[]) {
    const { db, logger, metrics } = this.options;
    const failed = new Set<string>();
    try {
      return {
        recorded: await recordBatch(
          db,
          reads.flatMap((read) => read.events),
          changes,
        ),
        failed,
      };
    } catch (error) {
      if (isUnreachable(error)) throw error;
      logger.warn({ err: error }, 'record: a batch was refused; recording it customer by customer');
    }
    let recorded = 0;
    const parts: Array<[string, RecordEvent[], ChangeEntry[]]> = [
      ...reads.map((read): [string, RecordEvent[], ChangeEntry[]] => [read.customerId, read.events, []]),
      [CHANGES, [], changes],
    ];
    for (const [name, events, own] of parts) {
      try {
        recorded += await recordBatch(db, events, own);
      } catch (error) {
        if (isUnreachable(error)) throw error;
        failed.add(name);
        metrics?.recordFailures.inc();
        logger.error({ err: error, customerId: name }, 'record: changes not recorded; they stay in Redis');
      }
    }
    return { recorded, failed };
  }

  /** Marks whose item is committed and whose customer's stream was recorded to its end. */
  private finishedMarks(read: CustomerRead, marks: Mark[], now: number): string[] {
    return marks.flatMap((mark, n) => {
      const state = read.states[n];
      // A sweep's mark names no item: reading the stream to its end is all it asks for.
      if ((state === 'done' || mark.itemId === '') && read.complete) return [mark.id];
      if (state === 'absent' && now - mark.at > ABSENT_GIVE_UP_MS) return [mark.id];
      return [];
    });
  }

  private parse(reply: ReadReply): { marks: Mark[]; changes: ChangeEntry[] } {
    const marks: Mark[] = [];
    const changes: ChangeEntry[] = [];
    for (const [stream, entries] of streamsOf(reply)) {
      for (const entry of entries) {
        // An entry deleted after it was delivered comes back without fields: it was recorded.
        if (!entry[1]) continue;
        if (stream === this.options.keys.recordMarks()) marks.push(markOf(entry));
        else changes.push({ id: entry[0], change: JSON.parse(entry[1][1] ?? 'null') });
      }
    }
    return { marks, changes: changes.filter((change) => change.change !== null) };
  }

  private async readNew(blockMs: number) {
    const { keys } = this.options;
    const args = ['GROUP', GROUP, this.consumer, 'COUNT', READ_MARKS];
    const block = blockMs > 0 ? ['BLOCK', blockMs] : [];
    const reply = (await this.blocking.call(
      'XREADGROUP',
      ...args,
      ...block,
      'STREAMS',
      keys.recordMarks(),
      keys.recordChanges(),
      '>',
      '>',
    )) as ReadReply;
    return this.parse(reply);
  }

  /** Marks (and changes) this consumer holds from earlier rounds, at most every 100 ms. */
  private async heldMarks() {
    if (Date.now() - this.lastPending < 100) return { marks: [], changes: [] };
    this.lastPending = Date.now();
    const { redis, keys } = this.options;
    const reply = (await redis.call(
      'XREADGROUP',
      'GROUP',
      GROUP,
      this.consumer,
      'COUNT',
      READ_MARKS,
      'STREAMS',
      keys.recordMarks(),
      keys.recordChanges(),
      '0',
      '0',
    )) as ReadReply;
    return this.parse(reply);
  }

  /** Takes over what consumers that went quiet (a process that died) still held. */
  private async claimAbandoned() {
    const every = Math.min(CLAIM_EVERY_MS, this.options.claimIdleMs ?? CLAIM_EVERY_MS);
    if (Date.now() - this.lastClaim < every) return { marks: [], changes: [] };
    this.lastClaim = Date.now();
    const { redis, keys } = this.options;
    const claim = async (stream: string) => {
      const [, entries] = (await redis.call(
        'XAUTOCLAIM',
        stream,
        GROUP,
        this.consumer,
        this.options.claimIdleMs ?? CLAIM_IDLE_MS,
        '0-0',
        'COUNT',
        READ_MARKS,
      )) as [string, RawEntry[]];
      return [stream, entries] as [string, RawEntry[]];
    };
    return this.parse([await claim(keys.recordMarks()), await claim(keys.recordChanges())]);
  }

  /** Records until nothing waits (or the time is up): for tests, the backfill and shutdown. */
  async drain(timeoutMs = 10_000): Promise<number> {
    const until = Date.now() + timeoutMs;
    let total = 0;
    this.lastPending = 0;
    while (Date.now() < until) {
      this.lastPending = 0;
      const round = await this.round(0);
      total += round.recorded;
      if (round.waiting === 0 && round.recorded === 0) {
        const left = await this.options.redis.xlen(this.options.keys.recordMarks());
        const changes = await this.options.redis.xlen(this.options.keys.recordChanges());
        if (left === 0 && changes === 0) return total;
      }
      await this.sleep(20);
    }
    return total;
  }
}

export type { RecordEvent };
