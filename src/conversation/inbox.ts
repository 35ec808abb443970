/**
 * The per-customer inbox: the one way anything changes a customer's data. See scripts.ts for the
 * protocol. Common path for one message: `admit` (1 round trip, returns the state to work on), the
 * handler's own side effects (e.g. outbox jobs, 1 round trip), `commit` (1 round trip).
 */
import { randomUUID } from 'node:crypto';
import type { ClientContext, Redis, Result } from 'ioredis';
import type { Logger } from '../logger.js';
import { isCluster } from '../redis/connect.js';
import { type KeySpace, keySpace, slotKeys } from './keys.js';
import { ADMIT, COMMIT, EXTEND, FORGET, TAKEOVER } from './scripts.js';

/** One unit of work for a customer. `id` deduplicates: a second admit of the same id is not run again. */
export interface WorkItem<P = unknown> {
  id: string;
  /** What kind of work: `inbound`, `staff.reply`, `deadline.breach`, … — the handler dispatches on it. */
  kind: string;
  /** The conversation (see conversationKeyOf) whose session the item needs, if any. */
  conversation?: string;
  /** The case the item is about; otherwise the session's current case is loaded. */
  caseRef?: string;
  payload: P;
  admittedAt: string;
  /** How long its result is kept, if not the inbox's default (work that must leave little behind). */
  resultTtlSeconds?: number;
}

/** State handed to the handler, parsed from what the scripts loaded. */
export interface LoadedState {
  customerId: string;
  item: WorkItem;
  profile: unknown | null;
  session: unknown | null;
  case: unknown | null;
}

/** A write inside the customer's slot: [op, key suffix, ...values]. */
export type SlotWrite =
  | ['set', string, string]
  | ['setex', string, string, number]
  | ['del', string]
  | ['rpush', string, ...string[]]
  | ['ltrim', string, number, number]
  | ['sadd', string, ...string[]]
  | ['srem', string, ...string[]];

export interface HandlerOutcome {
  /** Stored under the item id and returned to whoever submitted it (and to duplicate submissions). */
  result: unknown;
  /** Applied atomically with popping the item, only if the lock is still ours. */
  writes: SlotWrite[];
}

export type WorkHandler = (state: LoadedState) => Promise<HandlerOutcome>;

/**
 * A failure that may pass (Redis or a queue unreachable): the item stays in the inbox and is tried
 * again — by the next message of the customer or the recovery sweep — up to MAX_ATTEMPTS times.
 */
export class TransientWorkError extends Error {
  constructor(readonly reason: unknown) {
    super(reason instanceof Error ? reason.message : String(reason));
    this.name = 'TransientWorkError';
  }
}

const MAX_ATTEMPTS = 5;
/**
 * Inboxes `record` drains in the background at once in one process; beyond this, a caller waits for its
 * own item as `submit` does, so a flood slows the provider's webhooks instead of filling memory.
 */
const MAX_BACKGROUND = 256;
/** How long, and how many, results are kept in memory for waiters in this process. */
const LOCAL_RESULT_MS = 5_000;
const LOCAL_RESULTS = 2_000;

export interface SubmitResult<R = unknown> {
  /**
   * `queued`: recorded, but this process could not finish it; it will be processed later.
   * `recorded`: recorded and being processed (see `record`); the result is not awaited.
   */
  status: 'done' | 'duplicate' | 'timeout' | 'queued' | 'recorded';
  result?: R;
  customerId: string;
}

export interface InboxOptions {
  redis: Redis;
  prefix: string;
  handler: WorkHandler;
  logger: Logger;
  /** How long a holder may stay silent before another process takes its work over. */
  lockTtlMs?: number;
  /** How long results (and so dedupe of provider ids) are kept. */
  resultTtlSeconds?: number;
  /** How long `submit` waits for a queued item to be processed by another holder. */
  waitMs?: number;
  /**
   * Puts every commit on the customer's record stream and marks each admitted item for the recorder
   * (src/record/), which copies the changes into PostgreSQL. @defaultValue true
   */
  record?: boolean;
}

type ScriptReply = [string, ...string[]];

declare module 'ioredis' {
  interface RedisCommander<Context extends ClientContext = { type: 'default' }> {
    sbAdmit(...args: (string | number)[]): Result<ScriptReply, Context>;
    sbTakeover(...args: (string | number)[]): Result<ScriptReply, Context>;
    sbCommit(...args: (string | number)[]): Result<ScriptReply, Context>;
    sbExtend(...args: (string | number)[]): Result<number, Context>;
    sbForget(...args: (string | number)[]): Result<number, Context>;
  }
}

