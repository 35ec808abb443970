/**
 * The email channel's settings, read from the environment with its own schema and frozen. Names are
 * fixed (docs/settings.md: IMAP_*, SMTP_*, SUPPORT_EMAIL_FROM); the EMAIL_* ones tune intake. Absent → the
 * channel is off with one status line; present but incomplete → start-up fails naming what is missing.
 */
import { z } from 'zod';
import { ConfigError } from '../../src/config.js';
import type { Environment } from '../../src/port/channel.js';

const emptyAsUndefined = (value: unknown) => (value === '' ? undefined : value);
const optional = z.preprocess(emptyAsUndefined, z.string().optional());
const port = z.preprocess(emptyAsUndefined, z.coerce.number().int().min(1).max(65535).optional());
const bool = (fallback: boolean) =>
  z.preprocess(
    emptyAsUndefined,
    z
      .enum(['true', 'false', '1', '0', 'yes', 'no'], { message: 'must be true or false' })
      .optional()
      .transform((value) => (value === undefined ? fallback : ['true', '1', 'yes'].includes(value))),
  );
const count = (fallback: number, min = 0) =>
  z.preprocess(emptyAsUndefined, z.coerce.number().int().min(min).default(fallback));

const ADDRESS = /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/;

const emailEnvSchema = z.object({
  IMAP_HOST: optional,
  IMAP_PORT: port,
  IMAP_SECURE: bool(true),
  IMAP_USER: optional,
  IMAP_PASSWORD: optional,
  IMAP_MAILBOX: z.preprocess(emptyAsUndefined, z.string().default('INBOX')),
  SMTP_HOST: optional,
  SMTP_PORT: port,
  SMTP_SECURE: bool(false),
  SMTP_USER: optional,
  SMTP_PASSWORD: optional,
  SUPPORT_EMAIL_FROM: optional,
  /** Fax-to-email gateways: mail from these addresses (or @domains) becomes a staff case, never a conversation. */
  EMAIL_FAX_SENDERS: optional,
  /** One attachment larger than this is recorded as "not kept". */
  EMAIL_ATTACHMENT_MAX_BYTES: count(5 * 1024 * 1024, 1),
  /** Attachments of one mail are kept up to this total; the rest are recorded as "not kept". */
  EMAIL_MAIL_ATTACHMENTS_MAX_BYTES: count(10 * 1024 * 1024, 1),
  /** Automatic replies to one address per hour; more are not sent (a loop with another robot ends here). */
  EMAIL_REPLIES_PER_HOUR: count(10, 1),
  /** Folders the channel moves mail to (created if absent). */
  EMAIL_PROCESSED_FOLDER: z.preprocess(emptyAsUndefined, z.string().default('Processed')),
  EMAIL_QUARANTINE_FOLDER: z.preprocess(emptyAsUndefined, z.string().default('Quarantine')),
  /** Seconds a process holds the mailbox reader lease without renewing; another takes over after. */
  EMAIL_READER_LEASE_SECONDS: count(30, 2),
  /** Longest wait between reconnection attempts (the backoff doubles from 0.4 s up to this). */
  EMAIL_RECONNECT_MAX_MS: count(60_000, 100),
});

export interface EmailSettings {
  imap: { host: string; port: number; secure: boolean; user: string; password: string; mailbox: string };
  smtp: { host: string; port: number; secure: boolean; user?: string; password?: string };
  /** `"客服 Support" <support@example.com>` or a bare address, as written. */
  from: string;
  /** The bare address of `from`, lower case: mail from it is our own. */
  fromAddress: string;
  /** The domain our Message-IDs are made on. */
  domain: string;
  /** Lower-case addresses and `@domain`s of fax gateways. */
  faxSenders: readonly string[];
  attachmentMaxBytes: number;
  mailAttachmentsMaxBytes: number;
  repliesPerHour: number;
  folders: { processed: string; quarantine: string };
  leaseSeconds: number;
  reconnectMaxMs: number;
}

