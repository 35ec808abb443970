/**
 * The email channel: a support mailbox read over IMAP (IDLE, one reader among all processes) and
 * replies sent over SMTP through the outbox. Off, with one start-up line saying why, when no IMAP/SMTP
 * setting is present.
 */
import {
  type ChannelAdapter,
  type ChannelCapabilities,
  type ChannelContext,
  defineChannel,
} from '../../src/port/channel.js';
import { defaultMedia } from '../../src/port/medium.js';
import { takeIn } from './intake.js';
import { MailboxReader } from './mailbox-reader.js';
import { emailSetup, maskAddress } from './settings.js';
import { createSmtpSender } from './smtp-sender.js';

/** /readyz asks the SMTP server at most this often. */
const VERIFY_CACHE_MS = 30_000;

/**
 * Message-IDs; an unsubscribe mail opts out; SMTP answers 4xx (retried) or 5xx (final); a bounce
 * reports a sent mail failed. Mail comes from a mailbox: a malformed one is kept aside.
 */
export const emailCapabilities: ChannelCapabilities = {
  providerMessageIds: true,
  optOut: true,
  sendFailures: ['temporary', 'permanent'],
  deliveryReports: ['failed'],
  inbound: 'mailbox',
};

export const emailChannel = defineChannel({
  name: 'email',
  settings: emailSetup,
  create(setup): ChannelAdapter {
    const identity = {
      name: 'email',
      provider: 'imap',
      kind: 'email' as const,
      medium: defaultMedia.email,
      capabilities: emailCapabilities,
    };
    if (!setup.on) {
      return {
        ...identity,
        status: `email: off (${setup.reason})`,
        start: async () => {},
        stop: async () => {},
      };
    }
    const { settings } = setup;
    let context: ChannelContext | null = null;
    let reader: MailboxReader | null = null;
    const line = {
      get context(): ChannelContext {
        if (!context) throw new Error('the email channel is not started');
        return context;
      },
    };
    const sender = createSmtpSender(settings, line);
    let verified: { at: number; error: Error | null } | null = null;
    const { imap, smtp } = settings;
    return {
      ...identity,
      status: `email: on (${maskAddress(imap.user)} at ${imap.host}:${imap.port}${imap.secure ? ' TLS' : ''} ${imap.mailbox}, replies from ${maskAddress(settings.fromAddress)} via ${smtp.host}:${smtp.port})`,
      texts: ['subject', 'footer'],
      async start(given) {
        if (reader && context === given) return;
        await reader?.stop();
        context = given;
        reader = new MailboxReader(settings, given, (raw) => takeIn(raw, given, settings), {
          leaseSeconds: settings.leaseSeconds,
          reconnectMaxMs: settings.reconnectMaxMs,
        });
        reader.start();
        // The SMTP login is checked at start-up, not at the first reply: a wrong password shows at once.
        void sender.verify().then(
          () => {
            verified = { at: Date.now(), error: null };
            given.logger.info(
              { channel: 'email', smtp: `${smtp.host}:${smtp.port}` },
              'smtp server verified',
            );
          },
          (failure: unknown) => {
            verified = { at: Date.now(), error: new Error(`smtp: ${String(failure)}`) };
            given.logger.warn(
              { channel: 'email', err: String(failure) },
              'smtp server not reachable or login refused',
            );
          },
        );
        given.logger.info({ channel: 'email', status: 'started' }, 'email channel started');
      },
      async stop() {
        const running = reader;
        reader = null;
        await running?.stop();
        sender.close();
      },
      sender,
      async ready() {
        if (!verified || Date.now() - verified.at >= VERIFY_CACHE_MS) {
          let error: Error | null = null;
          try {
            await sender.verify();
          } catch (failure) {
            error = new Error(`smtp: ${failure instanceof Error ? failure.message : String(failure)}`);
          }
          verified = { at: Date.now(), error };
        }
        if (verified.error) throw verified.error;
        const health = reader?.health;
        if (health && health.state === 'disconnected')
          throw new Error(`imap: not connected${health.error ? ` (${health.error})` : ''}`);
      },
    };
  },
});
