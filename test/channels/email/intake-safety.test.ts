/**
 * Mail the bot must not answer, and mail it must not lose, through a real mailbox: an auto-reply, a
 * bounce (flags the customer's case, tells staff), our own mail, malformed MIME (parsed best-effort or
 * quarantined and listed for staff, never a crash), an image attachment kept on the case and served,
 * a fax from a gateway (a staff case, no reply), and an unsubscribe.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../../support/wait.js';
import { dovecotMissing } from './support/dovecot.js';
import { createEmailHarness, type EmailHarness, FAX_GATEWAY, SUPPORT_ADDRESS } from './support/harness.js';
import { bounceOf, mail, PNG } from './support/mails.js';

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let h: EmailHarness;
let moved = 0;
/** Waits until the mailbox's INBOX is empty again and `n` more mails were moved out of it. */
const settled = async (n: number) => {
  moved += n;
  await waitFor(
    async () =>
      (await h.dovecot.count('INBOX')) === 0 &&
      (await h.dovecot.count('Processed')) + (await h.dovecot.count('Quarantine')) >= moved,
    6000,
    `${moved} mails moved out of INBOX`,
  );
};

describe.skipIf(dovecotMissing)('email: intake never loops and never loses mail', () => {
  beforeAll(async () => {
    h = await createEmailHarness();
  });
  afterAll(async () => h?.close());
  describe('robots and bounces', robotsAndBounces);
  describe('attachments, malformed mail and faxes', attachmentsAndFaxes);
  describe('unsubscribe', unsubscribes);
});

function robotsAndBounces(): void {
  it('an out-of-office reply and our own mail produce no answer', async () => {
    const from = 'ooo@example.cn';
    await h.dovecot.append(
      mail({
        from,
        subject: '自动回复: 打印机',
        text: '我休假了，12月1日回来。',
        headers: { 'Auto-Submitted': 'auto-replied' },
      }),
    );
    await h.dovecot.append(
      mail({ from: SUPPORT_ADDRESS, subject: 'Re: x', text: 'our own reply, back again' }),
    );
    await h.dovecot.append(
      mail({ from: 'no-reply@shop.example', subject: 'Your order', text: 'Thanks for your order' }),
    );
    await settled(3);
    await pause(300);
    expect(h.sink.to(from)).toHaveLength(0);
    expect(
      h.sink.mails.filter((m) => m.to.includes(SUPPORT_ADDRESS) || m.to.includes('no-reply@shop.example')),
    ).toHaveLength(0);
    expect(await h.transcriptOf(from)).toHaveLength(0);
    expect(h.logs.some((line) => line.msg === 'automatic email not answered' && line.robot === 'auto')).toBe(
      true,
    );
  });

  it('a bounce flags the customer address on the case, tells staff, and starts no conversation', async () => {
    const customer = 'gone@example.cn';
    await h.dovecot.append(
      mail({ from: customer, subject: '打印机卡纸', text: '我的打印机一直卡纸，序列号CNB1234567' }),
    );
    const [ours] = await h.mailsTo(customer, 1);
    const dsn = bounceOf({ to: customer, original: ours!.parsed.messageId!, from: SUPPORT_ADDRESS });
    await h.dovecot.append(dsn);
    // The real-world bounce from an MTA (for an address we never wrote to) is recorded too, not answered.
    await h.dovecot.append(
      readFileSync(new URL('./fixtures/multipart_report_emails__report_530.eml', import.meta.url)),
    );
    const kase = await waitFor(
      async () => (await h.casesOf(customer)).find((found) => found.flags.includes('address_bouncing')),
      6000,
      'the case flagged address_bouncing',
    );
    expect(kase.flags).toContain('address_bouncing');
    await settled(3);
    const notes = await h.runtime.redis.lrange(
      `${h.runtime.config.REDIS_KEY_PREFIX}:notify:team:support`,
      0,
      -1,
    );
    expect(notes.some((note) => note.includes(kase.ref) && note.includes('5.1.1'))).toBe(true);
    expect(h.sink.to(customer)).toHaveLength(1);
    expect(h.sink.to('mailer-daemon@mx.example.cn')).toHaveLength(0);
  });
}

