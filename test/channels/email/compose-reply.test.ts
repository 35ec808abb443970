/** One outbox message as an email: subject, threading headers, Auto-Submitted by author, text and HTML parts. */
import { describe, expect, it } from 'vitest';
import { composeReply, htmlOf } from '../../../channels/email/compose-reply.js';
import { sendErrorOf } from '../../../channels/email/smtp-sender.js';
import type { OutboundMessage } from '../../../src/port/messages.js';

const base: OutboundMessage = {
  id: 'in-email-abc-r0',
  channel: 'email',
  provider: 'imap',
  to: 'zhangsan@example.cn',
  lang: 'zh',
  text: '请回复：\n\n1. 设备是否进水？\n2. 是否拆开过？',
  caseRef: 'SR-2611-0003',
  customerId: 'c1',
  author: 'bot',
  createdAt: '2026-11-26T02:00:00.000Z',
  replyContext: {
    subject: '答复: 打印机 <卡纸>',
    messageId: '<m2@example.cn>',
    references: ['<m1@example.cn>', '<m2@example.cn>'],
  },
};
const settings = {
  from: '"客服 Support" <support@example.test>',
  fromAddress: 'support@example.test',
  domain: 'example.test',
  defaultSubject: '售后服务',
  footer: '',
};

describe('composing a reply', () => {
  it('a mail that answers nothing (the maintenance record) takes its own title, tagged, not Re:', () => {
    const mail = composeReply(
      { ...base, author: 'staff:alice', replyContext: { title: '维护记录单' } },
      settings,
    );
    expect(mail.subject).toBe('维护记录单 [SR-2611-0003]');
    expect(mail.inReplyTo).toBeUndefined();
    expect(mail.headers['Auto-Submitted']).toBeUndefined();
  });

  it('threads under the customer mail, one Re: and the case tag, our Message-ID stable across retries', () => {
    const mail = composeReply(base, settings);
    expect(mail.subject).toBe('Re: 打印机 <卡纸> [SR-2611-0003]');
    expect(mail.inReplyTo).toBe('<m2@example.cn>');
    expect(mail.references).toEqual(['<m1@example.cn>', '<m2@example.cn>']);
    expect(mail.messageId).toMatch(/^<sr-2611-0003\.[0-9a-f]{20}@example\.test>$/);
    expect(composeReply(base, settings).messageId).toBe(mail.messageId);
    expect(mail.headers['Auto-Submitted']).toBe('auto-replied');
    expect(mail.headers['List-Unsubscribe']).toBe('<mailto:support@example.test?subject=unsubscribe>');
  });

  it('system notices are auto-generated; staff replies carry no Auto-Submitted', () => {
    expect(composeReply({ ...base, author: 'system' }, settings).headers['Auto-Submitted']).toBe(
      'auto-generated',
    );
    expect(composeReply({ ...base, author: 'staff:wang' }, settings).headers).not.toHaveProperty(
      'Auto-Submitted',
    );
  });

  it('a conversation staff started has a subject of its own with the case tag', () => {
    const { replyContext: _, ...started } = base;
    const mail = composeReply(started, settings);
    expect(mail.subject).toBe('售后服务 [SR-2611-0003]');
    expect(mail.inReplyTo).toBeUndefined();
  });

  it('the HTML part keeps paragraphs and line breaks and escapes the text', () => {
    expect(htmlOf('a <b>\n1. x\n\nnext', 'en')).toContain('<p>a &lt;b&gt;<br>\n1. x</p>\n<p>next</p>');
  });
});

describe('what an SMTP failure means', () => {
  it.each([
    [{ responseCode: 550, response: '550 5.1.1 user unknown', code: 'EENVELOPE' }, true],
    [{ responseCode: 554, response: '554 rejected' }, true],
    [{ responseCode: 450, response: '450 try later', code: 'EENVELOPE' }, false],
    [{ responseCode: 421, response: '421 closing' }, false],
    [{ code: 'ECONNECTION', message: 'connect ECONNREFUSED' }, false],
    [{ code: 'ETIMEDOUT', message: 'timeout' }, false],
    [{ code: 'EAUTH', responseCode: 535, response: '535 auth failed' }, false],
  ])('%o permanent: %s', (failure, permanent) => {
    expect(sendErrorOf(failure).permanent).toBe(permanent);
  });
});
