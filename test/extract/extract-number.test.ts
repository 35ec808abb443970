import { describe, expect, it } from 'vitest';
import { chineseNumeral, extractNumber } from '../../src/engine/extract/index.js';

function number(text: string) {
  const found = extractNumber(text);
  return found ? { value: found.value, span: text.slice(found.start, found.end) } : null;
}

describe('extractNumber', () => {
  it.each([
    ['3', 3, '3'],
    ['3.5', 3.5, '3.5'],
    ['I have 2.', 2, '2'],
    ['1,200 units', 1200, '1,200'],
    ['３', 3, '３'],
    ['我有３台', 3, '３'],
    ['三', 3, '三'],
    ['两台', 2, '两'],
    ['十二', 12, '十二'],
    ['一共十二台电脑', 12, '十二'],
    ['二十五个', 25, '二十五'],
    ['第二个', 2, '二'],
    ['twelve', 12, 'twelve'],
    ['Twenty-one', 21, 'Twenty-one'],
    ['I have two laptops', 2, 'two'],
    ['I have 2 laptops', 2, '2'],
    ['3pcs', 3, '3'],
    ['the 2nd one', 2, '2'],
    ['ThinkPad X1, 3 of them', 3, '3'],
  ])('%s', (text, value, span) => {
    expect(number(text)).toEqual({ value, span });
  });

  it.each([
    '',
    '😀',
    'X1',
    'T14',
    'PF2ABC12',
    '一直开不了机',
    '看一下',
    '万一坏了',
    'someone',
    'often',
    'none',
  ])('none: %j', (text) => {
    expect(extractNumber(text)).toBeNull();
  });
});

describe('chineseNumeral', () => {
  it.each([
    ['零', 0],
    ['一', 1],
    ['两', 2],
    ['三', 3],
    ['十', 10],
    ['十二', 12],
    ['二十', 20],
    ['二十五', 25],
    ['一百', 100],
    ['一百零五', 105],
    ['一百十', 110],
    ['三千二百', 3200],
    ['两万', 20000],
    ['一万零一', 10001],
    ['二〇二五', 2025],
    ['幺三八', 138],
  ])('%s → %d', (text, value) => {
    expect(chineseNumeral(text)).toBe(value);
  });

  it.each(['', 'abc', '3', '十十', '万一', '百', '三四五六七八九十万亿万', '一二三十'])(
    'not a numeral: %j',
    (text) => {
      expect(chineseNumeral(text)).toBeNull();
    },
  );
});
