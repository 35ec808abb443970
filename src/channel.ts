/**
 * The channel port. A channel (channels/sms, channels/voice…) turns provider traffic into
 * InboundMessages for the desk and delivers OutboundMessages from the outbox. It knows its provider's
 * protocol and its medium's limits, and nothing about flows or cases.
 *
 * Deliberately not part of the contract: retries (the outbox retries), dedupe (the desk dedupes on the
 * provider message id), ownership and loop prevention (the engine), choice rendering rules
 * (src/engine/render.ts).
 */
import type { FastifyPluginAsync } from 'fastify';
import type { ChannelKind, OutboundMessage } from './engine/types.js';
import type { ReadinessCheck } from './server/health.js';

/** A delivery failure. `permanent`: retrying cannot help (invalid number, unsubscribed, no mailbox). */
export class SendError extends Error {
  constructor(
    message: string,
    readonly permanent: boolean,
    readonly providerCode?: string | number,
    /** The customer opted out (Twilio 21610): the desk records it and stops writing to them. */
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
  /** The provider's id for the message (Twilio SM…, SMTP Message-ID). */
  providerId?: string;
}

export interface ChannelSender {
  channel: ChannelKind;
  /** Delivers one message. Throws SendError; any other error counts as temporary. */
  send(message: OutboundMessage): Promise<SendResult>;
}

export interface ChannelAdapter {
  name: string;
  /** One line for the start-up log: "sms: on (from +1…)" or "sms: off (TWILIO_ACCOUNT_SID not set)". */
  status: string;
  /** Webhook routes, as a Fastify plugin. */
  plugin?: FastifyPluginAsync;
  sender?: ChannelSender;
  readiness?: ReadinessCheck;
}
