/**
 * The BullMQ queues: escalations (one per team, prioritised, FIFO within a priority), deadlines
 * (delayed jobs per promise), outbox (every message to a customer), followups (satisfaction checks and
 * appointment reminders). Job ids are derived from what they are about, so adding one twice is a no-op.
 * On one Redis, queue keys share the `{P:q}` hash tag (the layout existing deployments have). On a Redis
 * Cluster each queue has its own tag, `{P:q:<queue>}`: a queue's keys stay in one slot, as BullMQ's Lua
 * scripts need, and the queues spread over the masters instead of all loading one.
 */
import { type JobsOptions, Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Effect } from '../cases/effects.js';
import type { Priority } from '../cases/types.js';
import type { Clock } from '../clock.js';
import type { OutboundMessage } from '../port/messages.js';
import { scanKeys } from '../redis/slots.js';

/** BullMQ: lower number = picked first; jobs without a priority would jump the line, so all have one. */
export const priorityNumber: Record<Priority, number> = { urgent: 1, high: 2, normal: 3, low: 4 };

export interface EscalationJob {
  ref: string;
  customerId: string;
  team: string;
  priority: Priority;
  reason: string;
  n: number;
  at: string;
}

export interface DeadlineJob {
  ref: string;
  customerId: string;
  n: number;
  stage: 'warn' | 'breach';
}

export interface TimerJob {
  ref: string;
  customerId: string;
  kind: 'followup' | 'reminder' | 'renewal' | 'visit_invite';
  key: string;
}

export interface QueueSettings {
  /** Outbox attempts before a message is dead-lettered. */
  outboxAttempts: number;
  /** First retry delay; doubles each attempt, capped at five minutes. */
  outboxBackoffMs: number;
  /**
   * Messages one process hands to providers at once. Each waits mostly on the provider's answer, so
   * many in flight keep up with a burst (and their Redis commands share round trips).
   * @defaultValue 32
   */
  outboxConcurrency?: number;
  /** `shared`: every queue under `{P:q}` (one server); `per-queue`: `{P:q:<queue>}` (Redis Cluster). */
  queueSlots?: 'shared' | 'per-queue';
}

export const OUTBOX_BACKOFF = 'capped-exponential';
/** Outbox events BullMQ keeps in its stream. */
const OUTBOX_EVENTS_KEPT = 500;
export const MAX_OUTBOX_DELAY_MS = 5 * 60_000;

export function outboxDelay(attemptsMade: number, baseMs: number): number {
  const exponential = baseMs * 2 ** Math.max(0, attemptsMade - 1);
  const jitter = Math.random() * 0.2 * exponential;
  return Math.min(MAX_OUTBOX_DELAY_MS, Math.round(exponential + jitter));
}

/** The BullMQ prefix of a queue (its keys are `<prefix>:<queue>:…`). */
export function queuePrefix(keyPrefix: string, queue: string, slots: QueueSettings['queueSlots']): string {
  return slots === 'per-queue' ? `{${keyPrefix}:q:${queue}}` : `{${keyPrefix}:q}`;
}

export class SupportQueues {
  readonly outbox: Queue<OutboundMessage>;
  readonly deadlines: Queue<DeadlineJob>;
  readonly timers: Queue<TimerJob>;
  private readonly escalationQueues = new Map<string, Queue<EscalationJob>>();

  constructor(
    readonly connection: Redis,
    private readonly keyPrefix: string,
    private readonly clock: Clock,
    readonly settings: QueueSettings,
  ) {
    // Nothing here reads the outbox's event stream (Bull Board shows jobs, not events): keep a short
    // one, not BullMQ's 10,000 entries (~2 MB of Redis).
    this.outbox = new Queue('outbox', {
      connection,
      prefix: this.prefixOf('outbox'),
      streams: { events: { maxLen: OUTBOX_EVENTS_KEPT } },
    });
    this.deadlines = new Queue('deadlines', { connection, prefix: this.prefixOf('deadlines') });
    this.timers = new Queue('timers', { connection, prefix: this.prefixOf('timers') });
    for (const queue of [this.outbox, this.deadlines, this.timers]) queue.on('error', () => undefined);
  }

  /** The prefix a queue's Queue and Worker are built with. */
  prefixOf(queue: string): string {
    return queuePrefix(this.keyPrefix, queue, this.settings.queueSlots);
  }

  /** The escalation queue of a team (created on first use). */
  escalations(team: string): Queue<EscalationJob> {
    let queue = this.escalationQueues.get(team);
    if (!queue) {
      queue = new Queue(`esc-${team}`, { connection: this.connection, prefix: this.prefixOf(`esc-${team}`) });
      queue.on('error', () => undefined);
      this.escalationQueues.set(team, queue);
    }
    return queue;
  }

  /** Waiting cases and the oldest one's age for every team that has a queue (for /metrics). */
  async teamStats(): Promise<Array<{ team: string; waiting: number; oldestSeconds: number }>> {
    const teams = new Set<string>();
    // `{P:q}:esc-T:meta` on one server, `{P:q:esc-T}:esc-T:meta` on a cluster: the team follows `}:esc-`.
    const pattern = `${this.prefixOf('esc-*')}:esc-*:meta`;
    for await (const keys of scanKeys(this.connection, pattern, 200)) {
      for (const key of keys) teams.add(key.slice(key.indexOf('}:esc-') + '}:esc-'.length, -':meta'.length));
    }
    // BullMQ stamps jobs with the wall clock, so their age is measured against it too.
    const now = Date.now();
    return Promise.all(
      [...teams].sort().map(async (team) => {
        const queue = this.escalations(team);
        const jobs = await queue.getJobs(['prioritized', 'wait'], 0, 999, true);
        const oldest = Math.min(...jobs.filter(Boolean).map((job) => job.timestamp));
        return {
          team,
          waiting: await this.waitingCount(team),
          oldestSeconds: Number.isFinite(oldest) ? Math.max(0, Math.round((now - oldest) / 1000)) : 0,
        };
      }),
    );
  }