export type EmailSetup = { on: true; settings: EmailSettings } | { on: false; reason: string };

/** `Name <a@b.c>` or `a@b.c` → `a@b.c` (lower case), or null. */
export function bareAddress(value: string): string | null {
  const inside = /<([^<>]+)>\s*$/.exec(value)?.[1] ?? value;
  const address = inside.trim().toLowerCase();
  return ADDRESS.test(address) ? address : null;
}

/** `support@example.com` → `su*****@example.com`: addresses in logs and status lines are masked. */
export function maskAddress(address: string): string {
  const [local = '', domain = ''] = address.split('@');
  return `${local.slice(0, 2)}${'*'.repeat(Math.max(1, local.length - 2))}@${domain}`;
}

export function emailSetup(env: Environment): EmailSetup {
  const parsed = emailEnvSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`));
  }
  const c = parsed.data;
  const names = ['IMAP_HOST', 'IMAP_USER', 'IMAP_PASSWORD', 'SMTP_HOST', 'SUPPORT_EMAIL_FROM'] as const;
  const given = names.filter((name) => c[name]);
  if (given.length === 0) return { on: false, reason: 'IMAP_HOST not set' };
  const problems = names
    .filter((name) => !c[name])
    .map((name) => `${name}: required when ${given[0]} is set (the email channel)`);
  const fromAddress = c.SUPPORT_EMAIL_FROM ? bareAddress(c.SUPPORT_EMAIL_FROM) : null;
  if (c.SUPPORT_EMAIL_FROM && !fromAddress)
    problems.push('SUPPORT_EMAIL_FROM: must be an address such as "Support <support@example.com>"');
  if (c.SMTP_USER && !c.SMTP_PASSWORD) problems.push('SMTP_PASSWORD: required when SMTP_USER is set');
  const faxSenders = (c.EMAIL_FAX_SENDERS ?? '')
    .split(/[,;\s]+/)
    .map((entry) => entry.trim().toLowerCase())
    .filter(Boolean);
  for (const entry of faxSenders) {
    if (!(entry.startsWith('@') ? ADDRESS.test(`x${entry}`) : ADDRESS.test(entry)))
      problems.push(`EMAIL_FAX_SENDERS: "${entry}" is neither an address nor an @domain`);
  }
  if (problems.length > 0) throw new ConfigError(problems);
  const settings: EmailSettings = {
    imap: {
      host: c.IMAP_HOST!,
      port: c.IMAP_PORT ?? (c.IMAP_SECURE ? 993 : 143),
      secure: c.IMAP_SECURE,
      user: c.IMAP_USER!,
      password: c.IMAP_PASSWORD!,
      mailbox: c.IMAP_MAILBOX,
    },
    smtp: {
      host: c.SMTP_HOST!,
      port: c.SMTP_PORT ?? (c.SMTP_SECURE ? 465 : 587),
      secure: c.SMTP_SECURE,
      ...(c.SMTP_USER ? { user: c.SMTP_USER, password: c.SMTP_PASSWORD! } : {}),
    },
    from: c.SUPPORT_EMAIL_FROM!,
    fromAddress: fromAddress!,
    domain: fromAddress!.split('@')[1]!,
    faxSenders: Object.freeze(faxSenders),
    attachmentMaxBytes: c.EMAIL_ATTACHMENT_MAX_BYTES,
    mailAttachmentsMaxBytes: c.EMAIL_MAIL_ATTACHMENTS_MAX_BYTES,
    repliesPerHour: c.EMAIL_REPLIES_PER_HOUR,
    folders: { processed: c.EMAIL_PROCESSED_FOLDER, quarantine: c.EMAIL_QUARANTINE_FOLDER },
    leaseSeconds: c.EMAIL_READER_LEASE_SECONDS,
    reconnectMaxMs: c.EMAIL_RECONNECT_MAX_MS,
  };
  return { on: true, settings: Object.freeze(settings) };
}
