/**
 * Nothing missed, nothing doubled: Dovecot restarted mid-run and connections kicked (a new client, with
 * backoff), a crash between "recorded" and "moved" (no second reply), a changed UIDVALIDITY (read again,
 * not answered twice), SMTP down then up (the reply arrives once), a 5xx refusal (not retried, flagged),
 * a staff reply threaded, and two app processes on one mailbox (one reader, no double replies).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { takeIn } from '../../../channels/email/intake.js';
import { emailSetup } from '../../../channels/email/settings.js';
import { customerIdFor, identityOf } from '../../../src/conversation/keys.js';
import { waitFor } from '../../support/wait.js';
import { dovecotMissing, MAILBOX_USER } from './support/dovecot.js';
import { createEmailHarness, type EmailHarness } from './support/harness.js';
import { mail, uniqueId } from './support/mails.js';

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const report = (from: string, messageId = uniqueId()) =>
  mail({
    from,
    subject: '打印机卡纸',
    text: '我的惠普打印机一直卡纸，序列号CNB1234567，三周前买的',
    messageId,
  });

let h: EmailHarness;
const emailAdapter = () => h.runtime.channels.find((adapter) => adapter.name === 'email')!;

describe.skipIf(dovecotMissing)('email: reconnects, restarts and competing readers', () => {
  beforeAll(async () => {
    h = await createEmailHarness();
  });
  afterAll(async () => h?.close());
  describe('the mailbox', mailboxOutages);
  describe('SMTP refusals and staff replies', smtpRefusals);
  describe('reply limits', replyLimits);
  describe('two processes', competingReaders);
});

function mailboxOutages(): void {
  it('Dovecot restarted mid-run: the reader reconnects and nothing is missed or doubled', async () => {
    const before = 'before-restart@example.cn';
    await h.dovecot.append(report(before));
    await h.mailsTo(before, 1);
    const ready = h.wiring.readiness.find((check) => check.name === 'email')!;
    await h.dovecot.stop();
    // /readyz says so while the mailbox is away.
    const failing = await waitFor(
      () =>
        ready.check().then(
          () => false,
          (error: Error) => error.message,
        ),
      4000,
      'the email readiness check failing',
    );
    expect(failing).toMatch(/^imap: not connected/);
    await h.dovecot.start();
    // Mail that arrived while the reader was away, and after it came back.
    const during = 'during-restart@example.cn';
    await h.dovecot.append(report(during));
    await h.mailsTo(during, 1, 10_000);
    expect(h.logs.some((line) => line.msg === 'reconnecting to the mailbox')).toBe(true);
    // Kicked (doveadm kick): a new client again.
    const watched = h.logs.filter((line) => line.msg === 'mailbox watched').length;
    h.dovecot.kick();
    await waitFor(
      () => h.logs.filter((line) => line.msg === 'mailbox watched').length > watched,
      8000,
      'a new connection',
    );
    const after = 'after-kick@example.cn';
    await h.dovecot.append(report(after));
    await h.mailsTo(after, 1, 8000);
    await pause(400);
    for (const address of [before, during, after]) expect(h.sink.to(address)).toHaveLength(1);
    expect(h.logs.some((line) => line.msg === 'smtp server verified')).toBe(true);
    await expect(ready.check()).resolves.toBeUndefined();
  });

  it('a crash between "recorded" and "moved" gives no second reply after restart', async () => {
    const from = 'crash@example.cn';
    const raw = Buffer.from(report(from).replace(/\r?\n/g, '\r\n'));
    const adapter = emailAdapter();
    await adapter.stop();
    // Recorded through the desk (the reply goes out), then the process died before moving the mail.
    const setup = emailSetup(h.runtime.config.env);
    if (!setup.on) throw new Error('email channel off');
    await takeIn(raw, h.runtime.channelContext(adapter), setup.settings);
    await h.mailsTo(from, 1);
    await h.dovecot.append(raw);
    await adapter.start(h.runtime.channelContext(adapter));
    await waitFor(async () => (await h.dovecot.count('INBOX')) === 0, 8000, 'the mail moved after restart');
    await pause(400);
    expect(h.sink.to(from)).toHaveLength(1);
    expect(h.logs.some((line) => line.msg === 'email already recorded (repeated delivery)')).toBe(true);
  });

  it('a changed UIDVALIDITY reads the mailbox again instead of skipping mail', async () => {
    const adapter = emailAdapter();
    await adapter.stop();
    const store = h.runtime.channelContext(adapter).store;
    await store.set(`cursor:${MAILBOX_USER}:INBOX`, { uidValidity: '1', lastUid: 1_000_000 });
    const from = 'validity@example.cn';
    await h.dovecot.append(report(from));
    await adapter.start(h.runtime.channelContext(adapter));
    await h.mailsTo(from, 1, 8000);
    expect(h.logs.some((line) => line.msg === 'UIDVALIDITY changed: reading the mailbox again')).toBe(true);
  });
}

function smtpRefusals(): void {
  it('SMTP down, then up: the reply is retried and arrives once', async () => {
    const from = 'smtp-down@example.cn';
    await h.sink.down();
    await h.dovecot.append(report(from));
    await waitFor(
      () => h.logs.some((line) => line.msg === 'email not accepted (will retry)'),
      8000,
      'a failed send',
    );
    await h.sink.up();
    await h.mailsTo(from, 1, 10_000);
    await pause(500);
    expect(h.sink.to(from)).toHaveLength(1);
  });

  it('a 4xx is retried; a 5xx recipient refusal is permanent and flags the case', async () => {
    const later = 'greylisted@example.cn';
    h.sink.refuseNext(later, 450);
    await h.dovecot.append(report(later));
    await h.mailsTo(later, 1, 8000);
    const refused = 'no-such-user@example.cn';
    h.sink.refuseNext(refused, 550, 10);
    await h.dovecot.append(report(refused));
    const kase = await waitFor(
      async () => (await h.casesOf(refused)).find((found) => found.flags.includes('delivery_failed')),
      8000,
      'the case flagged delivery_failed',
    );
    expect(kase.flags).toContain('delivery_failed');
    expect(h.logs.filter((line) => line.msg === 'email refused by the SMTP server (permanent)')).toHaveLength(
      1,
    );
  });

  it('a staff reply reaches the customer threaded, without Auto-Submitted', async () => {
    const from = 'staff-reply@example.cn';
    const id = uniqueId();
    await h.dovecot.append(report(from, id));
    const [bot] = await h.mailsTo(from, 1);
    const ref = /\[(SR-[\d-]+)\]/.exec(bot!.parsed.subject ?? '')![1]!;
    await h.runtime.command(
      customerIdFor(identityOf('email', from)),
      'staff.reply',
      {
        staff: { name: 'wang', role: 'supervisor' },
        text: '您好，工程师明天上午上门。',
        messageId: `staff-${ref}`,
      },
      { caseRef: ref, id: `staff-reply-${ref}` },
    );
    const mails = await h.mailsTo(from, 2);
    const staff = mails[1]!.parsed;
    expect(staff.subject).toBe(`Re: 打印机卡纸 [${ref}]`);
    expect(staff.inReplyTo).toBe(id);
    expect([staff.references].flat()).toContain(id);
    expect(staff.messageId).toMatch(new RegExp(`^<${ref.toLowerCase()}\\.`));
    expect(staff.headers.has('auto-submitted')).toBe(false);
    expect(staff.text).toContain('工程师明天上午上门');
  });
}

function replyLimits(): void {
  it("retries while the SMTP server is down do not use up the customer's hourly allowance", async () => {
    const to = 'retried-reply@example.cn';
    const sender = emailAdapter().sender!;
    const reply = {
      id: `retried-${Date.now()}`,
      channel: 'email' as const,
      provider: 'imap',
      to,
      lang: 'zh' as const,
      text: '收到，工程师会尽快回复',
      customerId: customerIdFor(identityOf('email', to)),
      author: 'bot' as const,
      createdAt: new Date().toISOString(),
    };
    await h.sink.down();
    for (let attempt = 0; attempt < 12; attempt++) await expect(sender.send(reply)).rejects.toThrow();
    await h.sink.up();
    await sender.send(reply);
    expect(h.sink.to(to)).toHaveLength(1);
  });

  it('automatic replies to one address are capped per hour; staff replies are not', async () => {
    const to = 'robot-loop@example.cn';
    const sender = emailAdapter().sender!;
    const message = (n: number, author: 'bot' | 'staff:wang') => ({
      id: `rate-${n}-${Date.now()}`,
      channel: 'email' as const,
      provider: 'imap',
      to,
      lang: 'zh' as const,
      text: `自动回复 ${n}`,
      customerId: customerIdFor(identityOf('email', to)),
      author,
      createdAt: new Date().toISOString(),
    });
    for (let n = 0; n < 11; n++) await sender.send(message(n, 'bot'));
    await sender.send(message(11, 'staff:wang'));
    expect(h.sink.to(to)).toHaveLength(11);
    expect(h.sink.to(to).filter((sunk) => sunk.parsed.headers.has('auto-submitted'))).toHaveLength(10);
    expect(
      h.logs.filter((line) => line.msg.startsWith('email reply not sent: too many automatic replies')),
    ).toHaveLength(1);
  });
}

function competingReaders(): void {
  it('two app processes on one mailbox: one reads, no double replies; the other takes over when it stops', async () => {
    const other = await h.second();
    const addresses = ['two-a@example.cn', 'two-b@example.cn', 'two-c@example.cn'];
    for (const address of addresses) await h.dovecot.append(report(address));
    for (const address of addresses) await h.mailsTo(address, 1, 8000);
    expect(other.logs.some((line) => line.msg === 'mailbox watched')).toBe(false);
    // The reader goes away: the other process takes the lease over.
    await emailAdapter().stop();
    const late = 'two-late@example.cn';
    await h.dovecot.append(report(late));
    await h.mailsTo(late, 1, 12_000);
    expect(other.logs.some((line) => line.msg === 'mailbox watched')).toBe(true);
    await pause(400);
    for (const address of [...addresses, late]) expect(h.sink.to(address)).toHaveLength(1);
  });
}
