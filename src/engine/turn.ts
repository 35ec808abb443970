/**
 * One turn: the state a message (or a timer, or a staff action that restarts a flow) works on, and
 * what it produces. Steps and actions read and change it through these methods; the desk persists it.
 */

import type { Effect } from '../cases/effects.js';
import { isActive, transition } from '../cases/lifecycle.js';
import { escalateCase, openCase } from '../cases/operations.js';
import type {
  Case,
  ContactRoute,
  CustomerProfile,
  Priority,
  PromiseKind,
  TranscriptEntry,
} from '../cases/types.js';
import type { FlowBundle } from '../flows/load.js';
import type { Text } from '../flows/schema.js';
import type { MediumProfile } from '../port/medium.js';
import type { ChannelKind, Lang, Reply, TurnSignals } from '../port/messages.js';
import { interpolate, type TemplateScope } from './interpolate.js';
import type { EngineServices } from './services.js';
import type { Session } from './session.js';

export type { TurnSignals };

export interface TurnInit {
  bundle: FlowBundle;
  services: EngineServices;
  customerId: string;
  session: Session;
  profile: CustomerProfile;
  case: Case | null;
  route: ContactRoute;
  channel: ChannelKind;
  /** How this medium is asked (one question or all, choices as buttons or numbers). */
  medium: MediumProfile;
  now: Date;
  /** The customer's message, normalised ('' for turns without one). */
  text: string;
  /** The work item this turn runs for: a replayed turn gets the same case reference and timer keys. */
  workItemId?: string;
}

export class Turn {
  readonly bundle: FlowBundle;
  readonly services: EngineServices;
  readonly customerId: string;
  readonly route: ContactRoute;
  readonly channel: ChannelKind;
  readonly medium: MediumProfile;
  readonly now: Date;
  readonly text: string;
  readonly workItemId: string;
  session: Session;
  profile: CustomerProfile;
  case: Case | null;
  readonly replies: Reply[] = [];
  readonly transcript: TranscriptEntry[] = [];
  readonly effects: Effect[] = [];
  readonly signals: TurnSignals = {};
  /** Cases changed in this turn other than the current one (an abandoned triage closed). */
  readonly otherCases: Case[] = [];
  /** Slot values the channel knew from outside the message (a device's QR code), already read. */
  facts: Record<string, unknown> = {};
  /** A resolved case this message left behind (another product or fault): the new case names it. */
  follows: string | null = null;

  constructor(init: TurnInit) {
    this.bundle = init.bundle;
    this.services = init.services;
    this.customerId = init.customerId;
    this.session = init.session;
    this.profile = init.profile;
    this.case = init.case;
    this.route = init.route;
    this.channel = init.channel;
    this.medium = init.medium;
    this.now = init.now;
    this.text = init.text;
    this.workItemId = init.workItemId ?? `turn-${init.now.getTime()}-${Math.random().toString(36).slice(2)}`;
  }

  private opened = 0;

  /** A key unique to this turn for something it creates (stable when the turn is replayed). */
  key(what: string): string {
    return `${this.workItemId}-${what}`;
  }

  get lang(): Lang {
    return this.session.lang;
  }

  get nowIso(): string {
    return this.now.toISOString();
  }

  /** Everything `{{…}}` may refer to. */
  scope(): TemplateScope {
    return {
      lang: this.lang,
      slots: this.session.slots,
      vars: {
        ...this.services.templateValues(this.lang),
        ...this.session.vars,
        case: this.case ? { ref: this.case.ref, status: this.case.status } : undefined,
      },
      flowSlots: this.session.flow ? this.bundle.flows.get(this.session.flow)?.slots : undefined,
      formatDate: (iso) => this.services.formatDate(iso, this.lang),
    };
  }

  /** The text in the customer's language with `{{…}}` filled in (`values` win over slots and vars). */
  t(text: Text | string, values?: Record<string, unknown>): string {
    const raw = typeof text === 'string' ? text : text[this.lang];
    return interpolate(raw, { ...this.scope(), extra: values });
  }

  say(text: Text | string, values?: Record<string, unknown>, extra: Omit<Reply, 'text'> = {}): void {
    const rendered = this.t(text, values);
    if (rendered.trim()) this.replies.push({ text: rendered, ...extra });
  }

