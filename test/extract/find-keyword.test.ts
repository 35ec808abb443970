import { describe, expect, it } from 'vitest';
import { findKeyword } from '../../src/engine/extract/index.js';

describe('findKeyword', () => {
  it.each([
    ['I want an agent', ['agent'], { value: 'agent', start: 10, end: 15 }],
    ['AGENT please', ['agent'], { value: 'agent', start: 0, end: 5 }],
    ['talk to agents', ['agent'], { value: 'agent', start: 8, end: 14 }],
    ['two boxes arrived', ['box'], { value: 'box', start: 4, end: 9 }],
    ['我要人工服务', ['人工'], { value: '人工', start: 2, end: 4 }],
    ['转人工', ['人工', 'human'], { value: '人工', start: 1, end: 3 }],
    ['我的ThinkPad坏了', ['thinkpad'], { value: 'thinkpad', start: 2, end: 10 }],
    ['it won’t turn on', ["won't turn on"], { value: "won't turn on", start: 3, end: 16 }],
    ["it won't  turn\non", ["won't turn on"], { value: "won't turn on", start: 3, end: 17 }],
    ['S/N: PF2ABC12', ['s/n'], { value: 's/n', start: 0, end: 3 }],
    ['ＨＥＬＰ', ['help'], { value: 'help', start: 0, end: 4 }],
  ])('%j in %j', (text, words, expected) => {
    expect(findKeyword(text, words)).toEqual(expected);
  });

  it.each([
    ['reagent', ['agent']],
    ['agentive', ['agent']],
    ['helpless', ['help']],
    ['T140', ['T14']],
    ['', ['agent']],
    ['anything', []],
    ['anything', ['', '  ']],
    // A-not-A questions: "can it be used?", "is it covered?", "is there a signal?"
    ['这个软件能不能用', ['不能用']],
    ['我的笔记本保不保修', ['不保修']],
    ['手机有没有信号', ['没有信号']],
  ])('no match: %j for %j', (text, words) => {
    expect(findKeyword(text, words)).toBeNull();
  });

  it('returns the earliest match, then the longest at the same place', () => {
    expect(findKeyword('call a human agent now', ['agent', 'human agent', 'human'])).toEqual({
      value: 'human agent',
      start: 7,
      end: 18,
    });
    expect(findKeyword('agent or human', ['human', 'agent'])).toEqual({ value: 'agent', start: 0, end: 5 });
  });

  it('still finds a negation after an A-not-A question', () => {
    expect(findKeyword('能不能用？打印机不能用了', ['不能用'])).toEqual({
      value: '不能用',
      start: 8,
      end: 11,
    });
    expect(findKeyword('不能用', ['不能用'])).toEqual({ value: '不能用', start: 0, end: 3 });
  });

  it('treats regex characters in keywords literally', () => {
    expect(findKeyword('price (USD)?', ['(usd)?'])).toEqual({ value: '(usd)?', start: 6, end: 12 });
    expect(findKeyword('a.b', ['a*b'])).toBeNull();
  });
});
