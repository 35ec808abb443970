/** Email never loops (docs/channels/email.md): what the loop guard refuses to answer, and what it lets through. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { bounceOf, robotOf } from '../../../channels/email/loop-guard.js';

const OWN = 'support@example.test';
const guard = (headers: Record<string, string>, from = 'alice@example.com', contentType = 'text/plain') =>
  robotOf({ headers: new Map(Object.entries(headers)), from, ownAddress: OWN, contentType });

describe('loop guard', () => {
  it.each([
    [{ 'auto-submitted': 'auto-replied' }, 'auto'],
    [{ 'auto-submitted': 'auto-generated (failure)' }, 'auto'],
    [{ precedence: 'bulk' }, 'auto'],
    [{ precedence: 'junk' }, 'auto'],
    [{ precedence: 'list' }, 'auto'],
    [{ precedence: 'auto_reply' }, 'auto'],
    [{ 'x-autoreply': 'yes' }, 'auto'],
    [{ 'x-autorespond': 'Out of office' }, 'auto'],
    [{ 'x-auto-response-suppress': 'All' }, 'auto'],
  ])('%o is a machine', (headers, kind) => {
    expect(guard(headers)?.kind).toBe(kind);
  });

  it('Auto-Submitted: no is a person (RFC 3834 §5)', () => {
    expect(guard({ 'auto-submitted': 'no' })).toBeNull();
  });

  it('our own address and no-reply senders are never answered', () => {
    expect(guard({}, OWN)?.kind).toBe('own');
    for (const sender of [
      'no-reply@shop.example',
      'noreply@qq.com',
      'do-not-reply@x.cn',
      'mailer-daemon@mx.example',
    ])
      expect(guard({}, sender)?.kind).toBe('no_reply');
  });

  it('our own address in any spelling is never answered: sub-address, case, quotes, full-width, IDN', () => {
    for (const sender of [
      'support+loop@example.test',
      'Support+Anything.Else@EXAMPLE.TEST',
      'SUPPORT@example.test.',
      '"support"@example.test',
      '<support@example.test>',
      'ｓｕｐｐｏｒｔ@ｅｘａｍｐｌｅ.test',
    ])
      expect(guard({}, sender)?.kind, sender).toBe('own');
    for (const sender of ['support@example.test.cn', 'supporter@example.test', 'alice+support@example.test'])
      expect(guard({}, sender), sender).toBeNull();
    // Our own address configured with capitals or a sub-address is still ours.
    expect(
      robotOf({
        headers: new Map(),
        from: 'support@example.test',
        ownAddress: 'Support+bot@Example.test',
        contentType: 'text/plain',
      })?.kind,
    ).toBe('own');
  });

  it('multipart/report is a bounce', () => {
    expect(guard({}, 'postmaster@mx.example', 'multipart/report')?.kind).toBe('bounce');
  });

  it('a customer writing normally passes', () => {
    expect(guard({ precedence: 'normal' })).toBeNull();
  });

  it('reads a real bounce: whose address failed, the status, and the mail that bounced', () => {
    const raw = readFileSync(
      new URL('./fixtures/multipart_report_emails__report_530.eml', import.meta.url),
      'latin1',
    );
    const bounce = bounceOf(raw);
    expect(bounce.recipients).toEqual(['edwin@zzzzzzz.com']);
    expect(bounce.status).toBe('5.3.0');
    expect(bounce.originalMessageId).toBe('<200712232303.lBNN3jDq002941@mail12.rrrr.com.au>');
  });
});