  event(name: string, text: string, meta: Record<string, unknown> = {}): void {
    this.transcript.push({
      at: this.nowIso,
      kind: 'event',
      text,
      conv: this.session.conversationId,
      ...(this.case ? { case: this.case.ref } : {}),
      meta: { event: name, ...meta },
    });
  }

  /** Resolved or closed within the re-open window (REOPEN_WITHIN_DAYS). */
  recentlyResolved(kase: Case): boolean {
    const at = kase.sla.resolvedAt ?? kase.closedAt;
    return at !== undefined && this.now.getTime() - new Date(at).getTime() <= this.services.reopenWithinMs;
  }

  /**
   * The case this conversation is about: the active one, the conversation's recently resolved one
   * (re-opened), or a new one.
   */
  async ensureCase(summary?: string): Promise<Case> {
    if (this.case && isActive(this.case.status)) return this.case;
    if (this.case && this.session.caseRef === this.case.ref && this.recentlyResolved(this.case)) {
      this.case = { ...transition(this.case, 'open', this.nowIso), owner: 'bot' };
      this.event('reopened', `case ${this.case.ref} re-opened: the customer reported the fault again`);
      return this.case;
    }
    const ref = await this.services.newCaseRef(this.now, this.key(`case${this.opened++}`));
    const opened = openCase({
      ref,
      customerId: this.customerId,
      route: this.route,
      lang: this.lang,
      flow: this.session.flow,
      conversationId: this.session.conversationId,
      summary: summary ?? this.text.slice(0, 200),
      now: this.nowIso,
    });
    this.case = this.follows ? { ...opened.case, follows: this.follows } : opened.case;
    this.effects.push(...opened.effects);
    this.session = { ...this.session, caseRef: ref };
    this.profile = { ...this.profile, cases: [...this.profile.cases, ref], updatedAt: this.nowIso };
    this.event(
      'case_opened',
      this.follows
        ? `case ${ref} opened, after case ${this.follows} (another product or fault)`
        : `case ${ref} opened`,
      { ref, ...(this.follows ? { follows: this.follows } : {}) },
    );
    return this.case;
  }

  updateCase(change: (kase: Case) => Case): void {
    if (!this.case) return;
    this.case = { ...change(this.case), updatedAt: this.nowIso };
  }

  /**
   * Escalates the case (opening one if needed) and tells the customer the concrete reply deadline.
   * If the case already waits in that team's queue with a pending promise, the promise is repeated
   * instead of being made again.
   */
  async escalate(input: {
    team: string;
    priority: Priority;
    reason: string;
    kind?: PromiseKind;
  }): Promise<void> {
    const kase = await this.ensureCase();
    const pending = kase.promises.findLast((promise) => promise.state === 'pending');
    const sameQueue =
      kase.status === 'escalated' && kase.team === input.team && pending && kase.priority === input.priority;
    let due: Date;
    if (sameQueue && pending) {
      due = new Date(pending.due);
    } else {
      const plan = await this.services.planPromise({
        team: input.team,
        priority: input.priority,
        kind: input.kind ?? 'first_response',
        now: this.now,
        // A contract repair is answered within the contract's response time (what the customer bought).
        ...(kase.contract ? { targetMinutes: kase.contract.responseMinutes } : {}),
      });
      const escalated = escalateCase(kase, { ...input, plan, now: this.nowIso });
      this.case = escalated.case;
      this.effects.push(...escalated.effects);
      due = plan.due;
      this.event('escalated', `escalated to ${input.team} (${escalated.case.priority}): ${input.reason}`, {
        team: input.team,
        priority: escalated.case.priority,
        due: plan.due.toISOString(),
      });
      if (!plan.openNow && plan.backAt) {
        this.say(this.bundle.bot.texts.after_hours, {
          back: this.services.formatDeadline(plan.backAt, this.lang),
        });
      }
    }
    this.say(this.bundle.bot.texts.deadline_promise, {
      deadline: this.services.formatDeadline(due, this.lang),
      ref: this.case!.ref,
      team: input.team,
    });
    // The customer has just been told the deadline: no need to repeat it on their next message.
    this.session = { ...this.session, vars: { ...this.session.vars, _queueAckAt: this.now.getTime() } };
    this.signals.escalated = {
      ref: this.case!.ref,
      team: input.team,
      priority: this.case!.priority,
      due: due.toISOString(),
    };
  }
}