export function defineInboxScripts(redis: Redis): void {
  if (typeof (redis as Partial<Redis>).sbAdmit === 'function') return;
  redis.defineCommand('sbAdmit', { numberOfKeys: 4, lua: ADMIT });
  redis.defineCommand('sbTakeover', { numberOfKeys: 2, lua: TAKEOVER });
  redis.defineCommand('sbCommit', { numberOfKeys: 3, lua: COMMIT });
  redis.defineCommand('sbExtend', { numberOfKeys: 1, lua: EXTEND });
  redis.defineCommand('sbForget', { numberOfKeys: 1, lua: FORGET });
}

/**
 * Redis's Lua JSON decoder rejects a lone UTF-16 surrogate (half an emoji), which JSON.stringify writes
 * as an escape (`\ud83d`); valid pairs it writes as the characters themselves. So any surrogate escape
 * in our JSON — at any depth, writes carry JSON inside JSON — is a broken character: it becomes U+FFFD.
 * Everything sent to the scripts goes through here, so one broken character from a provider, an API body
 * or a string cut in half can never wedge a customer's inbox.
 */
const SURROGATE_ESCAPE = /\\ud[89a-f][0-9a-f]{2}/giu;

export function wellFormedJson(value: unknown): string {
  return JSON.stringify(value).replace(SURROGATE_ESCAPE, '\\ufffd');
}

function parseJson(text: string | undefined): unknown | null {
  return text ? JSON.parse(text) : null;
}

export class CustomerInbox {
  readonly keys: KeySpace;
  private readonly redis: Redis;
  private readonly handler: WorkHandler;
  private readonly log: Logger;
  private readonly lockTtlMs: number;
  private readonly resultTtl: number;
  private readonly waitMs: number;
  private readonly recording: boolean;
  /**
   * Results of items this process ran, for submitters waiting in this process: kept a few seconds (the
   * waiter picks it up at once; Redis keeps the result for everyone else) and never more than
   * LOCAL_RESULTS, so memory does not grow with the message rate.
   */
  private readonly localResults = new Map<string, unknown>();

  private rememberLocally(itemId: string, result: unknown): void {
    this.localResults.set(itemId, result);
    if (this.localResults.size > LOCAL_RESULTS) {
      const oldest = this.localResults.keys().next().value;
      if (oldest !== undefined) this.localResults.delete(oldest);
    }
    setTimeout(() => this.localResults.delete(itemId), LOCAL_RESULT_MS).unref();
  }

  /** Drains started by `record` and not finished yet. */
  private readonly background = new Set<Promise<unknown>>();

  constructor(options: InboxOptions) {
    this.redis = options.redis;
    this.keys = keySpace(options.prefix);
    this.handler = options.handler;
    this.log = options.logger;
    this.lockTtlMs = options.lockTtlMs ?? 15_000;
    this.resultTtl = options.resultTtlSeconds ?? 7 * 24 * 3600;
    this.waitMs = options.waitMs ?? 30_000;
    this.recording = options.record ?? true;
    defineInboxScripts(this.redis);
  }

  /**
   * Admits an item for a customer and waits for its result. If this process gets the lock it drains the
   * inbox itself; otherwise it waits for the holder (taking over if the holder dies).
   */
  async submit<R = unknown>(customerId: string, item: WorkItem): Promise<SubmitResult<R>> {
    const { target, token, reply } = await this.admitFollowingLinks(customerId, item);
    switch (reply[0]) {
      case 'dup':
        return { status: 'duplicate', result: parseJson(reply[1]) as R, customerId: target };
      case 'pending': {
        // The same item, admitted a moment ago and still being processed: the first caller's answer,
        // marked as a repeat so the caller does not act on it twice.
        const first = await this.awaitResult<R>(target, item.id);
        return first.status === 'done' ? { ...first, status: 'duplicate' } : first;
      }
      case 'lead': {
        // Answer as soon as this item is done; items admitted behind it are drained in the background
        // rather than making this caller (a webhook with a timeout) wait for them.
        let ownDone!: () => void;
        const own = new Promise<'own'>((resolve) => {
          ownDone = () => resolve('own');
        });
        const draining = this.drainOrLeave(target, token, reply, item, (id) => {
          if (id === item.id) ownDone();
        });
        if ((await Promise.race([own, draining])) === 'failed')
          return { status: 'queued', customerId: target };
        break;
      }
      default:
        break;
    }
    return this.awaitResult<R>(target, item.id);
  }

