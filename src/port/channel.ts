/**
 * The channel port. A channel adapter (one folder under channels/, one line in channels/index.ts) turns
 * its provider's traffic into InboundMessages and channel-neutral commands, and delivers
 * OutboundMessages from the outbox. It declares its settings, its medium profile and the texts it
 * needs; it knows its provider's protocol and its medium's limits, and nothing about flows, cases or
 * Redis keys: everything it may do goes through the narrow ChannelContext it is started with.
 *
 * Deliberately not part of the contract: retries (the outbox retries), dedupe (the desk dedupes on the
 * provider message id), ownership and loop prevention (the engine), what opting out or asking for a
 * person means for a case (the desk), choice rendering rules (src/engine/render.ts).
 */
import type { FastifyPluginAsync } from 'fastify';
import type { Clock } from '../clock.js';
import type { Logger } from '../logger.js';
import type { Metrics } from '../metrics.js';
import type { MediumProfile } from './medium.js';
import type {
  Attachment,
  ChannelKind,
  InboundMessage,
  InboundResult,
  Lang,
  OutboundMessage,
  Reply,
} from './messages.js';

export type { MediumProfile } from './medium.js';

/** A delivery failure. `permanent`: retrying cannot help (invalid number, unsubscribed, no mailbox). */
export class SendError extends Error {
  constructor(
    message: string,
    readonly permanent: boolean,
    readonly providerCode?: string | number,
    /** The recipient opted out at the provider: the desk records it and stops writing to them. */
    readonly optedOut = false,
  ) {
    super(message);
    this.name = 'SendError';
  }

  /** The catalogue code (src/errors.ts) this failure is logged and recorded under. */
  get code(): 'SUPPORT_ERR_SEND_PERMANENT' | 'SUPPORT_ERR_SEND_TEMPORARY' {
    return this.permanent ? 'SUPPORT_ERR_SEND_PERMANENT' : 'SUPPORT_ERR_SEND_TEMPORARY';
  }
}

export interface SendResult {
  /** The provider's id for the message (an SMS sid, an SMTP Message-ID, an activity id). */
  providerId?: string;
  /** Every provider id the message became (SMS parts), so each part's delivery report finds it. */
  providerIds?: string[];
}

/**
 * Delivers outbox messages. The outbox retries a message until the provider accepts it, also after the
 * process died in the middle of a send; so a sender must never send blindly again when an earlier
 * attempt's outcome is unknown: it records the attempt in its store before calling the provider and,
 * on a retry, asks the provider whether it already accepted it (by our id, or the text and recipient).
 */
export interface ChannelSender {
  kind: ChannelKind;
  provider: string;
  /** Delivers one message. Throws SendError; any other error counts as temporary. */
  send(message: OutboundMessage, attempt?: SendAttempt): Promise<SendResult>;
}

/** What the outbox knows about earlier tries of a message when it hands it to a sender. */
export interface SendAttempt {
  /**
   * No earlier try of this message was ever started (not even by a process that died): a sender need
   * not look up what an earlier try got through.
   */
  first: boolean;
}

/** Provider-neutral delivery states a channel reports for messages it sent. */
export interface DeliveryReport {
  /** The provider's id of the message (or of one of its parts). */
  providerId: string;
  /**
   * Our outbox id, when the channel carries it through the provider (a status-callback URL): the report
   * finds its message even if the process died before it learnt the provider's id.
   */
  messageId?: string;
  /** `progress`: accepted, queued, sending… (recorded only as the message's state). */
  state: 'delivered' | 'failed' | 'progress';
  /** The provider's own status word, for the case's transcript. */
  status: string;
  code?: string;
  /** The provider says the recipient unsubscribed (a carrier's unsubscribe, a mailbox that refuses us). */
  optedOut?: boolean;
}

/** The customer's own opt-out words (STOP, 退订), opt-in (START) and HELP. */
export interface PreferenceRequest {
  kind: 'opt_out' | 'opt_in' | 'help';
  /** The customer's address on this channel. */
  address: string;
  text: string;
  providerMessageId: string;
  /** The language the keyword was written in. */
  lang?: Lang;
}

