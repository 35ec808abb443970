/**
 * The desk ties the engine, the case store and the queues together. Every change to a customer goes
 * through the customer's inbox (src/conversation/inbox.ts) as a work item; this file owns the item kinds
 * and what each does. Channels call `receive`; the staff API and the timers call `command`.
 */
import type { Redis } from 'ioredis';
import type { DeliveryStore } from '../cases/deliveries.js';
import type { Effect } from '../cases/effects.js';
import type { Case, CustomerProfile } from '../cases/types.js';
import type { Clock } from '../clock.js';
import {
  CustomerInbox,
  type HandlerOutcome,
  type LoadedState,
  TransientWorkError,
  type WorkItem,
} from '../conversation/inbox.js';
import {
  conversationKeyOf,
  customerIdFor,
  identityOf,
  type KeySpace,
  workItemIdOf,
} from '../conversation/keys.js';
import type { ActionRegistry } from '../engine/actions.js';
import { runInboundTurn, type TurnOutput } from '../engine/engine.js';
import type { EngineServices } from '../engine/services.js';
import type { Session } from '../engine/session.js';
import { type ErrorCode, isSupportError, SupportError } from '../errors.js';
import type { FileStore } from '../files/store.js';
import type { FlowBundle } from '../flows/load.js';
import type { Logger } from '../logger.js';
import type { Metrics } from '../metrics.js';
import type { MediumDirectory } from '../port/medium.js';
import type { InboundMessage } from '../port/messages.js';
import type { SupportQueues } from '../queues/queues.js';
import { writeAll } from '../redis/slots.js';
import { failedTurn, isUnreachable } from './failed-turn.js';
import { type LiveEvent, liveEventsOf, publishLive } from './live-events.js';
import { outboundFor } from './outbound.js';
import { caseView, type InboundResult, sessionView } from './views.js';
import { turnWrites } from './writes.js';

export interface DeskDeps {
  redis: Redis;
  keyPrefix: string;
  /** Customers' files on disk (attachments, media); erased with the customer. */
  files?: FileStore;
  /** Key layout of customers' slots and the global indexes. */
  keys: KeySpace;
  /** Medium profiles of the registered channels (defaults for kinds without one). */
  media: MediumDirectory;
  /** Delivery states, provider ids and the opt-out list. */
  deliveries: DeliveryStore;
  bundle: FlowBundle;
  actions: ActionRegistry;
  services: EngineServices;
  queues: SupportQueues;
  clock: Clock;
  logger: Logger;
  metrics?: Metrics;
  /** Whether commits go onto the record streams (src/record/). @defaultValue true */
  record?: boolean;
}

/** What a command handler gets: the loaded state, parsed, and the desk's dependencies. */
export interface CommandContext {
  deps: DeskDeps;
  state: LoadedState;
  profile: CustomerProfile | null;
  session: Session | null;
  case: Case | null;
  now: Date;
  /** Carries out effects (queue jobs, indexes) before the commit. */
  run(effects: Effect[]): Promise<void>;
}

export type CommandHandler = (ctx: CommandContext) => Promise<HandlerOutcome>;

export interface CommandOptions {
  id?: string;
  caseRef?: string;
  conversation?: string;
  /** How long the result is kept (and so repeats of the id recognised), if not the default week. */
  resultTtlSeconds?: number;
}

/** The result of a message whose turn this caller does not wait for: no replies, no case. */
function recordedOnly(customerId: string): InboundResult {
  return {
    customerId,
    replies: [],
    session: { flow: null, step: null, lang: 'zh', slots: {} },
    case: null,
    signals: {},
  };
}

export class Desk {
  readonly inbox: CustomerInbox;
  private readonly commands = new Map<string, CommandHandler>();

  constructor(readonly deps: DeskDeps) {
    this.inbox = new CustomerInbox({
      redis: deps.redis,
      prefix: deps.keyPrefix,
      logger: deps.logger,
      handler: (state) => this.handle(state),
      record: deps.record ?? true,
    });
  }

  /**
   * Adds a work item kind (staff actions, timers). One line per kind where the desk is built. A handler
   * that throws a SupportError (not the owner, illegal transition…) changes nothing and its caller gets
   * the same error back.
   */
  register(kind: string, handler: CommandHandler): this {
    this.commands.set(kind, async (ctx) => {
      try {
        return await handler(ctx);
      } catch (error) {
        if (!isSupportError(error)) throw error;
        return { result: { error: { code: error.code, message: error.message } }, writes: [] };
      }
    });
    return this;
  }

