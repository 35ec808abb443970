/**
 * Watches the support mailbox: one IMAP connection (imapflow), IDLE with a short `autoIdleDelay` so new
 * mail is seen within a second, catch-up on start after the last processed UID (per UIDVALIDITY,
 * RFC 3501 §2.3.1.1: a changed value means every UID may have changed, so the mailbox is read again —
 * the desk's Message-ID dedupe keeps that from answering twice), mail processed in UID order, each one
 * recorded through the desk before it is flagged \Seen and moved (RFC 6851 MOVE) to Processed or
 * Quarantine. imapflow does not reconnect: after any close a new client is made, with backoff.
 * Mailbox locks are held per batch only — imapflow does not IDLE while a lock is held.
 */
import { ImapFlow } from 'imapflow';
import type { ChannelContext } from '../../src/port/channel.js';
import type { Disposition } from './intake.js';
import { type ReaderLease, readerLease } from './reader-lease.js';
import type { EmailSettings } from './settings.js';

export interface ReaderOptions {
  leaseSeconds: number;
  reconnectMaxMs: number;
  /** Mail that failed to be recorded this many times goes to Quarantine instead of blocking the rest. */
  maxAttempts?: number;
}

export interface ReaderHealth {
  state: 'starting' | 'reading' | 'standby' | 'disconnected' | 'stopped';
  error: string | null;
}

interface Cursor {
  uidValidity: string;
  lastUid: number;
}