export interface PreferenceResult {
  kind: PreferenceRequest['kind'];
  /** The opt-out list changed (false: already on it / already off it, or a repeated message). */
  changed: boolean;
  /**
   * A confirmation the channel answers with itself, right now (the opt-out confirmation: the outbox
   * no longer writes to an opted-out address). Other answers go through the outbox.
   */
  answerNow: string | null;
}

/** A caller wants a person and nobody can take the call now: a callback is promised. */
export interface CallbackRequest {
  address: string;
  ref: string;
  /** The call's id: a repeated request for the same call records nothing twice. */
  callId: string;
  lang: Lang;
  /** after_hours, no_transfer_target, dial_no-answer… */
  reason: string;
}

export interface CallbackResult {
  ref: string;
  /** What the caller is told (and texted): the reference and the deadline. */
  text: string;
  due: string;
}

/** A live call put through to the support line, or taken there. */
export interface TransferReport {
  address: string;
  ref: string;
  callId: string;
  outcome: 'dialing' | 'answered';
  target?: string;
  durationSeconds?: number;
}

/**
 * The provider says mail to a customer's address cannot be delivered (an email bounce): the address is
 * marked bouncing on the customer's case and staff are told. Never starts a conversation.
 */
export interface UndeliverableReport {
  /** The customer's address that failed. */
  address: string;
  /** The provider's id of the report (a bounce's Message-ID): a repeated report records nothing twice. */
  providerId: string;
  reason: string;
  code?: string;
}

/**
 * Something from a customer (or a machine for one) that goes to staff, not to the bot: a fax, a
 * message the channel could not read. With an address, it becomes an escalated case of that customer
 * (no reply is sent); without one, staff are told where the channel kept it.
 */
export interface StaffHandover {
  /** `fax`, `quarantined`… shown to staff and recorded as the case's escalation reason. */
  reason: string;
  providerId: string;
  /** The sender's address on this channel, when known. */
  address?: string;
  /** What staff see first: a subject, the folder a mail was kept in. */
  summary: string;
  text?: string;
  attachments?: Attachment[];
  /** The team whose queue gets the case (default `support`). */
  team?: string;
}

/** What a live conversation needs before the customer speaks: their language and the open question. */
export interface ConversationLookup {
  customerId: string;
  lang: Lang;
  /** The question waiting for an answer, as it was last asked. */
  pending: Reply | null;
}

/**
 * A small key-value store of the channel's own (call state, SMS parts sent, a mailbox's last UID), in
 * a namespace of its own. Values are JSON.
 */
export interface ChannelStore {
  get<T>(key: string): Promise<T | null>;
  set(key: string, value: unknown, ttlSeconds?: number): Promise<void>;
  /** Sets only if absent; true when set (a lease, a first-time marker). */
  claim(key: string, value: unknown, ttlSeconds: number): Promise<boolean>;
  delete(key: string): Promise<void>;
}

/** How an entry joins a numbered log (ChannelLogs.append). */
export interface LogAppendOptions {
  /** Entries kept (older ones drop off the front). */
  keep: number;
  /** The log is kept at least this long from now (an append never shortens it). */
  ttlSeconds: number;
  /** Names this entry (a browser's message id, an outbox message id): a repeat is not appended again. */
  once?: string;
  /** Not appended when equal to the value last appended under the same tag (a case bar not repeated). */
  unlessSame?: { tag: string; value: string };
}

/**
 * What an append did: `appended` with the number it got, `duplicate` with the first one's number, or
 * `skipped` (an unchanged tagged value) and `missing` (no such log: never opened, expired or erased).
 */
export type LogAppendResult =
  | { status: 'appended' | 'duplicate'; seq: number }
  | { status: 'skipped' | 'missing'; seq: null };

/**
 * Numbered logs of the channel's own (the web chat's histories). Each append allocates the entry's
 * number and writes it in one step, so a crash leaves either both or neither, and no number is used
 * twice. A log opened for a customer's address is erased with that customer.
 */