  /**
   * Admits an item and returns as soon as it is recorded (one round trip); the item is then processed
   * here in the background, or by whoever holds the inbox. For callers that need only the guarantee —
   * recorded once, processed in order, never lost — and not the result: an SMS webhook, whose replies go
   * out through the outbox anyway. A repeat of an item already admitted is `duplicate`.
   */
  async record(customerId: string, item: WorkItem): Promise<SubmitResult> {
    if (this.background.size >= MAX_BACKGROUND) return this.submit(customerId, item);
    const { target, token, reply } = await this.admitFollowingLinks(customerId, item);
    switch (reply[0]) {
      case 'dup':
        return { status: 'duplicate', result: parseJson(reply[1]), customerId: target };
      case 'pending':
        return { status: 'duplicate', customerId: target };
      case 'lead': {
        const draining: Promise<unknown> = this.drainOrLeave(target, token, reply, item).finally(() =>
          this.background.delete(draining),
        );
        this.background.add(draining);
        return { status: 'recorded', customerId: target };
      }
      default:
        // Another holder drains this inbox and will reach the item.
        return { status: 'recorded', customerId: target };
    }
  }

  /** Admits an item, following identity links to the customer they point at (a few hops at most). */
  private async admitFollowingLinks(customerId: string, item: WorkItem) {
    let target = customerId;
    for (let hops = 0; hops < 3; hops++) {
      const token = randomUUID();
      const reply = await this.admit(target, this.keys.customer(target), token, item);
      if (reply[0] !== 'moved') return { target, token, reply };
      target = reply[1]!;
    }
    throw new Error(`customer ${customerId}: too many identity links`);
  }

  /**
   * Drains an inbox this process leads; a failure is logged and leaves the work recorded in the inbox,
   * where the customer's next message or the recovery sweep finishes it — never lost.
   */
  private drainOrLeave(
    customerId: string,
    token: string,
    first: ScriptReply,
    item: WorkItem,
    onItemDone?: (itemId: string) => void,
  ): Promise<'drained' | 'failed'> {
    return this.drain(customerId, token, first, onItemDone).then(
      () => 'drained' as const,
      (error: unknown) => {
        this.log.error(
          { err: error, customerId, item: item.id },
          'could not finish work now; it stays queued',
        );
        return 'failed' as const;
      },
    );
  }

  /** Resolves once the work `record` started in this process is finished (at shutdown). */
  async idle(): Promise<void> {
    while (this.background.size > 0) await Promise.allSettled([...this.background]);
  }

  /**
   * Appends an item to a customer's inbox, notes the customer in the recovery list and marks the item
   * for the recorder, in one round trip. On one server all three go in one pipeline, in that order. On a
   * cluster the list and the marks live in other slots, so they are separate commands sent together
   * (auto-pipelining, one batch per node).
   *
   * The mark is why the recorder finds every commit without scanning: it exists before the item can be
   * committed (the commit only follows this reply), names the customer whose record stream will hold
   * the commit, and the recorder keeps it until it has seen that item's result in that slot and has
   * recorded the stream up to there (src/record/recorder.ts). A mark that arrives before its admit (on a
   * cluster the two race) simply waits for the result to appear.
   */
  private async admit(target: string, base: string, token: string, item: WorkItem): Promise<ScriptReply> {
    const args = [
      `${base}${slotKeys.link}`,
      `${base}inbox`,
      `${base}lock`,
      `${base}res:${item.id}`,
      base,
      wellFormedJson(item),
      token,
      this.lockTtlMs,
      this.resultTtl,
      item.caseRef ?? '',
    ] as const;
    const mark = ['*', 'c', target, 'i', item.id] as const;
    if (isCluster(this.redis)) {
      const [reply] = await Promise.all([
        this.redis.sbAdmit(...args),
        this.redis.zadd(this.keys.pendingWork(), Date.now(), target),
        this.recording ? this.redis.xadd(this.keys.recordMarks(), ...mark) : null,
      ]);
      return reply;
    }
    const pipeline = this.redis.pipeline();
    pipeline.sbAdmit(...args);
    pipeline.zadd(this.keys.pendingWork(), Date.now(), target);
    if (this.recording) pipeline.xadd(this.keys.recordMarks(), ...mark);
    const [[admitError, reply]] = (await pipeline.exec()) as [[Error | null, ScriptReply]];
    if (admitError) throw admitError;
    return reply;
  }

  /** Processes whatever waits in a customer's inbox if nobody holds it (crash recovery). */
  async recover(customerId: string): Promise<boolean> {
    const base = this.keys.customer(customerId);
    const token = randomUUID();
    const lookedAt = Date.now();
    const reply = await this.redis.sbTakeover(`${base}inbox`, `${base}lock`, base, token, this.lockTtlMs);
    if (reply[0] === 'lead') {
      await this.drain(customerId, token, reply);
      return true;
    }
    if (reply[0] === 'empty') await this.redis.sbForget(this.keys.pendingWork(), customerId, lookedAt);
    return false;
  }