function attachmentsAndFaxes(): void {
  it('an image attachment is kept on the case with name, type and size, on disk; an oversize one is recorded as not kept', async () => {
    const from = 'photo@example.cn';
    const big = Buffer.alloc(6 * 1024 * 1024, 7);
    await h.dovecot.append(
      mail({
        from,
        subject: '打印机卡纸，附照片',
        text: '我的惠普打印机一直卡纸，序列号CNB1234567，照片见附件',
        attachments: [
          { filename: '卡纸.png', contentType: 'image/png', content: PNG },
          { filename: 'video.mp4', contentType: 'video/mp4', content: big },
        ],
      }),
    );
    await h.mailsTo(from, 1);
    const inbound = (await h.transcriptOf(from)).find((entry) => entry.kind === 'in')!;
    const attachments = inbound.meta?.attachments as Array<{
      url: string;
      filename: string;
      contentType: string;
      size: number;
    }>;
    expect(attachments).toHaveLength(2);
    expect(attachments[0]).toMatchObject({
      filename: '卡纸.png',
      contentType: 'image/png',
      size: PNG.length,
    });
    expect(attachments[1]).toMatchObject({
      filename: 'video.mp4',
      size: big.length,
      url: expect.stringMatching(/^not-kept:/),
    });
    // Kept on disk in the file store, for staff in the console; nothing public, nothing in Redis.
    expect(attachments[0]!.url).toMatch(/^\/console\/files\/[0-9a-f]{24}-[0-9a-f]{32}$/);
    const stored = await h.runtime.desk.deps.files!.read(attachments[0]!.url.split('/').pop()!);
    expect(stored!.file.contentType).toBe('image/png');
    expect(stored!.content.equals(PNG)).toBe(true);
    expect((await h.runtime.redis.keys('*att:*')).length).toBe(0);
    expect((await fetch(`${h.url}${attachments[0]!.url}`)).status).toBe(404);
    await settled(1);
  });

  it('malformed MIME is parsed best-effort or quarantined and listed for staff; nothing crashes, nothing stays behind', async () => {
    const dir = new URL('./fixtures/', import.meta.url);
    const files = readdirSync(dir).filter((name) => /^(?:error|mime)_emails__/.test(name));
    expect(files.length).toBeGreaterThanOrEqual(8);
    for (const name of files) await h.dovecot.append(readFileSync(new URL(name, dir)));
    // Not mail at all: no headers, no sender.
    await h.dovecot.append(Buffer.from('\x00\x01garbage without any header\r\n\r\n\xff\xfe'));
    await settled(files.length + 1);
    expect(await h.dovecot.count('Quarantine')).toBeGreaterThanOrEqual(1);
    const notes = await h.runtime.redis.lrange(
      `${h.runtime.config.REDIS_KEY_PREFIX}:notify:team:support`,
      0,
      -1,
    );
    expect(notes.some((note) => note.includes('Quarantine folder'))).toBe(true);
    expect(h.logs.some((line) => line.msg.includes('quarantined') && line.level === 40)).toBe(true);
    expect(h.logs.filter((line) => line.level >= 50 && line.channel === 'email')).toEqual([]);
  });

  it('a fax from the gateway becomes a case for staff with the attachment, and the gateway gets no reply', async () => {
    await h.dovecot.append(
      mail({
        from: FAX_GATEWAY,
        subject: 'Fax from +86 10 8888 0000 (2 pages)',
        text: '',
        attachments: [
          { filename: 'fax-0001.pdf', contentType: 'application/pdf', content: Buffer.from('%PDF-1.4 fax') },
        ],
      }),
    );
    const kase = await waitFor(async () => (await h.casesOf(FAX_GATEWAY))[0], 6000, 'the fax case');
    expect(kase).toMatchObject({ status: 'escalated', owner: 'queue', team: 'support' });
    const inbound = (await h.transcriptOf(FAX_GATEWAY)).find((entry) => entry.kind === 'in')!;
    expect(inbound.meta?.attachments).toEqual([
      expect.objectContaining({ filename: 'fax-0001.pdf', contentType: 'application/pdf' }),
    ]);
    await settled(1);
    await pause(300);
    expect(h.sink.to(FAX_GATEWAY)).toHaveLength(0);
  });
}

function unsubscribes(): void {
  it('"unsubscribe" puts the address on the opt-out list, nothing more is sent to it; "订阅" undoes it', async () => {
    const from = 'leave@example.com';
    await h.dovecot.append(mail({ from, subject: 'unsubscribe', text: '' }));
    await waitFor(() => h.runtime.deliveries.isOptedOut('email', from), 6000, 'the opt-out');
    await settled(1);
    expect(h.sink.to(from)).toHaveLength(0);
    // "subscribe" (订阅) opts back in.
    await h.dovecot.append(mail({ from, subject: '订阅', text: '' }));
    await waitFor(async () => !(await h.runtime.deliveries.isOptedOut('email', from)), 6000, 'the opt-in');
    await settled(1);
  });
}