export interface ChannelLogs {
  /** Opens a log with a record (who it is for); false when it exists already. */
  open(
    name: string,
    record: unknown,
    options: {
      ttlSeconds: number;
      /** The customer's address on this channel: erasing them erases the log. */
      owner?: string;
      /** How long the owner's listing is kept (the longest the log may live); default `ttlSeconds`. */
      ownerTtlSeconds?: number;
      /** Entries (with their numbers) carried over from elsewhere; numbering goes on after `seq`. */
      seed?: { seq: number; entries: Array<{ seq: number }> };
    },
  ): Promise<boolean>;
  record<T>(name: string): Promise<T | null>;
  append(name: string, entry: Record<string, unknown>, options: LogAppendOptions): Promise<LogAppendResult>;
  /** Entries numbered above `seq`, in order. */
  after<T>(name: string, seq: number): Promise<Array<T & { seq: number }>>;
  remove(name: string): Promise<void>;
}

/** A customer's file as a channel hands it over: what the channel calls it, its name, type and bytes. */
export interface IncomingFile {
  /** Unique for this file on this channel (a mail's id and the part's place, a media id). */
  key: string;
  filename: string;
  contentType: string;
  content: Buffer;
}

/**
 * Customers' files, kept on disk under FILES_DIR (never in Redis), capped per file and per sender and
 * day, shown to signed-in staff only and erased with the customer.
 */
export interface ChannelFiles {
  /** Keeps a file sent from an address; the attachment as the case records it (`not-kept:…` says why not). */
  keep(address: string, file: IncomingFile): Promise<Attachment>;
  /** The attachment of a file kept before under this key, if any (a retry need not fetch it again). */
  find(address: string, key: string): Promise<Attachment | null>;
}

/** Everything a channel may do. Nothing else: no Redis, no case store, no runtime. */
export interface ChannelContext {
  readonly clock: Clock;
  readonly logger: Logger;
  readonly metrics?: Metrics;
  readonly store: ChannelStore;
  readonly logs: ChannelLogs;
  readonly files: ChannelFiles;
  /** Records one inbound message (deduplicated on its provider id) and returns the turn's result. */
  receive(message: InboundMessage): Promise<InboundResult & { duplicate: boolean }>;
  /** Opt-out / opt-in / help, whatever the channel's own words for them. */
  preference(request: PreferenceRequest): Promise<PreferenceResult>;
  /** A delivery report from the provider; false when the message is not one we sent (or forgotten). */
  deliveryReport(report: DeliveryReport): Promise<boolean>;
  /** The caller asked for a person and nobody can take the call: the callback promise (null: no such case). */
  requestCallback(request: CallbackRequest): Promise<CallbackResult | null>;
  /** The call was put through to the support line, or the line took it. */
  reportTransfer(report: TransferReport): Promise<void>;
  /** The call ended while a question was open: noted on the case, the next contact carries on. */
  reportHangUp(request: { address: string; callId: string; reason: string }): Promise<void>;
  /** The provider says the customer's address cannot be reached (a bounce): flagged on their case. */
  reportUndeliverable(report: UndeliverableReport): Promise<void>;
  /** Hands something to staff instead of the bot (a fax, an unreadable message); the case reference if one was opened. */
  handToStaff(handover: StaffHandover): Promise<{ ref: string | null }>;
  /** Language and open question of the customer behind an address on this channel. */
  lookup(address: string): Promise<ConversationLookup>;
  /**
   * The provider vouches that this address belongs to `person`, a key it gives the same person across
   * the company's accounts (a chat app's union id): every address with that key reaches one customer. The
   * first address seen keeps its customer; later ones are linked to it, as staff link identities.
   */
  samePerson(address: string, person: string): Promise<void>;
  /** Whether the support team is at work now (business hours and holidays). */
  isOpen(): boolean;
  /** One of this channel's texts (flows/bot.yaml `channel_texts.<name>`), filled in for a language. */
  text(key: string, lang: Lang, values?: Record<string, unknown>): string;
}

