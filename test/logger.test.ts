import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger, maskContact } from '../src/logger.js';

describe('logs mask contact details', () => {
  it('masks phone numbers and email addresses in strings', () => {
    expect(maskContact('sent to +8613800138000 and zhang.san@example.cn')).toBe(
      'sent to +***00 and z***@example.cn',
    );
  });

  it('leaves case references, dates and ids readable', () => {
    expect(maskContact('case SR-2612-0001 due 2026-12-02T17:00:00.000Z, job SR-2612-0001-e1')).toBe(
      'case SR-2612-0001 due 2026-12-02T17:00:00.000Z, job SR-2612-0001-e1',
    );
    expect(maskContact('call 010-5432 1234 or 138 0013 8000, sid SM0123456789abcdef')).toBe(
      'call ***34 or ***00, sid SM0123456789abcdef',
    );
  });

  it('masks them in fields, messages and errors', () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const logger = createLogger({ level: 'info', destination: sink });
    logger.info(
      { to: '+8613800138000', err: new Error('The number +8613800138000 is unsubscribed') },
      'sms to li@example.cn failed',
    );
    const line = lines.join('');
    expect(line).not.toContain('13800138000');
    expect(line).not.toContain('li@example.cn');
    expect(line).toContain('l***@example.cn');
  });
});
