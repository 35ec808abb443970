/**
 * The channel-neutral shapes every channel and the engine agree on.
 * A channel turns provider traffic into an InboundMessage and renders OutboundMessages; it knows
 * nothing about flows or cases. The engine knows nothing about providers.
 */

/** The two languages every text exists in. */
export type Lang = 'zh' | 'en';

/** Medium: decides how questions are asked (one at a time, or all missing ones in one message). */
export type ChannelKind = 'sms' | 'voice' | 'email' | 'chat';

export interface Attachment {
  /** Where the file can be fetched (provider URL) or a reference to where it is stored. */
  url: string;
  contentType?: string;
  filename?: string;
  size?: number;
}

export interface InboundMessage {
  channel: ChannelKind;
  /** The adapter it came through (`sms`, `webchat`…): replies go back through the same one. */
  provider?: string;
  /** The provider's id for this message (MessageSid, Message-ID, activity id): the dedupe key. */
  providerMessageId: string;
  /** The customer's address on that channel: E.164 phone, email address, chat user id. */
  from: string;
  /** Our address the customer wrote to (our phone number, support mailbox, bot id). */
  to?: string;
  text: string;
  attachments?: Attachment[];
  receivedAt: Date;
  /** Provider hint for threading: email In-Reply-To/References, a chat conversation id, a call sid. */
  threadHint?: string;
  /** Case reference the channel found in the message (email subject "[SR-…]"). */
  caseRefHint?: string;
  /**
   * The channel knows the message starts a new thread (an email with a new subject and no reference to
   * ours): it is not about a finished case, so it never re-opens one; an open case still takes it.
   */
  newThread?: boolean;
  /** Channel-specific data needed to reply later (Bot Framework conversation reference, email ids). */
  replyContext?: Record<string, unknown>;
  /** Set by channels whose caller renders the replies itself (voice TwiML, the terminal chat). */
  inline?: boolean;
  /**
   * The channel answers its provider as soon as the message is recorded (an SMS webhook): the turn runs
   * right after and its replies go out through the outbox, so `receive` returns no replies.
   */
  answerWhenRecorded?: boolean;
  /** Customer asked for a language explicitly (terminal --lang, a voice menu choice). */
  langHint?: Lang;
  /**
   * Facts the channel knows from outside the text, as values of the fault flow's slots (`product`,
   * `serial`, `purchase_date`, `address`): a QR code on a device's label carries its serial, a shared map
   * pin is an address. Taken like facts the customer wrote, so the bot does not ask for them; a value
   * the slot cannot hold (an unknown product) is ignored.
   */
  facts?: Record<string, string>;
}

/** One bot reply as the engine produces it; channels render choices as buttons or numbered text. */
export interface Reply {
  text: string;
  choices?: string[];
  /** Which question this reply asks (slot name), for channels that tune input (voice hints, DTMF). */
  expects?: { slot: string; type: string };
}

/** One message to a customer, as it sits in the outbox. */
export interface OutboundMessage {
  /** Idempotency key: one outbound message, one id, whatever the retries. */
  id: string;
  channel: ChannelKind;
  /** The adapter that delivers it; absent: the one adapter of that kind. */
  provider?: string;
  to: string;
  lang: Lang;
  text: string;
  choices?: string[];
  /** The question this message asks (its slot), so a chat channel can show it as a form or card. */
  expects?: Reply['expects'];
  caseRef?: string;
  customerId: string;
  /** Email subject, threading ids; Bot Framework conversation reference; etc. */
  replyContext?: Record<string, unknown>;
  /** Who wrote it: the bot, a staff member, or the system (deadline updates, follow-ups). */
  author: 'bot' | 'system' | `staff:${string}`;
  createdAt: string;
  /**
   * What kind of notice this is, with the values its text was filled with, when it is one (a visit
   * booked, a deadline moved, a record to confirm, a follow-up). A channel that may write to a customer
   * only within a while after their last message can send a notice later as a pre-approved template.
   */
  notice?: Notice;
}

/** A notice sent to a customer outside a conversation: its kind and the values of its text. */
export interface Notice {
  kind: NoticeKind;
  values: Record<string, string>;
}

export type NoticeKind =
  | 'deadline_update'
  | 'appointment_booked'
  | 'appointment_reminder'
  | 'engineer_late'
  | 'record_confirmation'
  | 'followup'
  | 'finding_case'
  | 'quote';

/** Where a conversation stands after a turn, as channels and the terminal chat show it. */
export interface SessionView {
  flow: string | null;
  step: string | null;
  lang: Lang;
  slots: Record<string, unknown>;
}

export interface CaseView {
  ref: string;
  status: string;
  priority: string;
  team: string | null;
  owner: string;
  deadline: string | null;
  warranty: {
    decision: 'replace' | 'free_repair' | 'paid_repair' | 'needs_review' | 'contract_repair';
    rule: string;
    explanation: Record<Lang, string>;
  } | null;
}

/** What a turn tells the channel beyond its replies. */
export interface TurnSignals {
  /** The customer asked for a person (voice may transfer the call in business hours). */
  handoff?: boolean;
  escalated?: { ref: string; team: string; priority: 'urgent' | 'high' | 'normal' | 'low'; due: string };
  /** The flow ended this turn. */
  ended?: boolean;
}

/** The outcome of one inbound message. */
export interface InboundResult {
  customerId: string;
  replies: Reply[];
  session: SessionView;
  case: CaseView | null;
  signals: TurnSignals;
}