/** From, Subject and Message-ID as written (still encoded): enough for staff to find it in the folder. */
function describe(raw: Buffer): string {
  const head =
    raw
      .subarray(0, 16_384)
      .toString('latin1')
      .split(/\r?\n\r?\n/)[0] ?? '';
  const field = (name: string) => new RegExp(`^${name}:[ \t]*(.{0,120})`, 'im').exec(head)?.[1]?.trim();
  return ['From', 'Subject', 'Message-ID'].map((name) => `${name}: ${field(name) ?? '(none)'}`).join(', ');
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export class MailboxReader {
  private stopped = true;
  private loop: Promise<void> | null = null;
  private client: ImapFlow | null = null;
  private wake: (() => void) | null = null;
  /** Resolves when stop() is called: a connection being watched stops being waited on. */
  private halted: Promise<void> = Promise.resolve();
  private halt: () => void = () => undefined;
  private readonly lease: ReaderLease;
  readonly health: ReaderHealth = { state: 'stopped', error: null };

  constructor(
    private readonly settings: EmailSettings,
    private readonly context: ChannelContext,
    private readonly process: (raw: Buffer) => Promise<Disposition>,
    private readonly options: ReaderOptions,
  ) {
    this.lease = readerLease(
      context.store,
      `reader:${settings.imap.user}:${settings.imap.mailbox}`,
      options.leaseSeconds,
    );
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.halted = new Promise<void>((resolve) => (this.halt = resolve));
    this.health.state = 'starting';
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    this.halt();
    this.wake?.();
    const client = this.client;
    if (client) await client.logout().catch(() => client.close());
    await this.loop;
    await this.lease.release().catch(() => undefined);
    this.health.state = 'stopped';
  }

  private async pause(ms: number): Promise<void> {
    await Promise.race([sleep(ms), new Promise<void>((resolve) => (this.wake = resolve))]);
  }

  private async run(): Promise<void> {
    let failures = 0;
    while (!this.stopped) {
      try {
        if (!(await this.lease.hold())) {
          this.health.state = 'standby';
          await this.pause((this.options.leaseSeconds * 1000) / 3);
          continue;
        }
        await this.watch(() => {
          failures = 0;
        });
      } catch (error) {
        this.health.error = String(error);
        this.context.logger.warn({ channel: 'email', err: String(error) }, 'mailbox connection failed');
      }
      if (this.stopped) break;
      this.health.state = 'disconnected';
      failures++;
      const delay = Math.min(this.options.reconnectMaxMs, 200 * 2 ** Math.min(failures, 10));
      this.context.logger.info({ channel: 'email', delayMs: delay }, 'reconnecting to the mailbox');
      await this.pause(delay);
    }
  }

  /** One connection's life: connect, catch up, then drain on every new mail until it closes. */
  private async watch(connected: () => void): Promise<void> {
    const { imap, folders } = this.settings;
    const client = new ImapFlow({
      host: imap.host,
      port: imap.port,
      secure: imap.secure,
      auth: { user: imap.user, pass: imap.password },
      logger: false,
      autoIdleDelay: 100,
      connectionTimeout: 10_000,
    });
    this.client = client;
    let closed!: () => void;
    const ended = new Promise<void>((resolve) => (closed = resolve));
    client.on('close', () => closed());
    client.on('error', (error: Error) => {
      this.health.error = error.message;
      this.context.logger.warn({ channel: 'email', err: error.message }, 'mailbox connection error');
    });
    try {
      await client.connect();
      if (this.stopped) return;
      for (const folder of [folders.processed, folders.quarantine]) {
        await client.mailboxCreate(folder).catch(() => undefined); // already there
      }
      await client.mailboxOpen(imap.mailbox);
      connected();
      this.health.state = 'reading';
      this.health.error = null;
      this.context.logger.info({ channel: 'email', mailbox: imap.mailbox }, 'mailbox watched');
      let chain = Promise.resolve();
      let failed: unknown = null;
      const drain = () => {
        chain = chain
          .then(() => this.drain(client))
          .catch((error) => {
            failed = error;
            client.close();
          });
      };
      client.on('exists', drain);
      drain();
      // Lease renewal doubles as a safety-net poll (a missed IDLE notification costs at most one period).
      const renew = setInterval(
        () => {
          void this.lease.hold().then(
            (held) => {
              if (!held) {
                this.context.logger.warn(
                  { channel: 'email' },
                  'mailbox lease lost: another process reads now',
                );
                client.close();
              } else drain();
            },
            () => undefined,
          );
        },
        (this.options.leaseSeconds * 1000) / 3,
      );
      await Promise.race([ended, this.halted]);
      clearInterval(renew);
      if (this.stopped) await client.logout().catch(() => undefined);
      await chain;
      if (failed) throw failed;
    } finally {
      this.client = null;
      client.close();
    }
  }

  private cursorKey(): string {
    return `cursor:${this.settings.imap.user}:${this.settings.imap.mailbox}`;
  }

  /** Processes every mail after the last processed UID, in UID order. */
  private async drain(client: ImapFlow): Promise<void> {
    if (this.stopped || !client.usable) return;
    const { imap, folders } = this.settings;
    const { store, logger } = this.context;
    const lock = await client.getMailboxLock(imap.mailbox);
    try {
      const mailbox = client.mailbox;
      if (!mailbox) return;
      const validity = mailbox.uidValidity.toString();
      let cursor = await store.get<Cursor>(this.cursorKey());
      if (!cursor || cursor.uidValidity !== validity) {
        if (cursor)
          logger.warn(
            { channel: 'email', was: cursor.uidValidity, now: validity },
            'UIDVALIDITY changed: reading the mailbox again',
          );
        cursor = { uidValidity: validity, lastUid: 0 };
      }
      const after = cursor.lastUid;
      const found = await client.search({ uid: `${after + 1}:*` }, { uid: true });
      const uids = (found || []).filter((uid) => uid > after).sort((a, b) => a - b);
      for (const uid of uids) {
        if (this.stopped) return;
        const message = await client.fetchOne(String(uid), { source: true }, { uid: true });
        if (message === false || !message.source) continue; // expunged meanwhile
        const disposition = await this.dispose(message.source, uid);
        const folder = disposition.to === 'processed' ? folders.processed : folders.quarantine;
        await client.messageFlagsAdd(String(uid), ['\\Seen'], { uid: true });
        await client.messageMove(String(uid), folder, { uid: true });
        cursor = { uidValidity: validity, lastUid: uid };
        await store.set(this.cursorKey(), cursor);
      }
    } finally {
      lock.release();
    }
  }

  /** Intake, with a bound on retries: a mail that keeps failing is quarantined and listed for staff. */
  private async dispose(raw: Buffer, uid: number): Promise<Disposition> {
    const { store, logger } = this.context;
    let disposition: Disposition;
    try {
      disposition = await this.process(raw);
    } catch (error) {
      const key = `tries:${this.settings.imap.mailbox}:${uid}`;
      const tries = ((await store.get<number>(key)) ?? 0) + 1;
      await store.set(key, tries, 24 * 3600);
      if (tries < (this.options.maxAttempts ?? 3)) throw error;
      logger.error(
        { channel: 'email', uid, err: String(error) },
        'email could not be recorded after retries: quarantined',
      );
      disposition = { to: 'quarantine', reason: `could not be recorded: ${String(error).slice(0, 200)}` };
    }
    if (disposition.to === 'quarantine') {
      await this.context.handToStaff({
        reason: 'quarantined',
        providerId: `uid-${uid}`,
        summary: `a mail (${describe(raw)}) was moved to the ${this.settings.folders.quarantine} folder: ${disposition.reason}`,
      });
    }
    return disposition;
  }
}
