/**
 * An SMTP server on port 0 that keeps every mail it accepts (smtp-server), and can be told to refuse
 * the next mails to an address with a 4xx or 5xx, or to go away and come back.
 */
import type { AddressInfo } from 'node:net';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface SunkMail {
  to: string[];
  raw: Buffer;
  parsed: ParsedMail;
}

export interface SmtpSink {
  port: number;
  mails: SunkMail[];
  to(address: string): SunkMail[];
  refuseNext(address: string, code: 450 | 550, times?: number): void;
  /** Stops listening (connections are refused) until `up()`. */
  down(): Promise<void>;
  up(): Promise<void>;
  close(): Promise<void>;
}

export async function startSmtpSink(): Promise<SmtpSink> {
  const mails: SunkMail[] = [];
  const refusals = new Map<string, { code: number; times: number }>();
  const make = () =>
    new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      closeTimeout: 100,
      size: 20 * 1024 * 1024,
      onAuth(_auth, _session, callback) {
        callback(null, { user: 'bot' });
      },
      onRcptTo(address, _session, callback) {
        const refusal = refusals.get(address.address.toLowerCase());
        if (refusal && refusal.times > 0) {
          refusal.times--;
          const error = new Error(
            refusal.code >= 500 ? 'mailbox unavailable' : 'try again later',
          ) as Error & {
            responseCode: number;
          };
          error.responseCode = refusal.code;
          return callback(error);
        }
        callback();
      },
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          const raw = Buffer.concat(chunks);
          void simpleParser(raw).then((parsed) => {
            mails.push({ to: session.envelope.rcptTo.map((r) => r.address.toLowerCase()), raw, parsed });
            callback(null, `queued as sink-${mails.length}`);
          }, callback);
        });
      },
    });
  let server = make();
  const listen = (port: number) =>
    new Promise<number>((resolve) => {
      server.listen(port, '127.0.0.1', () => resolve((server.server.address() as AddressInfo).port));
    });
  const port = await listen(0);
  return {
    port,
    mails,
    to: (address) => mails.filter((mail) => mail.to.includes(address.toLowerCase())),
    refuseNext(address, code, times = 1) {
      refusals.set(address.toLowerCase(), { code, times });
    },
    down: () => new Promise<void>((resolve) => server.close(() => resolve())),
    async up() {
      server = make();
      await listen(port);
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