  /**
   * Records and processes one inbound customer message. A repeated provider id returns the first
   * result and sends nothing again.
   */
  async receive(received: InboundMessage): Promise<InboundResult & { duplicate: boolean }> {
    // Lone surrogates (broken UTF-16 from a provider) cannot be stored as JSON in Lua: replace them.
    const message: InboundMessage = { ...received, text: (received.text ?? '').toWellFormed() };
    const identity = identityOf(message.channel, message.from);
    const item: WorkItem<InboundMessage> = {
      id: workItemIdOf(message.channel, message.providerMessageId),
      kind: 'inbound',
      conversation: conversationKeyOf(identity),
      ...(message.caseRefHint ? { caseRef: message.caseRefHint } : {}),
      payload: message,
      admittedAt: this.deps.clock.now().toISOString(),
    };
    // Knowledge-base entries approved in the console since this process last looked: the version GET
    // is sent with the inbox's first command (no extra round trip), and only a change costs a reload.
    // The turn's reading of symptoms uses what is loaded; the remote-fix step waits for it.
    this.deps.services.knowledgeBase().catch(() => undefined);
    const customerId = customerIdFor(identity);
    const submitted =
      message.answerWhenRecorded && !message.inline
        ? await this.inbox.record(customerId, item)
        : await this.inbox.submit<InboundResult>(customerId, item);
    this.deps.metrics?.inbound.inc({
      channel: message.channel,
      result: submitted.status === 'duplicate' ? 'duplicate' : 'processed',
    });
    const duplicate = submitted.status === 'duplicate';
    // Recorded but not finished here (the turn answers through the outbox), or a repeat of a message
    // still being processed (the first one answers): nothing to show the caller.
    if (!submitted.result || (!duplicate && submitted.status !== 'done'))
      return { ...recordedOnly(submitted.customerId), duplicate };
    return { ...(submitted.result as InboundResult), duplicate };
  }

  /** Submits a non-message work item for a customer (staff action, timer) and waits for its result. */
  async command<R>(
    customerId: string,
    kind: string,
    payload: unknown,
    options: CommandOptions = {},
  ): Promise<R> {
    return (await this.commandOnce<R>(customerId, kind, payload, options)).result;
  }

  /**
   * Like `command`, and says whether the item had been submitted before (a provider's retry): the
   * result is the first one's, and the caller must not act on it again (answer a STOP twice).
   */
  async commandOnce<R>(
    customerId: string,
    kind: string,
    payload: unknown,
    options: CommandOptions = {},
  ): Promise<{ result: R; duplicate: boolean }> {
    const item: WorkItem = {
      id:
        options.id ?? `${kind}-${this.deps.clock.now().getTime()}-${Math.random().toString(36).slice(2, 10)}`,
      kind,
      ...(options.caseRef ? { caseRef: options.caseRef } : {}),
      ...(options.conversation ? { conversation: options.conversation } : {}),
      ...(options.resultTtlSeconds ? { resultTtlSeconds: options.resultTtlSeconds } : {}),
      payload,
      admittedAt: this.deps.clock.now().toISOString(),
    };
    const submitted = await this.inbox.submit<R>(customerId, item);
    if (submitted.status === 'timeout') throw new Error(`${kind} for ${customerId} timed out`);
    const failure = (submitted.result as { error?: unknown } | null)?.error;
    if (failure && typeof failure === 'object') {
      const { code, message } = failure as { code: ErrorCode; message: string };
      throw new SupportError(code, message);
    }
    if (typeof failure === 'string') throw new Error(`${kind} failed: ${failure}`);
    return { result: submitted.result as R, duplicate: submitted.status === 'duplicate' };
  }

  /**
   * Carries out effects: queue jobs and global indexes, all sent together (one round trip). A failure
   * here is Redis or a queue being unreachable: the work item is retried, never half-committed.
   */
  async runEffects(effects: Effect[]): Promise<void> {
    if (effects.length === 0) return;
    try {
      await this.applyEffects(effects);
    } catch (error) {
      throw new TransientWorkError(error);
    }
  }

  private async applyEffects(effects: Effect[]): Promise<void> {
    const { redis, keyPrefix, queues } = this.deps;
    const tasks = effects.map((effect) => {
      switch (effect.type) {
        case 'enqueue_escalation':
          this.deps.metrics?.escalations.inc({ team: effect.team, priority: effect.priority });
          return queues.apply(effect);
        case 'schedule_deadline':
          this.deps.metrics?.deadlines.inc({ outcome: 'promised' });
          return queues.apply(effect);
        case 'index_case':
          // Two global keys in different slots: one MULTI on one server, two commands on a cluster
          // (both idempotent; a failure retries the whole work item).
          return writeAll(redis, [
            ['set', `${keyPrefix}:caseref:${effect.ref}`, effect.customerId],
            ['zadd', `${keyPrefix}:cases`, new Date(effect.createdAt).getTime(), effect.ref],
          ]);
        case 'notify_staff':
          return redis
            .multi()
            .lpush(
              `${keyPrefix}:notify:${effect.to}`,
              JSON.stringify({
                ref: effect.ref,
                text: effect.text,
                at: this.deps.clock.now().toISOString(),
                ...(effect.kind ? { kind: effect.kind } : {}),
              }),
            )
            .ltrim(`${keyPrefix}:notify:${effect.to}`, 0, 199)
            .exec();
        default:
          return queues.apply(effect);
      }
    });
    await Promise.all(tasks);
  }

