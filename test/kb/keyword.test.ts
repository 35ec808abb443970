import { describe, expect, it } from 'vitest';
import { compileKeyword, keywordWeight, normalizeText, scoreKeywords } from '../../src/kb/keyword.js';

// Compiled afresh on every call: test() on a global RegExp moves its lastIndex.
const matches = (keyword: string, text: string): boolean =>
  compileKeyword(keyword)!.pattern.test(normalizeText(text));

describe('keyword matching', () => {
  it('weighs Chinese characters, letters and words as documented', () => {
    expect(keywordWeight('卡纸')).toBe(6);
    expect(keywordWeight('jam')).toBe(5);
    expect(keywordWeight('BSOD')).toBe(6);
    expect(keywordWeight('paper jam')).toBe(12);
    expect(keywordWeight('打印机卡纸')).toBe(15);
    expect(keywordWeight('wifi连不上')).toBe(4 + 2 + 9);
  });

  it('normalises case, full-width forms, apostrophes and hyphens', () => {
    expect(normalizeText('  Won’t   TURN on ')).toBe('wont turn on');
    expect(normalizeText('Ｗｉ-Ｆｉ？')).toBe('wifi?');
  });

  it('accepts simple English inflections on word boundaries', () => {
    for (const text of ['paper jams', 'Paper jammed', 'paper jamming'])
      expect(matches('paper jam', text), text).toBe(true);
    expect(matches('charge', 'it is not charging')).toBe(true);
    expect(matches('flicker', 'the screen flickers')).toBe(true);
    expect(matches("won't turn on", 'it wont turn on')).toBe(true);
    expect(matches('jam', 'pajamas')).toBe(false);
    expect(matches('fan', 'fantastic')).toBe(false);
  });

  it('matches Chinese as a substring, spaces ignored, mixed with Latin words', () => {
    expect(matches('开不了机', '我的电脑开 不了机')).toBe(true);
    expect(matches('wifi连不上', 'WiFi 连不上了')).toBe(true);
  });

  it('counts a keyword inside a heavier one only once', () => {
    const keywords = ['卡纸', '打印机卡纸']
      .map((keyword) => compileKeyword(keyword)!)
      .sort((a, b) => b.weight - a.weight);
    expect(scoreKeywords(keywords, normalizeText('打印机卡纸了'))).toEqual({
      raw: 15,
      matched: ['打印机卡纸'],
    });
    expect(scoreKeywords(keywords, normalizeText('打印机卡纸了，又卡纸'))).toEqual({
      raw: 21,
      matched: ['打印机卡纸', '卡纸'],
    });
  });
});
