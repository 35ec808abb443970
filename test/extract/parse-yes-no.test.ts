import { describe, expect, it } from 'vitest';
import { parseYesNo } from '../../src/engine/extract/index.js';

function answer(text: string) {
  const found = parseYesNo(text);
  return found ? { value: found.value, span: text.slice(found.start, found.end) } : null;
}

describe('parseYesNo: Chinese', () => {
  it.each([
    ['是', '是'],
    ['是的', '是的'],
    ['是的，去年买的', '是的'],
    ['对', '对'],
    ['对的', '对的'],
    ['对对对', '对'],
    ['好', '好'],
    ['好的', '好的'],
    ['好的好的', '好的'],
    ['可以', '可以'],
    ['可以的', '可以'],
    ['行', '行'],
    ['嗯', '嗯'],
    ['嗯嗯', '嗯'],
    ['有', '有'],
    ['有的', '有'],
    ['同意', '同意'],
    ['没错', '没错'],
    ['没问题', '没问题'],
    ['解决了', '解决了'],
    ['解决了，谢谢！', '解决了'],
    ['  是的 ', '是的'],
  ])('yes: %s', (text, span) => {
    expect(answer(text)).toEqual({ value: true, span });
  });

  it.each([
    ['不', '不'],
    ['不是', '不是'],
    ['不是的', '不是'],
    ['否', '否'],
    ['没有', '没有'],
    ['没有，是自己坏的', '没有'],
    ['没', '没'],
    ['不行', '不行'],
    ['不行啊', '不行'],
    ['不可以', '不可以'],
    ['不用', '不用'],
    ['不用了', '不用'],
    ['不同意', '不同意'],
    ['还是不行', '还是不行'],
    ['还是不行，屏幕还是黑的', '还是不行'],
    ['没解决', '没解决'],
  ])('no: %s', (text, span) => {
    expect(answer(text)).toEqual({ value: false, span });
  });

  it.each([
    '不知道',
    '不清楚',
    '不确定',
    '可能吧',
    '好像不行',
    '是不是坏了',
    '有点问题',
    '对不起',
    '不好说',
    '没有坏',
    '好？',
    '是吗',
  ])('unclear: %s', (text) => {
    expect(parseYesNo(text)).toBeNull();
  });
});

describe('parseYesNo: English', () => {
  it.each([
    ['yes', 'yes'],
    ['Yes', 'Yes'],
    ['YES!', 'YES'],
    ['y', 'y'],
    ['yeah', 'yeah'],
    ['yep', 'yep'],
    ['sure', 'sure'],
    ['ok', 'ok'],
    ['OK', 'OK'],
    ['okay', 'okay'],
    ['correct', 'correct'],
    ['right', 'right'],
    ['agree', 'agree'],
    ['I agree', 'I agree'],
    ['fixed', 'fixed'],
    ['it works', 'it works'],
    ['It works!', 'It works'],
    ['yes it was dropped', 'yes'],
    ['Yes, last March', 'Yes'],
    ['no problem', 'no problem'],
  ])('yes: %s', (text, span) => {
    expect(answer(text)).toEqual({ value: true, span });
  });

  it.each([
    ['no', 'no'],
    ['No.', 'No'],
    ['n', 'n'],
    ['nope', 'nope'],
    ['not', 'not'],
    ["don't", "don't"],
    ["didn't", "didn't"],
    ['negative', 'negative'],
    ['still broken', 'still broken'],
    ["didn't work", "didn't work"],
    ['didn’t work', 'didn’t work'],
    ['no, it is still broken', 'no'],
    ['not really', 'not really'],
  ])('no: %s', (text, span) => {
    expect(answer(text)).toEqual({ value: false, span });
  });

  it.each([
    '',
    '😀',
    '1',
    '2',
    'not sure',
    "I don't know",
    'maybe',
    'right now it is off',
    'nothing works',
    'yesterday',
    'okra',
    'my laptop is broken',
    'n/a',
    'fixed it? no',
    'ok?',
  ])('unclear: %j', (text) => {
    expect(parseYesNo(text)).toBeNull();
  });
});

describe('parseYesNo: answers that echo the question', () => {
  it.each([
    ['没摔过', false],
    ['没拆过', false],
    ['从来没进过水', false],
    ['试过了，还是不行', false],
    ['It has never been dropped', false],
    ['I tried everything, still not working', false],
    ['that did not help', false],
  ])('%s', (text, value) => {
    expect(parseYesNo(text)?.value).toBe(value);
  });

  it('a long message is not read as a short denial', () => {
    expect(parseYesNo('我没有发票但是很急需要修理怎么办呢')).toBeNull();
  });
});
