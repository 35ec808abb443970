import { describe, expect, it } from 'vitest';
import { matchChoice } from '../../src/engine/extract/index.js';

const products = [
  {
    value: 'laptop',
    label: { zh: '笔记本电脑', en: 'Laptop' },
    synonyms: { zh: ['笔记本', '本本'], en: ['notebook', 'ThinkPad'] },
  },
  { value: 'printer', label: { zh: '打印机', en: 'Printer' }, synonyms: { zh: [], en: ['LaserJet'] } },
  { value: 'server', label: { zh: '服务器', en: 'Server' } },
];

function choose(text: string, asked = true) {
  const found = matchChoice(text, products, { asked });
  return found ? { value: found.value, span: text.slice(found.start, found.end) } : null;
}

describe('matchChoice: labels and synonyms', () => {
  it.each([
    ['我的ThinkPad X1', 'laptop', 'ThinkPad'],
    ['我的笔记本电脑坏了', 'laptop', '笔记本电脑'],
    ['本本开不了机', 'laptop', '本本'],
    ['打印机卡纸', 'printer', '打印机'],
    ['my printer jams', 'printer', 'printer'],
    ['PRINTER', 'printer', 'PRINTER'],
    ['my laptops', 'laptop', 'laptops'],
    ['thinkpads are great', 'laptop', 'thinkpads'],
    ['HP LaserJet Pro', 'printer', 'LaserJet'],
    ['服务器', 'server', '服务器'],
    ['3 printers', 'printer', 'printers'],
  ])('%s', (text, value, span) => {
    expect(choose(text)).toEqual({ value, span });
    expect(choose(text, false)).toEqual({ value, span });
  });

  it('prefers the longest match, then the earliest', () => {
    expect(choose('笔记本电脑和打印机')).toEqual({ value: 'laptop', span: '笔记本电脑' });
    expect(choose('I have a server and a notebook')).toEqual({ value: 'laptop', span: 'notebook' });
    expect(choose('a server and a printer')).toEqual({ value: 'printer', span: 'printer' });
    expect(choose('a laptop and a server')).toEqual({ value: 'laptop', span: 'laptop' });
  });

  it.each(['', 'my phone is broken', 'serverless', 'laptopbag', '2 laptop'.slice(1, 1)])(
    'no match: %j',
    (text) => {
      expect(choose(text)).toBeNull();
    },
  );
});

describe('matchChoice: numbered answers (only when asked)', () => {
  it.each([
    ['1', 'laptop'],
    ['2', 'printer'],
    ['2.', 'printer'],
    ['#2', 'printer'],
    ['(2)', 'printer'],
    ['２', 'printer'],
    ['选2', 'printer'],
    ['选 2', 'printer'],
    ['第二个', 'printer'],
    ['第2个', 'printer'],
    ['二', 'printer'],
    ['我选第三个', 'server'],
    ['option 2', 'printer'],
    ['Option 3', 'server'],
    ['number 1', 'laptop'],
    ['two', 'printer'],
    ['the second one', 'printer'],
    ['second', 'printer'],
    ['2nd', 'printer'],
    ['the first', 'laptop'],
    ['third please', 'server'],
  ])('%s', (text, value) => {
    expect(choose(text)?.value).toBe(value);
  });

  it('spans the numbered answer without its punctuation', () => {
    expect(matchChoice(' 2. ', products, { asked: true })).toEqual({ value: 'printer', start: 1, end: 2 });
  });

  it.each(['0', '4', '第五个', 'option 9', 'fourth'])('out of range: %s', (text) => {
    expect(choose(text)).toBeNull();
  });

  it.each(['1', '2', '第二个', 'option 2', 'second'])('not asked: %s is no choice', (text) => {
    expect(choose(text, false)).toBeNull();
  });

  it('a number inside a sentence is not a numbered answer', () => {
    expect(choose('I have 2 of them')).toBeNull();
  });
});

describe('matchChoice: names typed wrong', () => {
  const catalogue = [
    {
      value: 'laptop',
      label: { zh: '笔记本电脑', en: 'Laptop' },
      synonyms: { zh: ['笔记本'], en: ['notebook', 'macbook'] },
    },
    { value: 'printer', label: { zh: '打印机', en: 'Printer' }, synonyms: { zh: [], en: ['scanner'] } },
    { value: 'monitor', label: { zh: '显示器', en: 'Monitor' } },
    { value: 'tablet', label: { zh: '平板', en: 'Tablet' } },
    { value: 'server', label: { zh: '服务器', en: 'Server' } },
    { value: 'projector', label: { zh: '投影仪', en: 'Projector' } },
    { value: 'network', label: { zh: '路由器', en: 'Router' }, synonyms: { zh: ['交换机'], en: ['switch'] } },
  ];
  const pick = (text: string) => {
    const found = matchChoice(text, catalogue, { asked: false });
    return found ? { value: found.value, span: text.slice(found.start, found.end) } : null;
  };

  it.each([
    ['the printr is jammed', 'printer', 'printr'],
    ['my labptop froze', 'laptop', 'labptop'],
    ['monitr flickers', 'monitor', 'monitr'],
    ['the srever is down', 'server', 'srever'],
    ['projecttor shows nothing', 'projector', 'projecttor'],
    ['my note book is slow', 'laptop', 'note book'],
    ['the mac book is hot', 'laptop', 'mac book'],
    ['scannr leaves lines', 'printer', 'scannr'],
  ])('English: %s', (text, value, span) => {
    expect(pick(text)).toEqual({ value, span });
  });

  it.each([
    ['笔记笨死机了', 'laptop', '笔记笨'],
    ['打印击没反应', 'printer', '打印击'],
    ['显示汽花屏', 'monitor', '显示汽'],
    ['平版充不上电', 'tablet', '平版'],
    ['服务气宕机', 'server', '服务气'],
    ['投影宜不亮', 'projector', '投影宜'],
    ['交换鸡坏了', 'network', '交换鸡'],
    ['路油器掉线', 'network', '路油器'],
  ])('Chinese, a character of the same sound: %s', (text, value, span) => {
    expect(pick(text)).toEqual({ value, span });
  });

  it.each([
    'put it on the table',
    'the pointer moves by itself',
    'I printed a page',
    'we serve customers',
    'to sever the cable',
    '到手几天就坏了',
    '明显是电源的问题',
  ])('words that only look like a name: %s', (text) => {
    expect(pick(text)).toBeNull();
  });

  it('an exact name anywhere wins over a typo earlier', () => {
    expect(pick('the printr next to my laptop')?.value).toBe('laptop');
  });
});
