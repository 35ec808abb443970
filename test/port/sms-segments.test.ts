/**
 * SMS segments, pure: GSM-7 160/153 with the extension table counting double, UCS-2 70/67 in UTF-16
 * code units (Chinese), surrogate pairs never split. One implementation serves the SMS channel and the
 * console's reply box; the console embeds its source, so it is checked here run on its own, as a
 * browser runs it.
 */
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { consoleJs } from '../../src/console/assets/console-js.js';
import { countSmsSegments, isGsm7, smsSegmentsSource } from '../../src/port/sms-segments.js';

describe('segment counting', () => {
  it('GSM-7: 160 characters fit one segment, 161 need two of 153', () => {
    expect(countSmsSegments('a'.repeat(160))).toEqual({ encoding: 'GSM-7', units: 160, segments: 1 });
    expect(countSmsSegments('a'.repeat(161))).toEqual({ encoding: 'GSM-7', units: 161, segments: 2 });
    expect(countSmsSegments('a'.repeat(306)).segments).toBe(2);
    expect(countSmsSegments('a'.repeat(307)).segments).toBe(3);
  });

  it('GSM-7 extension characters (€ [ ] { } ^ ~ | \\) count twice and keep their escape in one segment', () => {
    expect(isGsm7('Price: 5€ [approx] {ok} ^~|\\')).toBe(true);
    expect(countSmsSegments('€'.repeat(80))).toEqual({ encoding: 'GSM-7', units: 160, segments: 1 });
    expect(countSmsSegments('€'.repeat(81)).segments).toBe(2);
    // 152 plain septets then a two-septet €: the € cannot straddle the boundary, so it starts segment 2
    // and 306 septets need three segments, not two.
    expect(countSmsSegments(`${'a'.repeat(152)}€${'a'.repeat(152)}`)).toMatchObject({
      units: 306,
      segments: 3,
    });
    expect(countSmsSegments(`${'a'.repeat(151)}€${'a'.repeat(151)}`)).toMatchObject({
      units: 304,
      segments: 2,
    });
  });

  it('Chinese is UCS-2: 70 characters in one segment, 67 per segment beyond', () => {
    expect(countSmsSegments('好'.repeat(70))).toEqual({ encoding: 'UCS-2', units: 70, segments: 1 });
    expect(countSmsSegments('好'.repeat(71))).toEqual({ encoding: 'UCS-2', units: 71, segments: 2 });
    expect(countSmsSegments('好'.repeat(134)).segments).toBe(2);
    expect(countSmsSegments('好'.repeat(135)).segments).toBe(3);
    const prompt = '请提供设备的序列号（通常在机身底部或背面的标签上，标有 S/N）。';
    expect(countSmsSegments(prompt)).toEqual({ encoding: 'UCS-2', units: prompt.length, segments: 1 });
  });

  it('one non-GSM character turns a whole English text into UCS-2', () => {
    const text = `${'a'.repeat(100)}—${'a'.repeat(100)}`;
    expect(countSmsSegments(text)).toEqual({ encoding: 'UCS-2', units: 201, segments: 3 });
  });

  it('counts UTF-16 code units: an emoji is two, and never split across segments', () => {
    expect(countSmsSegments('🔧').units).toBe(2);
    expect(countSmsSegments('好'.repeat(69) + '🔧').segments).toBe(2);
    // 66 units then a pair: the pair would straddle unit 67, so it moves to segment 2.
    expect(countSmsSegments(`${'好'.repeat(66)}🔧${'好'.repeat(60)}`)).toMatchObject({
      units: 128,
      segments: 2,
    });
    expect(countSmsSegments(`${'好'.repeat(66)}🔧${'好'.repeat(66)}`)).toMatchObject({
      units: 134,
      segments: 3,
    });
  });
});

describe('segment boundaries', () => {
  // [text, segments]: each limit and one past it, for both encodings and the two-septet characters.
  const boundaries: Array<[string, string, number]> = [
    ['empty', '', 0],
    ['GSM-7 single', 'a'.repeat(160), 1],
    ['GSM-7 single + 1', 'a'.repeat(161), 2],
    ['GSM-7 two parts', 'a'.repeat(306), 2],
    ['GSM-7 two parts + 1', 'a'.repeat(307), 3],
    ['extension single', '{}'.repeat(40), 1],
    ['extension single + 1', `${'{}'.repeat(40)}[`, 2],
    ['extension mixed at 160', `${'a'.repeat(150)}[]|^~`, 1],
    ['extension mixed at 161', `${'a'.repeat(151)}[]|^~`, 2],
    ['backslash counts two', '\\'.repeat(80), 1],
    ['backslash + 1', '\\'.repeat(81), 2],
    ['UCS-2 single', '修'.repeat(70), 1],
    ['UCS-2 single + 1', '修'.repeat(71), 2],
    ['UCS-2 two parts', '修'.repeat(134), 2],
    ['UCS-2 two parts + 1', '修'.repeat(135), 3],
    ['one € in Chinese text is UCS-2', `€${'修'.repeat(69)}`, 1],
    ['emoji pair at the single limit', `${'修'.repeat(68)}🔧`, 1],
    ['emoji pair past the single limit', `${'修'.repeat(69)}🔧`, 2],
  ];

  it.each(boundaries)('%s', (_name, text, segments) => {
    expect(countSmsSegments(text).segments).toBe(segments);
  });

  it('the console embeds this very function and, run on its own as a browser runs it, agrees', () => {
    expect(consoleJs).toContain(smsSegmentsSource);
    // A fresh context has none of this module's names: the source must stand alone.
    const embedded = runInNewContext(`(${smsSegmentsSource})`) as typeof countSmsSegments;
    for (const [, text] of boundaries) expect(embedded(text)).toEqual(countSmsSegments(text));
  });
});