  private async handle(state: LoadedState): Promise<HandlerOutcome> {
    const outcome = await this.dispatch(state);
    this.announce(state, outcome);
    return outcome;
  }

  /**
   * Tells the console's live streams which cases this item changes. Not awaited: auto-pipelining sends
   * the PUBLISH in the same write as the inbox's commit that follows at once, so the message path gains
   * no round trip, and Redis runs the two in order (the streams re-read after a short debounce). An
   * event for an item whose commit then loses its lock only makes a page re-read for nothing.
   */
  private announce(state: LoadedState, outcome: HandlerOutcome): void {
    const { redis, keyPrefix, logger } = this.deps;
    let events: LiveEvent[];
    try {
      events = liveEventsOf(state.item.kind, state.case as Case | null, outcome);
    } catch (error) {
      // A notice must never fail the work it describes: the pages catch up on their fallback read.
      logger.warn({ err: error, item: state.item.id }, 'live events not derived');
      return;
    }
    for (const event of events) {
      publishLive(redis, keyPrefix, event).catch((error: unknown) =>
        logger.warn({ err: error, ref: event.ref }, 'live event not published'),
      );
    }
  }

  private async dispatch(state: LoadedState): Promise<HandlerOutcome> {
    if (state.item.kind === 'inbound') return this.handleInbound(state);
    const handler = this.commands.get(state.item.kind);
    if (!handler) throw new Error(`no handler for work item kind ${state.item.kind}`);
    return handler({
      deps: this.deps,
      state,
      profile: state.profile as CustomerProfile | null,
      session: state.session as Session | null,
      case: state.case as Case | null,
      now: this.deps.clock.now(),
      run: (effects) => this.runEffects(effects),
    });
  }

  private async handleInbound(state: LoadedState): Promise<HandlerOutcome> {
    const stopTimer = this.deps.metrics?.turnSeconds.startTimer({
      channel: (state.item.payload as InboundMessage).channel,
    });
    try {
      return await this.runInbound(state);
    } finally {
      stopTimer?.();
    }
  }

  private async runInbound(state: LoadedState): Promise<HandlerOutcome> {
    const raw = state.item.payload as InboundMessage & { receivedAt: string };
    const message: InboundMessage = { ...raw, receivedAt: new Date(raw.receivedAt) };
    const identity = identityOf(message.channel, message.from);
    const medium = this.deps.media.of(message.channel, message.provider);
    const input = {
      customerId: state.customerId,
      identity,
      message,
      medium,
      session: state.session as Session | null,
      profile: state.profile as CustomerProfile | null,
      case: state.case as Case | null,
      now: this.deps.clock.now(),
      workItemId: state.item.id,
    };
    let output: TurnOutput;
    try {
      output = await runInboundTurn(this.deps, input);
    } catch (error) {
      if (isUnreachable(error)) throw new TransientWorkError(error);
      // A bug must not swallow the customer's message: record it, apologise, and tell staff.
      this.deps.logger.error(
        { err: error, customerId: state.customerId, item: state.item.id },
        'conversation engine failed',
      );
      output = failedTurn(this.deps.bundle, input, error);
    }
    const sends = message.inline
      ? []
      : outboundFor(output, message, medium, this.deps.media, state.item.id, this.deps.clock.now());
    // Tie each outbound transcript line to its outbox message (an email carries all of a turn's replies).
    let n = 0;
    for (const entry of output.transcript) {
      if (entry.kind !== 'out') continue;
      const sent = sends[Math.min(n++, sends.length - 1)];
      if (sent) entry.meta = { ...entry.meta, messageId: sent.id };
    }
    await this.runEffects([...output.effects, ...sends.map((m) => ({ type: 'send' as const, message: m }))]);
    // The result is kept (for a week) to answer repeats of the message. A channel that answered its
    // provider on recording never reads more than "seen": keep only that (~0.6 KB less per message).
    const result: InboundResult = message.answerWhenRecorded
      ? recordedOnly(state.customerId)
      : {
          customerId: state.customerId,
          replies: output.replies,
          session: sessionView(output.session),
          case: caseView(output.case),
          signals: output.signals,
        };
    return { result, writes: turnWrites(state.item.conversation!, output) };
  }
}
