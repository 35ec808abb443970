/** The email channel's settings: off when absent, a clear error naming what is missing when incomplete. */
import { describe, expect, it } from 'vitest';
import { emailChannel } from '../../../channels/email/adapter.js';
import { emailSetup } from '../../../channels/email/settings.js';
import { ConfigError } from '../../../src/config.js';

const complete = {
  IMAP_HOST: 'imap.qq.com',
  IMAP_USER: 'support@example.com',
  IMAP_PASSWORD: 'app-password',
  SMTP_HOST: 'smtp.qq.com',
  SUPPORT_EMAIL_FROM: '客服 <support@example.com>',
};

describe('email settings', () => {
  it('absent: off, with one status line', () => {
    expect(emailSetup({})).toEqual({ on: false, reason: 'IMAP_HOST not set' });
    expect(emailChannel.build({}).status).toBe('email: off (IMAP_HOST not set)');
  });

  it('incomplete: names every missing setting', () => {
    let error: unknown;
    try {
      emailSetup({ IMAP_HOST: 'imap.163.com' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems.map((p) => p.split(':')[0])).toEqual([
      'IMAP_USER',
      'IMAP_PASSWORD',
      'SMTP_HOST',
      'SUPPORT_EMAIL_FROM',
    ]);
  });

  it('complete: TLS ports by default, our domain from SUPPORT_EMAIL_FROM, fax gateways read', () => {
    const setup = emailSetup({ ...complete, EMAIL_FAX_SENDERS: 'fax@gw.example.net, @faxmail.example.cn' });
    if (!setup.on) throw new Error('expected on');
    expect(setup.settings.imap).toMatchObject({ port: 993, secure: true, mailbox: 'INBOX' });
    expect(setup.settings.smtp).toMatchObject({ port: 587, secure: false });
    expect(setup.settings.domain).toBe('example.com');
    expect(setup.settings.faxSenders).toEqual(['fax@gw.example.net', '@faxmail.example.cn']);
    expect(emailChannel.build(complete).status).toMatch(
      /^email: on \(su\*+@example\.com at imap\.qq\.com:993 TLS INBOX/,
    );
  });

  it('wrong values are named', () => {
    expect(() => emailSetup({ ...complete, IMAP_SECURE: 'maybe', SUPPORT_EMAIL_FROM: 'nobody' })).toThrow(
      /IMAP_SECURE: must be true or false/,
    );
    expect(() => emailSetup({ ...complete, SUPPORT_EMAIL_FROM: 'nobody' })).toThrow(
      /SUPPORT_EMAIL_FROM: must be an address/,
    );
  });
});
