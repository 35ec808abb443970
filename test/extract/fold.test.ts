import { describe, expect, it } from 'vitest';
import { foldForMatch } from '../../src/engine/extract/fold.js';
import { findKeyword } from '../../src/engine/extract/index.js';
import { TO_SIMPLIFIED } from '../../src/engine/extract/traditional.js';

describe('foldForMatch', () => {
  it('keeps the length and folds width, case and traditional characters', () => {
    const text = 'ＳＮ：PF2ABC12 我的筆記本電腦開不了機';
    const folded = foldForMatch(text);
    expect(folded).toBe('sn:pf2abc12 我的笔记本电脑开不了机');
    expect(folded.length).toBe(text.length);
  });

  it('finds simplified keywords in traditional text, at the same place', () => {
    expect(findKeyword('印表機一直卡紙', ['卡纸'])).toEqual({ value: '卡纸', start: 5, end: 7 });
    expect(findKeyword('請幫我轉人工', ['转人工'])).toEqual({ value: '转人工', start: 3, end: 6 });
  });

  it('leaves simplified text as it is', () => {
    const text = '我的笔记本电脑开不了机 序列号pf2abc12 去年3月买的 还在保修吗';
    expect(foldForMatch(text)).toBe(text);
  });

  it('maps each traditional character to one other simplified character', () => {
    expect(TO_SIMPLIFIED.size).toBeGreaterThan(250);
    const simplified = new Set(TO_SIMPLIFIED.values());
    for (const [traditional, target] of TO_SIMPLIFIED) {
      expect({ traditional, ok: traditional !== target && [...target].length === 1 }).toEqual({
        traditional,
        ok: true,
      });
      expect({ traditional, alsoSimplified: simplified.has(traditional) }).toEqual({
        traditional,
        alsoSimplified: false,
      });
    }
    // The two lists stay aligned to their ends.
    expect(['電', '機', '臉', '飯', '館', '螢'].map((ch) => TO_SIMPLIFIED.get(ch))).toEqual([
      '电',
      '机',
      '脸',
      '饭',
      '馆',
      '荧',
    ]);
  });
});
