/**
 * Splitting SMS replies, pure: long replies cut after sentences, each part within the segment budget
 * (segments counted by src/port/sms-segments.ts, tested in test/port/sms-segments.test.ts).
 */
import { describe, expect, it } from 'vitest';
import { smsPartsOf } from '../../../channels/twilio/sms-sender.js';
import { sentencesOf, splitForBudget } from '../../../channels/twilio/split-message.js';
import { countSmsSegments } from '../../../src/port/sms-segments.js';

describe('splitting a long reply', () => {
  it('cuts Chinese after 。！？ and line breaks, each part within the budget', () => {
    const sentence = '笔记本无法开机，请先检查电源适配器是否插好，指示灯是否亮起。';
    const text = `${sentence.repeat(6)}\n按上面的步骤操作后，问题解决了吗？`;
    expect(countSmsSegments(text).segments).toBeGreaterThan(2);
    const parts = splitForBudget(text, 2);
    expect(parts.length).toBeGreaterThan(1);
    for (const part of parts) {
      expect(countSmsSegments(part).segments).toBeLessThanOrEqual(2);
      expect(part).toMatch(/[。？]$/);
    }
    expect(parts.join('').replace(/\n/g, '')).toBe(text.replace(/\n/g, ''));
  });

  it('cuts English after . ! ? followed by a space, not inside 2.5 or a numbered list marker', () => {
    expect(sentencesOf('Use version 2.5 now. Then restart! Done?')).toEqual([
      'Use version 2.5 now.',
      ' Then restart!',
      ' Done?',
    ]);
    expect(sentencesOf('Steps:\n1. Unplug it.\n2. Wait.')).toEqual([
      'Steps:\n',
      '1. Unplug it.',
      '\n',
      '2. Wait.',
    ]);
  });

  it('a text within the budget stays one message', () => {
    expect(splitForBudget('  Hello there.  ', 1)).toEqual(['Hello there.']);
    expect(splitForBudget('', 4)).toEqual([]);
  });

  it('a single sentence over the budget is cut between characters, never inside a surrogate pair', () => {
    // A one-segment message holds 70 units: 69 characters, then the emoji's pair would need units 70-71.
    const text = `${'好'.repeat(69)}🔧${'好'.repeat(100)}`;
    const parts = splitForBudget(text, 1);
    expect(parts.join('')).toBe(text);
    for (const part of parts) {
      expect(countSmsSegments(part).segments).toBe(1);
      expect(part.isWellFormed()).toBe(true);
    }
    expect(parts[0]).toBe('好'.repeat(69));
    expect(parts[1]!.startsWith('🔧')).toBe(true);
  });

  it('a long English sentence is cut between words', () => {
    const text = Array.from({ length: 80 }, (_, n) => `word${n}`).join(' ');
    const parts = splitForBudget(text, 1);
    expect(parts.length).toBeGreaterThan(1);
    for (const part of parts) expect(part).toMatch(/^word\d+( word\d+)*$/);
  });

  it('numbered choices are added before counting (the engine renderer)', () => {
    const parts = smsPartsOf(
      { text: '请问是哪类产品出了问题？', choices: ['笔记本电脑', '台式电脑'], lang: 'zh' },
      4,
    );
    expect(parts).toEqual(['请问是哪类产品出了问题？\n回复 1 笔记本电脑，2 台式电脑']);
    expect(smsPartsOf({ text: 'Which product?', choices: ['Laptop', 'Desktop PC'], lang: 'en' }, 4)).toEqual([
      'Which product?\nReply 1 for Laptop, 2 for Desktop PC',
    ]);
  });
});
