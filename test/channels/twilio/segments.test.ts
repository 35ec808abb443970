/**
 * SMS segments and splitting, pure: GSM-7 160/153 with the extension table counting double, UCS-2
 * 70/67 in UTF-16 code units (Chinese), surrogate pairs never split, long replies cut after sentences.
 */
import { describe, expect, it } from 'vitest';
import { countSegments, isGsm7 } from '../../../channels/twilio/segments.js';
import { smsPartsOf } from '../../../channels/twilio/sms-sender.js';
import { sentencesOf, splitForBudget } from '../../../channels/twilio/split-message.js';

describe('segment counting', () => {
  it('GSM-7: 160 characters fit one segment, 161 need two of 153', () => {
    expect(countSegments('a'.repeat(160))).toEqual({ encoding: 'GSM-7', units: 160, segments: 1 });
    expect(countSegments('a'.repeat(161))).toEqual({ encoding: 'GSM-7', units: 161, segments: 2 });
    expect(countSegments('a'.repeat(306)).segments).toBe(2);
    expect(countSegments('a'.repeat(307)).segments).toBe(3);
  });

  it('GSM-7 extension characters (€ [ ] { } ^ ~ | \\) count twice and keep their escape in one segment', () => {
    expect(isGsm7('Price: 5€ [approx] {ok} ^~|\\')).toBe(true);
    expect(countSegments('€'.repeat(80))).toEqual({ encoding: 'GSM-7', units: 160, segments: 1 });
    expect(countSegments('€'.repeat(81)).segments).toBe(2);
    // 152 plain septets then a two-septet €: the € cannot straddle the boundary, so it starts segment 2
    // and 306 septets need three segments, not two.
    expect(countSegments(`${'a'.repeat(152)}€${'a'.repeat(152)}`)).toMatchObject({ units: 306, segments: 3 });
    expect(countSegments(`${'a'.repeat(151)}€${'a'.repeat(151)}`)).toMatchObject({ units: 304, segments: 2 });
  });

  it('Chinese is UCS-2: 70 characters in one segment, 67 per segment beyond', () => {
    expect(countSegments('好'.repeat(70))).toEqual({ encoding: 'UCS-2', units: 70, segments: 1 });
    expect(countSegments('好'.repeat(71))).toEqual({ encoding: 'UCS-2', units: 71, segments: 2 });
    expect(countSegments('好'.repeat(134)).segments).toBe(2);
    expect(countSegments('好'.repeat(135)).segments).toBe(3);
    const prompt = '请提供设备的序列号（通常在机身底部或背面的标签上，标有 S/N）。';
    expect(countSegments(prompt)).toEqual({ encoding: 'UCS-2', units: prompt.length, segments: 1 });
  });

  it('one non-GSM character turns a whole English text into UCS-2', () => {
    const text = `${'a'.repeat(100)}—${'a'.repeat(100)}`;
    expect(countSegments(text)).toEqual({ encoding: 'UCS-2', units: 201, segments: 3 });
  });

  it('counts UTF-16 code units: an emoji is two, and never split across segments', () => {
    expect(countSegments('🔧').units).toBe(2);
    expect(countSegments('好'.repeat(69) + '🔧').segments).toBe(2);
    // 66 units then a pair: the pair would straddle unit 67, so it moves to segment 2.
    expect(countSegments(`${'好'.repeat(66)}🔧${'好'.repeat(60)}`)).toMatchObject({
      units: 128,
      segments: 2,
    });
    expect(countSegments(`${'好'.repeat(66)}🔧${'好'.repeat(66)}`)).toMatchObject({
      units: 134,
      segments: 3,
    });
  });
});

describe('splitting a long reply', () => {
  it('cuts Chinese after 。！？ and line breaks, each part within the budget', () => {
    const sentence = '笔记本无法开机，请先检查电源适配器是否插好，指示灯是否亮起。';
    const text = `${sentence.repeat(6)}\n按上面的步骤操作后，问题解决了吗？`;
    expect(countSegments(text).segments).toBeGreaterThan(2);
    const parts = splitForBudget(text, 2);
    expect(parts.length).toBeGreaterThan(1);
    for (const part of parts) {
      expect(countSegments(part).segments).toBeLessThanOrEqual(2);
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
      expect(countSegments(part).segments).toBe(1);
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