/** A send failure a channel's sender can report: retried (`temporary`) or final (`permanent`). */
export type SendFailureKind = 'temporary' | 'permanent';

/**
 * What a channel can do, declared by its adapter. These are facts about the channel and its provider,
 * so the product asks them (never the channel's name), and the channel conformance suite generates a
 * check for each declared capability — and only for those.
 */
export interface ChannelCapabilities {
  /**
   * The provider gives each inbound message an id of its own (a MessageSid, a Message-ID, an activity
   * id, the page's message id): a repeated delivery is recognised and recorded once.
   */
  providerMessageIds: boolean;
  /** Customers opt out (and back in) in the channel's own words: STOP / 退订, an unsubscribe mail. */
  optOut: boolean;
  /**
   * The failures the sender reports as SendError. Empty when nothing can refuse a send: no sender of
   * its own (a call), or a store of our own (the web chat).
   */
  sendFailures: readonly SendFailureKind[];
  /** The delivery states the provider reports for sent messages (through `deliveryReport`). */
  deliveryReports: readonly ('delivered' | 'failed')[];
  /**
   * How traffic arrives: `http` (a provider's webhook, the web chat's API: a malformed request gets a
   * 4xx), `mailbox` (a malformed mail is kept aside for staff), `local` (in process: nothing to malform).
   */
  inbound: 'http' | 'mailbox' | 'local';
}

/** One start-up line: `sms: on (from +86…)` or `email: off (IMAP_HOST not set)`. */
export interface ChannelAdapter {
  /** Unique among adapters; keys its texts and its store (`sms`, `voice`, `email`, `webchat`). */
  readonly name: string;
  /** Who carries the traffic (a phone provider, `imap`, `botframework`, `webchat`, `terminal`). */
  readonly provider: string;
  readonly kind: ChannelKind;
  readonly medium: MediumProfile;
  /** What the channel can do; the same whether it is on or off. */
  readonly capabilities: ChannelCapabilities;
  readonly status: string;
  /** Keys this channel needs under `channel_texts.<name>` in flows/bot.yaml, checked at start-up. */
  readonly texts?: readonly string[];
  /** Begins work (listeners, mailbox watchers). Called once per process before routes or sends; idempotent. */
  start(context: ChannelContext): Promise<void>;
  /** Ends work; idempotent. Called on shutdown before Redis is closed. */
  stop(): Promise<void>;
  /** Webhook routes, as a Fastify plugin (registered after start). */
  readonly routes?: FastifyPluginAsync;
  /** Delivers outbox messages of this adapter's kind and provider (after start). */
  readonly sender?: ChannelSender;
  /** For /readyz: resolves when the provider can be reached. */
  ready?(): Promise<void>;
}

/** The environment, as channels read their settings from it. */
export type Environment = Readonly<Record<string, string | undefined>>;

/** A channel's settings: off (with the reason for its start-up line) or on. */
export type ChannelSetup<S> = { on: true; settings: S } | { on: false; reason: string };

/**
 * How a channel is registered: its settings, read from the environment with its own zod schema (a
 * wrong value throws ConfigError naming the setting; start-up reports every channel's problems together
 * with the rest of the configuration), and the adapter built from them.
 */
export interface ChannelDefinition<S = unknown> {
  readonly name: string;
  settings(env: Environment): ChannelSetup<S>;
  create(setup: ChannelSetup<S>): ChannelAdapter;
}

/** A channel as the registry (channels/index.ts) lists it: settings checked, adapter built. */
export interface RegisteredChannel {
  readonly name: string;
  /** Throws ConfigError naming each wrong setting. */
  settings(env: Environment): unknown;
  /** The adapter (on or off) for this environment. */
  build(env: Environment): ChannelAdapter;
}

/** Declares a channel with its settings type checked against its factory. */
export function defineChannel<S>(definition: ChannelDefinition<S>): RegisteredChannel {
  return {
    name: definition.name,
    settings: (env) => definition.settings(env),
    build: (env) => definition.create(definition.settings(env)),
  };
}