  /**
   * Recovers every customer with leftover work; returns how many inboxes were drained. Customers whose
   * inbox turns out empty leave the list here, in the sweep, so the message path never pays for it.
   */
  async recoverAll(olderThanMs = 0): Promise<number> {
    const cutoff = Date.now() - olderThanMs;
    const ids = await this.redis.zrangebyscore(this.keys.pendingWork(), 0, cutoff);
    let drained = 0;
    for (const id of ids) {
      // One customer's trouble must not stop the sweep for the others.
      try {
        if (await this.recover(id)) drained++;
      } catch (error) {
        this.log.error({ err: error, customerId: id }, 'could not recover a customer inbox');
      }
    }
    return drained;
  }

  private async drain(
    customerId: string,
    token: string,
    first: ScriptReply,
    onItemDone: (itemId: string) => void = () => undefined,
  ): Promise<void> {
    const base = this.keys.customer(customerId);
    const heartbeat = setInterval(() => {
      this.redis.sbExtend(`${base}lock`, token, this.lockTtlMs).catch(() => undefined);
    }, this.lockTtlMs / 3);
    heartbeat.unref();
    try {
      let reply: ScriptReply = first;
      while (reply[0] === 'lead' || reply[0] === 'next') {
        const item = JSON.parse(reply[1]!) as WorkItem;
        const state: LoadedState = {
          customerId,
          item,
          profile: parseJson(reply[2]),
          session: parseJson(reply[3]),
          case: parseJson(reply[4]),
        };
        const outcome = await this.runHandler(state);
        reply = await this.redis.sbCommit(
          `${base}inbox`,
          `${base}lock`,
          `${base}res:${item.id}`,
          base,
          token,
          this.lockTtlMs,
          item.resultTtlSeconds ?? this.resultTtl,
          wellFormedJson(outcome.result ?? null),
          wellFormedJson(outcome.writes),
          this.recording ? '1' : '0',
          item.id,
          item.kind,
        );
        if (reply[0] === 'lost') {
          this.log.warn(
            { customerId, item: item.id },
            'inbox lock lost mid-turn; another process carries on',
          );
          return;
        }
        this.rememberLocally(item.id, outcome.result ?? null);
        onItemDone(item.id);
      }
    } finally {
      clearInterval(heartbeat);
    }
  }

  /** A handler that throws must not wedge the inbox: the item is parked in `failed` and skipped. */
  private async runHandler(state: LoadedState): Promise<HandlerOutcome> {
    try {
      return await this.handler(state);
    } catch (error) {
      if (error instanceof TransientWorkError) {
        const attempts = await this.redis
          .multi()
          .incr(`${this.keys.customer(state.customerId)}attempts:${state.item.id}`)
          .expire(`${this.keys.customer(state.customerId)}attempts:${state.item.id}`, 86_400)
          .exec()
          .then((replies) => Number(replies?.[0]?.[1] ?? 1))
          .catch(() => 1);
        // Leave the item at the head of the inbox; the lock lapses and someone tries again.
        if (attempts < MAX_ATTEMPTS) throw error;
      }
      this.log.error(
        { err: error, customerId: state.customerId, item: state.item.id, kind: state.item.kind },
        'work item failed',
      );
      const failure = {
        item: state.item,
        error: error instanceof Error ? error.message : String(error),
        at: new Date().toISOString(),
      };
      return { result: { error: failure.error }, writes: [['rpush', 'failed', JSON.stringify(failure)]] };
    }
  }

  private async awaitResult<R>(customerId: string, itemId: string): Promise<SubmitResult<R>> {
    if (this.localResults.has(itemId)) {
      return { status: 'done', result: this.localResults.get(itemId) as R, customerId };
    }
    const base = this.keys.customer(customerId);
    const started = Date.now();
    let pause = 5;
    let lastTakeover = Date.now();
    while (Date.now() - started < this.waitMs) {
      const stored = await this.redis.get(`${base}res:${itemId}`);
      if (stored) return { status: 'done', result: JSON.parse(stored) as R, customerId };
      if (this.localResults.has(itemId)) {
        return { status: 'done', result: this.localResults.get(itemId) as R, customerId };
      }
      if (Date.now() - lastTakeover > 250) {
        lastTakeover = Date.now();
        await this.recover(customerId);
        continue;
      }
      await new Promise((resolve) => setTimeout(resolve, pause));
      pause = Math.min(pause * 2, 50);
    }
    return { status: 'timeout', customerId };
  }
}
