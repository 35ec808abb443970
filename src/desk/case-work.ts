/**
 * Shared pieces of the non-message work items (staff actions, timers): building a message to the
 * customer in their latest channel, running a flow on the customer's conversation (follow-up, record
 * confirmation), and turning the changed case into inbox writes.
 */

import type { Case, CustomerProfile, TranscriptEntry } from '../cases/types.js';
import type { HandlerOutcome, SlotWrite } from '../conversation/inbox.js';
import { conversationKeyOf } from '../conversation/keys.js';
import type { Effect } from '../engine/effects.js';
import { finishTurn, newProfile } from '../engine/engine.js';
import { interpolate } from '../engine/interpolate.js';
import { renderReply } from '../engine/render.js';
import { startFlow } from '../engine/runner.js';
import { newSession, type Session } from '../engine/session.js';
import { Turn } from '../engine/turn.js';
import type { ChannelKind, OutboundMessage } from '../engine/types.js';
import type { Text } from '../flows/schema.js';
import type { CommandContext } from './desk.js';
import { caseView } from './views.js';
import { TRANSCRIPT_LIMIT } from './writes.js';

/** A phone call cannot take a message later: voice customers are written to by SMS. */
export function outboundChannel(channel: ChannelKind): ChannelKind {
  return channel === 'voice' ? 'sms' : channel;
}

export class CaseWork {
  readonly transcript: TranscriptEntry[] = [];
  readonly effects: Effect[] = [];
  readonly writes: SlotWrite[] = [];
  case: Case;

  constructor(
    readonly ctx: CommandContext,
    kase: Case,
  ) {
    this.case = kase;
  }

  get nowIso(): string {
    return this.ctx.now.toISOString();
  }

  event(name: string, text: string, meta: Record<string, unknown> = {}, author?: string): void {
    this.transcript.push({
      at: this.nowIso,
      kind: 'event',
      text,
      case: this.case.ref,
      ...(author ? { author } : {}),
      meta: { event: name, ...meta },
    });
  }

  note(text: string, author: string): void {
    this.transcript.push({ at: this.nowIso, kind: 'note', text, case: this.case.ref, author });
  }

  /** Fills a bot text in the case's language. */
  text(text: Text, values: Record<string, unknown> = {}): string {
    return interpolate(text[this.case.lang], { lang: this.case.lang, slots: {}, vars: {}, extra: values });
  }

  /** Queues a message to the customer in their latest channel and records it in the transcript. */
  send(text: string, author: OutboundMessage['author'], id: string, choices?: string[]): OutboundMessage {
    const route = this.case.route;
    const message: OutboundMessage = {
      id,
      channel: outboundChannel(route.channel),
      to: route.address,
      lang: this.case.lang,
      text,
      ...(choices?.length ? { choices } : {}),
      caseRef: this.case.ref,
      customerId: this.case.customerId,
      ...(route.replyContext ? { replyContext: route.replyContext } : {}),
      author,
      createdAt: this.nowIso,
    };
    this.effects.push({ type: 'send', message });
    this.transcript.push({
      at: this.nowIso,
      kind: 'out',
      channel: message.channel,
      text,
      case: this.case.ref,
      author,
      meta: { messageId: id, ...(choices?.length ? { choices } : {}) },
    });
    return message;
  }

  /**
   * Runs a flow on the customer's conversation for this case (follow-up, record confirmation); its
   * questions go out through the outbox.
   */
  async runFlow(flowId: string, vars: Record<string, unknown>, idPrefix: string): Promise<void> {
    const { deps } = this.ctx;
    const identity = this.case.route.identity;
    const conversation = conversationKeyOf(identity);
    const base = `${deps.keyPrefix}:{c:${this.case.customerId}}:`;
    const stored = await deps.redis.get(`${base}session:${conversation}`);
    const at = this.nowIso;
    const current: Session = stored
      ? (JSON.parse(stored) as Session)
      : newSession(identity, this.case.route.channel, this.case.lang, at);
    const profile: CustomerProfile =
      this.ctx.profile ?? newProfile(this.case.customerId, identity, this.case.lang, at);
    const turn = new Turn({
      bundle: deps.bundle,
      services: deps.services,
      customerId: this.case.customerId,
      session: {
        ...current,
        flow: null,
        step: null,
        stack: [],
        slots: {},
        vars: { ...vars },
        retries: 0,
        asked: [],
        caseRef: this.case.ref,
        lang: this.case.lang,
      },
      profile,
      case: this.case,
      route: this.case.route,
      channel: this.case.route.channel,
      now: this.ctx.now,
      text: '',
    });
    await startFlow(turn, flowId, deps);
    const output = finishTurn(turn);
    this.case = output.case ?? this.case;
    this.effects.push(...output.effects);
    output.replies.forEach((reply, n) => {
      const style = this.case.route.channel === 'chat' ? 'buttons' : 'numbered';
      this.send(
        renderReply(reply, this.case.lang, style),
        'system',
        `${idPrefix}-r${n}`,
        style === 'buttons' ? reply.choices : undefined,
      );
    });
    this.transcript.push(...output.transcript.filter((entry) => entry.kind !== 'out'));
    this.writes.push(['set', `session:${conversation}`, JSON.stringify(output.session)]);
    this.writes.push(['set', 'profile', JSON.stringify(output.profile)]);
  }

  /** Carries out the effects, then returns the inbox outcome that persists the case and transcript. */
  async finish(result: unknown = caseView(this.case)): Promise<HandlerOutcome> {
    await this.ctx.run(this.effects);
    const writes: SlotWrite[] = [
      ...this.writes,
      ['set', `case:${this.case.ref}`, JSON.stringify({ ...this.case, updatedAt: this.nowIso })],
    ];
    if (this.transcript.length > 0) {
      writes.push(['rpush', 'log', ...this.transcript.map((entry) => JSON.stringify(entry))]);
      writes.push(['ltrim', 'log', -TRANSCRIPT_LIMIT, -1]);
    }
    return { result, writes };
  }
}
