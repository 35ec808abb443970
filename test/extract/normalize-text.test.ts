import { describe, expect, it } from 'vitest';
import { normalizeText } from '../../src/engine/extract/index.js';

describe('normalizeText', () => {
  it.each([
    ['ＳＲ－２６１１', 'SR-2611'],
    ['１２３４５', '12345'],
    ['序列号：ＰＦ２ＡＢＣ１２', '序列号:PF2ABC12'],
    ['  a\u0000b\u0007c\u009f  ', 'abc'],
    ['x\uD800y', 'xy'],
    ['x\uDC00y', 'xy'],
    ['a\uFFFD\uFFFD\uFFFDb', 'ab'],
    ['a    b', 'a b'],
    ['a\u00A0\u00A0b', 'a b'],
    ['我\u3000的', '我 的'],
    ['tab\tkept', 'tab\tkept'],
    ['line1\r\nline2\rline3', 'line1\nline2\nline3'],
    ['para1 \n\n\n\n para2', 'para1\n\npara2'],
    ['zero\u200Bwidth', 'zerowidth'],
    ['', ''],
    ['   ', ''],
  ])('%j → %j', (input, expected) => {
    expect(normalizeText(input)).toBe(expected);
  });

  it('keeps emoji, including surrogate pairs and ZWJ sequences', () => {
    expect(normalizeText(' 👍🏽 👨‍💻 ')).toBe('👍🏽 👨‍💻');
  });

  it('keeps Chinese punctuation that NFKC leaves alone, folds full-width ASCII punctuation', () => {
    expect(normalizeText('开不了机。谢谢！')).toBe('开不了机。谢谢!');
  });
});
