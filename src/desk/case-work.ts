/**
 * Shared pieces of the non-message work items (staff actions, timers): building a message to the
 * customer in their latest channel, running a flow on the customer's conversation (follow-up, record
 * confirmation), and turning the changed case into inbox writes.
 */

import type { Effect } from '../cases/effects.js';
import type { Case, CustomerProfile, TranscriptEntry } from '../cases/types.js';
import type { HandlerOutcome, SlotWrite } from '../conversation/inbox.js';
import { conversationKeyOf } from '../conversation/keys.js';
import { finishTurn, newProfile } from '../engine/engine.js';
import { interpolate } from '../engine/interpolate.js';
import { renderReply } from '../engine/render.js';
import { startFlow } from '../engine/runner.js';
import { newSession, type Session } from '../engine/session.js';
import { Turn } from '../engine/turn.js';
import type { Text } from '../flows/schema.js';
import type { Notice, OutboundMessage } from '../port/messages.js';
import { slotKeys, slotWrites } from './customer-slot.js';
import type { CommandContext } from './desk.js';
import { caseView } from './views.js';

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

  /** A notice of this case: its kind and the values of its text (as strings). */
  notice(kind: Notice['kind'], values: Record<string, unknown> = {}): Notice {
    const strings = Object.fromEntries(
      Object.entries({ ref: this.case.ref, ...values }).map(([name, value]) => [name, String(value ?? '')]),
    );
    return { kind, values: strings };
  }

  /** Fills a bot text in the case's language. */
  text(text: Text, values: Record<string, unknown> = {}): string {
    return interpolate(text[this.case.lang], { lang: this.case.lang, slots: {}, vars: {}, extra: values });
  }

  /** Queues a message to the customer in their latest channel and records it in the transcript. */
  send(
    text: string,
    author: OutboundMessage['author'],
    id: string,
    choices?: string[],
    expects?: OutboundMessage['expects'],
    notice?: Notice,
  ): OutboundMessage {
    const route = this.case.route;
    // Sent later, outside any live call: a medium that cannot take it (voice) names the one that can.
    const message: OutboundMessage = {
      id,
      channel: this.ctx.deps.media.laterKind(route.channel, route.provider),
      ...(route.provider ? { provider: route.provider } : {}),
      to: route.address,
      lang: this.case.lang,
      text,
      ...(choices?.length ? { choices } : {}),
      ...(expects ? { expects } : {}),
      caseRef: this.case.ref,
      customerId: this.case.customerId,
      ...(route.replyContext ? { replyContext: route.replyContext } : {}),
      author,
      createdAt: this.nowIso,
      ...(notice ? { notice } : {}),
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
  async runFlow(
    flowId: string,
    vars: Record<string, unknown>,
    idPrefix: string,
    notice?: Notice,
  ): Promise<void> {
    const { deps } = this.ctx;
    const identity = this.case.route.identity;
    const conversation = conversationKeyOf(identity);
    const base = deps.keys.customer(this.case.customerId);
    const stored = await deps.redis.get(`${base}${slotKeys.session(conversation)}`);
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
      // Written to later, outside any live call: asked the way the medium it goes by asks (a caller's
      // questions go by SMS, numbered, not as keypad prompts).
      medium: deps.media.of(
        deps.media.laterKind(this.case.route.channel, this.case.route.provider),
        this.case.route.provider,
      ),
      now: this.ctx.now,
      text: '',
    });
    await startFlow(turn, flowId, deps);
    const output = finishTurn(turn);
    this.case = output.case ?? this.case;
    this.effects.push(...output.effects);
    const later = deps.media.laterKind(this.case.route.channel, this.case.route.provider);
    const style = deps.media.of(later, this.case.route.provider).choices;
    output.replies.forEach((reply, n) => {
      this.send(
        renderReply(reply, this.case.lang, style),
        'system',
        `${idPrefix}-r${n}`,
        style === 'buttons' ? reply.choices : undefined,
        reply.expects,
        notice,
      );
    });
    this.transcript.push(...output.transcript.filter((entry) => entry.kind !== 'out'));
    this.writes.push(slotWrites.session(conversation, output.session), slotWrites.profile(output.profile));
  }

  /** Carries out the effects, then returns the inbox outcome that persists the case and transcript. */
  async finish(result: unknown = caseView(this.case)): Promise<HandlerOutcome> {
    await this.ctx.run(this.effects);
    const writes: SlotWrite[] = [
      ...this.writes,
      slotWrites.case({ ...this.case, updatedAt: this.nowIso }),
      ...slotWrites.transcript(this.transcript),
    ];
    return { result, writes };
  }
}
