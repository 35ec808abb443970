/** Reading raw mail as Chinese and English clients send it: charsets, encoded-words, HTML-only, no Message-ID. */
import { describe, expect, it } from 'vitest';
import { readMail } from '../../../channels/email/read-mail.js';
import { mail, PNG } from './support/mails.js';

const raw = (text: string) => Buffer.from(text);

describe('reading mail', () => {
  it('GBK-only characters in a body labelled GB2312, and a subject split over GBK encoded-words', async () => {
    const read = await readMail(
      raw(
        mail({
          from: 'tao@example.cn',
          fromName: '陶喆',
          subject: '回复：陶喆和朱镕基的打印机',
          charset: 'gbk',
          label: 'GB2312',
          text: '陶喆和朱镕基（GBK 专有字符，但标注为 gb2312）',
        }),
      ),
    );
    expect(read.subject).toBe('回复：陶喆和朱镕基的打印机');
    expect(read.text.trim()).toBe('陶喆和朱镕基（GBK 专有字符，但标注为 gb2312）');
    expect(read.from).toBe('tao@example.cn');
  });

  it('GB18030 with four-byte characters', async () => {
    const read = await readMail(
      raw(mail({ from: 'a@example.cn', subject: '㐀打印机', charset: 'gb18030', text: '𠀀 打印机坏了' })),
    );
    expect(read.subject).toBe('㐀打印机');
    expect(read.text.trim()).toBe('𠀀 打印机坏了');
  });

  it('HTML-only mail is turned into text', async () => {
    const read = await readMail(
      raw(
        mail({
          from: 'b@example.com',
          subject: 'x',
          html: '<div><p>My printer <b>jams</b>.</p><p>Serial CNB1234567</p></div>',
        }),
      ),
    );
    expect(read.text).toMatch(/My printer jams\.\s+Serial CNB1234567/);
  });

  it('a mail without Message-ID gets a stable id from its bytes', async () => {
    const text = 'From: c@example.com\r\nSubject: hi\r\n\r\nhello\r\n';
    const first = await readMail(raw(text));
    const again = await readMail(raw(text));
    expect(first.id).toMatch(/^<sha256-[0-9a-f]{40}@raw>$/);
    expect(again.id).toBe(first.id);
    expect((await readMail(raw(`${text}!`))).id).not.toBe(first.id);
  });

  it('threading ids and attachments with name, type and size', async () => {
    const read = await readMail(
      raw(
        mail({
          from: 'd@example.com',
          subject: 'Re: x',
          text: 'photo attached',
          inReplyTo: '<sr-2611-0001.ab@example.test>',
          references: ['<a@x>', '<sr-2611-0001.ab@example.test>'],
          attachments: [{ filename: '照片.png', contentType: 'image/png', content: PNG }],
        }),
      ),
    );
    expect(read.inReplyTo).toEqual(['<sr-2611-0001.ab@example.test>']);
    expect(read.references).toEqual(['<a@x>', '<sr-2611-0001.ab@example.test>']);
    expect(read.attachments).toEqual([
      expect.objectContaining({ filename: '照片.png', contentType: 'image/png', size: PNG.length }),
    ]);
  });
});
