/**
 * Sends outbox messages over SMTP (nodemailer, pooled connections, verified at start-up for /readyz).
 * What a failure means for the outbox: a 5xx answer (RFC 5321 §4.2.1: permanent negative completion —
 * no such mailbox, refused recipient) is permanent and flags the case; 4xx answers, connection errors
 * and timeouts are retried with backoff. Automatic replies to one address are capped per hour, so a
 * robot that slipped past the loop guard cannot keep a conversation with the bot going.
 */
import nodemailer from 'nodemailer';
import { renderReply } from '../../src/engine/render.js';
import {
  type ChannelContext,
  type ChannelSender,
  SendError,
  type SendResult,
} from '../../src/port/channel.js';
import type { OutboundMessage } from '../../src/port/messages.js';
import { composeReply } from './compose-reply.js';
import { type EmailSettings, maskAddress } from './settings.js';

export interface SmtpFailure {
  code?: string;
  responseCode?: number;
  response?: string;
  message?: string;
}

export function sendErrorOf(error: unknown): SendError {
  const failure = (error && typeof error === 'object' ? error : { message: String(error) }) as SmtpFailure;
  const what = failure.response ?? failure.message ?? 'send failed';
  const status = failure.responseCode;
  if (status && status >= 500 && failure.code !== 'EAUTH')
    return new SendError(`smtp: ${what}`, true, status);
  return new SendError(`smtp: ${what}`, false, status ?? failure.code);
}

export interface SmtpSender extends ChannelSender {
  verify(): Promise<void>;
  close(): void;
}

/** The started channel (its context is set when the adapter starts). */
export interface Started {
  readonly context: ChannelContext;
}

export function createSmtpSender(settings: EmailSettings, line: Started): SmtpSender {
  const { smtp } = settings;
  // Made on first use and again after close(): a stopped channel leaves no socket open, a restarted one reconnects.
  let transport: ReturnType<typeof nodemailer.createTransport> | null = null;
  const pool = () =>
    (transport ??= nodemailer.createTransport({
      pool: true,
      maxConnections: 3,
      host: smtp.host,
      port: smtp.port,
      secure: smtp.secure,
      ...(smtp.user ? { auth: { user: smtp.user, pass: smtp.password! } } : {}),
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 30_000,
    }));

  /** One slot per reply in the hour: SET NX on `rate:<address>:<hour>:<n>` is atomic without counters. */
  async function withinRate(address: string): Promise<boolean> {
    const { store, clock } = line.context;
    const hour = Math.floor(clock.now().getTime() / 3600_000);
    for (let n = 0; n < settings.repliesPerHour; n++) {
      if (await store.claim(`rate:${address.toLowerCase()}:${hour}:${n}`, 1, 3700)) return true;
    }
    return false;
  }

  return {
    kind: 'email',
    provider: 'imap',
    verify: async () => {
      await pool().verify();
    },
    close: () => {
      transport?.close();
      transport = null;
    },
    async send(message: OutboundMessage): Promise<SendResult> {
      const { logger } = line.context;
      const log = {
        channel: 'email',
        message: message.id,
        caseRef: message.caseRef,
        to: maskAddress(message.to),
      };
      const sentKey = `sent:${message.id}`;
      const already = await line.context.store.get<string>(sentKey);
      if (already) return { providerId: already };
      // One place in the hourly allowance per message, not per attempt: retries while the SMTP server is
      // down must not use up the customer's allowance and silence the replies that follow.
      const countedKey = `counted:${message.id}`;
      if (message.author === 'bot' && !(await line.context.store.get(countedKey))) {
        if (!(await withinRate(message.to))) {
          logger.warn(log, 'email reply not sent: too many automatic replies to this address this hour');
          return {};
        }
        await line.context.store.set(countedKey, 1, 3700);
      }
      const text = message.choices?.length
        ? renderReply({ text: message.text, choices: message.choices }, message.lang, 'numbered')
        : message.text;
      const mail = composeReply(
        { ...message, text },
        {
          from: settings.from,
          fromAddress: settings.fromAddress,
          domain: settings.domain,
          defaultSubject: line.context.text('subject', message.lang),
          footer: line.context.text('footer', message.lang),
        },
      );
      try {
        const info = (await pool().sendMail(mail)) as { messageId?: string; response?: string };
        const providerId = info.messageId ?? mail.messageId;
        await line.context.store.set(sentKey, providerId, 7 * 24 * 3600);
        logger.info({ ...log, providerId, response: info.response }, 'email sent');
        return { providerId };
      } catch (error) {
        const failure = sendErrorOf(error);
        logger.warn(
          { ...log, code: failure.providerCode, permanent: failure.permanent, err: failure.message },
          failure.permanent
            ? 'email refused by the SMTP server (permanent)'
            : 'email not accepted (will retry)',
        );
        throw failure;
      }
    },
  };
}
