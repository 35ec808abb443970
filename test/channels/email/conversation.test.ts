/**
 * A customer emails a fault report to a real mailbox (Dovecot), the bot answers
 * through a real SMTP server (sink): one email asking every missing question as a numbered list,
 * threaded; the customer's reply, in the quoting style of their client, lands on the same case with
 * only the new text read; the mail is moved to Processed and marked \Seen.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../../support/wait.js';
import { dovecotMissing } from './support/dovecot.js';
import { createEmailHarness, type EmailHarness, SUPPORT_ADDRESS } from './support/harness.js';
import { mail, quoteStyles, uniqueId } from './support/mails.js';

let h: EmailHarness;

describe.skipIf(dovecotMissing)('email: a fault report and its threaded replies', () => {
  beforeAll(async () => {
    h = await createEmailHarness();
  });
  afterAll(async () => h?.close());
  describe('a first report, Chinese or English', firstReports);
  describe("replies in each client's quoting style", quotedReplies);
  describe('a new subject', newSubjects);
});

function firstReports(): void {
  it('a Chinese report (GB18030 body, subject in two GB2312 encoded-words) gets one email listing what is missing', async () => {
    const from = 'zhangsan@example.cn';
    const id = uniqueId();
    await h.dovecot.append(
      mail({
        from,
        fromName: '张三',
        subject: '打印机一直卡纸',
        charset: 'gb18030',
        label: 'GB2312',
        messageId: id,
        text: '您好，\n我的惠普LaserJet打印机一直卡纸，序列号CNB1234567，三周前买的。\n\n发自我的iPhone',
      }).replace('charset="GB2312"', 'charset="GB18030"'),
    );
    const [reply] = await h.mailsTo(from, 1);
    const { parsed } = reply!;
    expect(parsed.subject).toMatch(/^Re: 打印机一直卡纸 \[SR-\d{4}-\d{4}\]$/);
    expect(parsed.inReplyTo).toBe(id);
    expect(parsed.messageId).toMatch(/^<sr-\d{4}-\d{4}\.[a-z0-9]+@example\.test>$/);
    expect(parsed.headers.get('auto-submitted')).toBe('auto-replied');
    expect(reply!.raw.toString()).toContain(
      `List-Unsubscribe: <mailto:${SUPPORT_ADDRESS}?subject=unsubscribe>`,
    );
    expect(parsed.from?.value[0]?.address).toBe(SUPPORT_ADDRESS);
    expect(parsed.text).toMatch(/1\. 设备是否有过摔落/);
    expect(parsed.text).toMatch(/2\. 设备是否被非我司授权的人员拆开/);
    expect(parsed.html).toContain('<p>');
    // Read as written: product, serial and date came from the GB18030 body.
    const [kase] = await h.casesOf(from);
    expect(kase?.slots).toMatchObject({ serial: 'CNB1234567' });
    const inbound = (await h.transcriptOf(from)).filter((entry) => entry.kind === 'in');
    expect(inbound[0]?.text).toContain('序列号CNB1234567');
    expect(inbound[0]?.text).not.toContain('发自我的iPhone');
    await waitFor(async () => (await h.dovecot.count('Processed')) >= 1, 3000, 'the mail moved to Processed');
    expect(h.sink.to(from)).toHaveLength(1);
  });

  it('an English HTML-only report is read as text and answered in English', async () => {
    const from = 'alice@example.com';
    await h.dovecot.append(
      mail({
        from,
        subject: 'Printer problem',
        html: '<html><body><p>My HP LaserJet keeps jamming, serial CNB7654321, bought 3 weeks ago.</p></body></html>',
      }),
    );
    const [reply] = await h.mailsTo(from, 1);
    expect(reply!.parsed.subject).toMatch(/^Re: Printer problem \[SR-/);
    expect(reply!.parsed.text).toMatch(/1\. Has the device been dropped/);
    expect(reply!.parsed.text).toMatch(/2\. Has anyone other than our authorised service/);
  });
}

function quotedReplies(): void {
  const styles = [
    { style: 'qq', from: 'qq1@qq.com', lang: 'zh', answer: '1. 否\n2. 否', prefix: '回复：' },
    { style: 'coremail', from: 'cm1@163.com', lang: 'zh', answer: '1. 否\n2. 否', prefix: '回复:' },
    { style: 'outlookZh', from: 'ol1@example.cn', lang: 'zh', answer: '1.否\n2.否', prefix: '答复: ' },
    { style: 'gmailZh', from: 'gm1@gmail.com', lang: 'zh', answer: '否\n否', prefix: 'Re: ' },
    { style: 'thunderbird', from: 'tb1@example.com', lang: 'en', answer: '1. No\n2. No', prefix: 'Re: ' },
  ] as const;

  it.each(styles)(
    'a reply quoted $style-style threads to its case and only the new text is read',
    async ({ style, from, lang, answer, prefix }) => {
      const report =
        lang === 'zh'
          ? '我的惠普LaserJet打印机一直卡纸，序列号CNB1234567，三周前买的'
          : 'My HP LaserJet keeps jamming, serial CNB1234567, bought 3 weeks ago';
      await h.dovecot.append(
        mail({ from, subject: lang === 'zh' ? '打印机卡纸' : 'Printer jam', text: report }),
      );
      const [first] = await h.mailsTo(from, 1);
      const ours = first!.parsed;
      const ref = /\[(SR-[\d-]+)\]/.exec(ours.subject ?? '')![1]!;
      // The client replies: its own prefix on our subject, our id in In-Reply-To and References.
      await h.dovecot.append(
        mail({
          from,
          subject: `${prefix}${ours.subject}`,
          charset: lang === 'zh' ? 'gb18030' : 'utf-8',
          inReplyTo: ours.messageId!,
          references: [...[ours.references ?? []].flat(), ours.messageId!],
          text: `${answer}${quoteStyles[style](ours.text ?? '')}`,
        }),
      );
      const mails = await h.mailsTo(from, 2);
      const second = mails[1]!.parsed;
      expect(second.subject).toBe(ours.subject);
      expect(second.inReplyTo).toMatch(/^<t/);
      expect([second.references].flat()).toContain(ours.messageId);
      const inbound = (await h.transcriptOf(from)).filter((entry) => entry.kind === 'in');
      expect(inbound).toHaveLength(2);
      expect(inbound[1]!.text).toBe(answer);
      expect(inbound[1]!.case).toBe(ref);
      const kase = (await h.casesOf(from)).find((found) => found.ref === ref)!;
      expect(kase.slots).toMatchObject({ damage: false, opened: false });
    },
  );
}

function newSubjects(): void {
  it('a new subject from a known customer whose case is finished opens a new case; an open case takes a new subject', async () => {
    const from = 'returning@example.cn';
    await h.dovecot.append(
      mail({ from, subject: '打印机卡纸', text: '我的惠普打印机卡纸了，序列号CNB1234567，三周前买的' }),
    );
    const [first] = await h.mailsTo(from, 1);
    const reply = (text: string, previous: typeof first) =>
      mail({
        from,
        subject: `回复：${previous!.parsed.subject}`,
        inReplyTo: previous!.parsed.messageId!,
        references: [previous!.parsed.messageId!],
        text,
      });
    // A new subject while the case is open lands on it (the sender's open case).
    await h.dovecot.append(mail({ from, subject: '补充', text: '1. 否\n2. 否' }));
    const [, second] = await h.mailsTo(from, 2);
    const ref = /\[(SR-[\d-]+)\]/.exec(first!.parsed.subject ?? '')![1]!;
    expect(second!.parsed.subject).toContain(`[${ref}]`);
    await h.dovecot.append(reply('解决了', second));
    await waitFor(
      async () => (await h.casesOf(from)).find((kase) => kase.ref === ref)?.status === 'resolved',
      6000,
      'resolved',
    );
    await h.dovecot.append(
      mail({ from, subject: '显示器没有信号', text: '我的显示器没有信号，序列号MON7654321' }),
    );
    const mails = await h.mailsTo(from, 4);
    const fresh = /\[(SR-[\d-]+)\]/.exec(mails.at(-1)!.parsed.subject ?? '')![1]!;
    expect(fresh).not.toBe(ref);
    expect((await h.casesOf(from)).find((kase) => kase.ref === ref)?.status).toBe('resolved');
  });
}