  /** Cases waiting for a team (for queue-aware promises and the staff queue view). */
  async waitingCount(team: string): Promise<number> {
    const counts = await this.escalations(team).getJobCounts('wait', 'prioritized');
    return (counts.wait ?? 0) + (counts.prioritized ?? 0);
  }

  private delayUntil(iso: string): number {
    return Math.max(0, new Date(iso).getTime() - this.clock.now().getTime());
  }

  /** Carries out one effect's queue part. Returns without doing anything for effects that are not jobs. */
  async apply(effect: Effect): Promise<void> {
    switch (effect.type) {
      case 'enqueue_escalation':
        await this.escalations(effect.team).add(
          'case',
          {
            ref: effect.ref,
            customerId: effect.customerId,
            team: effect.team,
            priority: effect.priority,
            reason: effect.reason,
            n: effect.n,
            at: this.clock.now().toISOString(),
          },
          {
            jobId: `${effect.ref}-e${effect.n}`,
            priority: priorityNumber[effect.priority],
            removeOnComplete: 1000,
          },
        );
        return;
      case 'dequeue_escalation':
        // A job being claimed right now is locked: the claim finds the case moved on and skips it.
        await this.escalations(effect.team)
          .remove(`${effect.ref}-e${effect.n}`)
          .catch(() => 0);
        return;
      case 'schedule_deadline': {
        const base = { ref: effect.ref, customerId: effect.customerId, n: effect.promise.n };
        const options = (stage: string, at: string): JobsOptions => ({
          jobId: `${effect.ref}-p${effect.promise.n}-${stage}`,
          delay: this.delayUntil(at),
          removeOnComplete: 1000,
          attempts: 5,
          backoff: { type: 'exponential', delay: 1000 },
        });
        await this.deadlines.addBulk([
          { name: 'warn', data: { ...base, stage: 'warn' }, opts: options('warn', effect.promise.warnAt) },
          { name: 'breach', data: { ...base, stage: 'breach' }, opts: options('breach', effect.promise.due) },
        ]);
        return;
      }
      case 'cancel_deadline':
        await Promise.all(
          ['warn', 'breach'].map((stage) =>
            this.deadlines.remove(`${effect.ref}-p${effect.n}-${stage}`).catch(() => 0),
          ),
        );
        return;
      case 'send':
        await this.outbox.add(effect.message.channel, effect.message, {
          jobId: effect.message.id,
          attempts: this.settings.outboxAttempts,
          backoff: { type: OUTBOX_BACKOFF },
          // A sent message is recorded in its delivery state and the transcript; keeping the finished
          // job would cost ~1.8 KB of Redis per reply. Should the same message be queued again (a turn
          // retried after a crash), the worker finds it sent and does not send it twice.
          removeOnComplete: true,
          removeOnFail: false,
        });
        return;
      case 'schedule_followup':
        await this.addTimer('followup', effect);
        return;
      case 'schedule_reminder':
        await this.addTimer('reminder', effect);
        return;
      case 'schedule_timer':
        await this.addTimer(effect.kind, effect);
        return;
      default:
        return;
    }
  }

  /** A follow-up or reminder, one job per (case, key): rescheduling the same one is a no-op. */
  private async addTimer(
    kind: TimerJob['kind'],
    effect: { ref: string; customerId: string; at: string; key: string },
  ) {
    await this.timers.add(
      kind,
      { ref: effect.ref, customerId: effect.customerId, kind, key: effect.key },
      {
        jobId: `${effect.ref}-${kind}-${effect.key}`,
        delay: this.delayUntil(effect.at),
        removeOnComplete: 1000,
        attempts: 5,
      },
    );
  }

  /**
   * Removes the finished jobs of a case (its escalations, deadlines and timers; job ids start with its
   * reference): a case that leaves Redis after HOT_DAYS leaves nothing in the queues either. Jobs still
   * waiting or running are left alone.
   */
  async forgetFinishedJobs(ref: string, teams: readonly string[]): Promise<number> {
    let removed = 0;
    const queues = [this.deadlines, this.timers, ...teams.map((team) => this.escalations(team))];
    for (const queue of queues) {
      for (const state of ['completed', 'failed'] as const) {
        const key = `${queue.opts.prefix}:${queue.name}:${state}`;
        let cursor = '0';
        do {
          const [next, found] = await this.connection.zscan(key, cursor, 'MATCH', `${ref}-*`, 'COUNT', 500);
          cursor = next;
          for (let n = 0; n < found.length; n += 2) removed += await queue.remove(found[n]!).catch(() => 0);
        } while (cursor !== '0');
      }
    }
    return removed;
  }

  async close(): Promise<void> {
    await Promise.all(
      [this.outbox, this.deadlines, this.timers, ...this.escalationQueues.values()].map((q) => q.close()),
    );
  }
}
