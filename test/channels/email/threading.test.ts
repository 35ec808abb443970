/** Threading: a reply finds its case by our Message-IDs, else by the [SR-…] tag behind any reply prefix. */
import { describe, expect, it } from 'vitest';
import {
  baseSubject,
  messageIdsOf,
  newMessageId,
  replySubject,
  threadCaseRef,
} from '../../../channels/email/threading.js';

const domain = 'example.test';

describe('threading', () => {
  it.each([
    '回复: 打印机 [SR-2611-0007]',
    '答复: 答复: 打印机 [SR-2611-0007]',
    'RE: Re: printer [SR-2611-0007]',
    'Fwd: 转发: [sr-2611-0007] x',
    '回复：Re: 打印机 [SR-2611-0007]',
  ])('finds the case in the subject %s', (subject) => {
    expect(threadCaseRef({ subject, inReplyTo: [], references: [], domain })).toBe('SR-2611-0007');
  });

  it('our Message-ID in In-Reply-To or References wins over a rewritten subject', () => {
    const ours = newMessageId(domain, 'SR-2611-0042');
    expect(ours).toMatch(/^<sr-2611-0042\.[0-9a-f]+@example\.test>$/);
    expect(
      threadCaseRef({ subject: 'Re: something else', inReplyTo: [], references: ['<x@y>', ours], domain }),
    ).toBe('SR-2611-0042');
    // Someone else's id that merely looks like ours does not count.
    expect(
      threadCaseRef({
        subject: 'hi',
        inReplyTo: ['<sr-2611-0001.abc@evil.example>'],
        references: [],
        domain,
      }),
    ).toBeNull();
  });

  it('reply subjects carry one Re: and one tag however long the thread', () => {
    expect(replySubject('答复: Re: 打印机卡纸 [SR-2611-0007]', 'SR-2611-0007')).toBe(
      'Re: 打印机卡纸 [SR-2611-0007]',
    );
    expect(replySubject('Printer', 'SR-2611-0001')).toBe('Re: Printer [SR-2611-0001]');
    expect(baseSubject('回复：转发: hello')).toBe('hello');
  });

  it('reads References whether mailparser gives a string or a list', () => {
    expect(messageIdsOf('<a@b> <c@d>')).toEqual(['<a@b>', '<c@d>']);
    expect(messageIdsOf(['<a@b>', '<c@d>'])).toEqual(['<a@b>', '<c@d>']);
    expect(messageIdsOf(undefined)).toEqual([]);
  });
});
