/**
 * Mail as our customers' clients write it, byte for byte: charsets (GB18030 and GB2312-labelled GBK
 * bodies, RFC 2047 subjects split over several encoded-words), HTML-only bodies, attachments, and the
 * quoted history each client puts below a reply (patterns from real mail, see quote-rules.test.ts).
 */
import iconv from 'iconv-lite';

let counter = 0;
export const uniqueId = (domain = 'example.cn') => `<t${Date.now().toString(36)}.${counter++}@${domain}>`;

const b64 = (bytes: Buffer) => (bytes.toString('base64').match(/.{1,76}/g) ?? []).join('\r\n');

/** RFC 2047 B-encoded words, the text cut into `pieces` words (as Outlook and Foxmail split long subjects). */
export function encodedWords(text: string, charset: string, pieces = 2): string {
  const chars = [...text];
  const size = Math.ceil(chars.length / pieces);
  const words: string[] = [];
  for (let at = 0; at < chars.length; at += size) {
    const bytes = iconv.encode(chars.slice(at, at + size).join(''), charset);
    words.push(`=?${charset}?B?${bytes.toString('base64')}?=`);
  }
  return words.join('\r\n ');
}

export interface MailInput {
  from: string;
  fromName?: string;
  to?: string;
  subject: string;
  text?: string;
  html?: string;
  /** Body and header charset (default utf-8). */
  charset?: string;
  /** The label written in Content-Type, when it differs (GB2312 on GBK text). */
  label?: string;
  messageId?: string;
  inReplyTo?: string;
  references?: string[];
  headers?: Record<string, string>;
  attachments?: Array<{ filename: string; contentType: string; content: Buffer }>;
}

export function mail(input: MailInput): string {
  const charset = input.charset ?? 'utf-8';
  const label = input.label ?? charset;
  const boundary = `b${counter++}x${Date.now().toString(36)}`;
  const head = [
    `From: ${input.fromName ? `${encodedWords(input.fromName, charset, 1)} ` : ''}<${input.from}>`,
    `To: ${input.to ?? 'support@example.test'}`,
    `Subject: ${/^[\x20-\x7e]*$/.test(input.subject) ? input.subject : encodedWords(input.subject, label === charset ? charset : label, 2)}`,
    `Date: Thu, 26 Nov 2026 10:00:00 +0800`,
    `Message-ID: ${input.messageId ?? uniqueId()}`,
    ...(input.inReplyTo ? [`In-Reply-To: ${input.inReplyTo}`] : []),
    ...(input.references?.length ? [`References: ${input.references.join('\r\n ')}`] : []),
    ...Object.entries(input.headers ?? {}).map(([name, value]) => `${name}: ${value}`),
    'MIME-Version: 1.0',
  ];
  const textPart = (type: 'plain' | 'html', body: string) => [
    `Content-Type: text/${type}; charset="${label}"`,
    'Content-Transfer-Encoding: base64',
    '',
    b64(iconv.encode(body.replace(/\r?\n/g, '\r\n'), charset)),
  ];
  const body = input.text !== undefined ? textPart('plain', input.text) : textPart('html', input.html ?? '');
  if (!input.attachments?.length) return [...head, ...body, ''].join('\r\n');
  const parts = [
    [`--${boundary}`, ...body],
    ...input.attachments.map((file) => [
      `--${boundary}`,
      `Content-Type: ${file.contentType}; name="${file.filename}"`,
      `Content-Disposition: attachment; filename="${file.filename}"`,
      'Content-Transfer-Encoding: base64',
      '',
      b64(file.content),
    ]),
  ];
  return [
    ...head,
    `Content-Type: multipart/mixed; boundary="${boundary}"`,
    '',
    ...parts.flat(),
    `--${boundary}--`,
    '',
  ].join('\r\n');
}

/** A 1×1 PNG: a "photo of the fault". */
/**
 * A delivery status notification (RFC 3464) as an MTA sends it when our mail to `to` bounced: a
 * multipart/report naming the failed recipient and the Message-ID of our mail.
 */
export function bounceOf(input: { to: string; original: string; messageId?: string; from?: string }): string {
  const ours = input.from ?? 'support@example.test';
  return [
    'From: Mail Delivery System <MAILER-DAEMON@mx.example.cn>',
    `To: ${ours}`,
    'Subject: Undelivered Mail Returned to Sender',
    `Message-ID: ${input.messageId ?? uniqueId('mx.example.cn')}`,
    'Auto-Submitted: auto-replied',
    'MIME-Version: 1.0',
    'Content-Type: multipart/report; report-type=delivery-status; boundary="dsn1"',
    '',
    '--dsn1',
    'Content-Type: text/plain',
    '',
    'Your message could not be delivered.',
    '--dsn1',
    'Content-Type: message/delivery-status',
    '',
    'Reporting-MTA: dns; mx.example.cn',
    '',
    `Final-Recipient: rfc822; ${input.to}`,
    'Action: failed',
    'Status: 5.1.1',
    'Diagnostic-Code: smtp; 550 5.1.1 user unknown',
    '--dsn1',
    'Content-Type: text/rfc822-headers',
    '',
    `From: ${ours}`,
    `To: ${input.to}`,
    `Message-ID: ${input.original}`,
    '--dsn1--',
    '',
  ].join('\r\n');
}

export const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

/** Quoted history under a reply, as each client writes it (the original text is `quoted`). */
export const quoteStyles = {
  qq: (quoted: string) =>
    `\n\n------------------ 原始邮件 ------------------\n发件人: "客服 Support"<support@example.test>;\n发送时间: 2026年11月26日(星期四) 上午10:00\n收件人: "张三"<zhangsan@example.cn>;\n主题: Re: 打印机卡纸\n\n${quoted}`,
  coremail: (quoted: string) =>
    `\n\n\n-----原始邮件-----\n发件人: "客服 Support" <support@example.test>\n发送时间: 2026-11-26 10:00:03 (星期四)\n收件人: zhangsan@163.com\n主题: Re: 打印机卡纸\n\n${quoted}`,
  outlookZh: (quoted: string) =>
    `\n\n-----邮件原件-----\n发件人: 客服 Support <support@example.test> \n发送时间: 2026年11月26日 10:00\n收件人: 张三 <zhangsan@example.cn>\n主题: Re: 打印机卡纸\n\n${quoted}`,
  gmailZh: (quoted: string) =>
    `\n\n客服 Support <support@example.test> 于2026年11月26日周四 上午10:00写道：\n\n${quoted
      .split('\n')
      .map((line) => `> ${line}`)
      .join('\n')}`,
  thunderbird: (quoted: string) =>
    `\n\nOn 2026/11/26 10:00, 客服 Support wrote:\n${quoted
      .split('\n')
      .map((line) => `> ${line}`)
      .join('\n')}\n\n-- \nAlice Chen\nFacilities, Example Ltd`,
} as const;
