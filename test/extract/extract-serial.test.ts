import { describe, expect, it } from 'vitest';
import { extractSerial } from '../../src/engine/extract/index.js';

function serial(text: string, opts: Parameters<typeof extractSerial>[1] = {}) {
  const found = extractSerial(text, opts);
  return found ? { value: found.value, span: text.slice(found.start, found.end) } : null;
}

describe('extractSerial: after a keyword', () => {
  it.each([
    ['序列号PF2ABC12', 'PF2ABC12', 'PF2ABC12'],
    ['序列号：PF2ABC12', 'PF2ABC12', 'PF2ABC12'],
    ['序列号:PF2ABC12', 'PF2ABC12', 'PF2ABC12'],
    ['序列号是 PF2ABC12', 'PF2ABC12', 'PF2ABC12'],
    ['序列号为pf2abc12，谢谢', 'PF2ABC12', 'pf2abc12'],
    ['SN: PF2ABC12', 'PF2ABC12', 'PF2ABC12'],
    ['sn:pf2abc12', 'PF2ABC12', 'pf2abc12'],
    ['S/N PF2ABC12', 'PF2ABC12', 'PF2ABC12'],
    ['serial number is pf2abc12', 'PF2ABC12', 'pf2abc12'],
    ['Serial No. PF2ABC12', 'PF2ABC12', 'PF2ABC12'],
    ['serial: AB12', 'AB12', 'AB12'],
    ['我的ThinkPad X1 序列号PF2ABC12 去年3月买的', 'PF2ABC12', 'PF2ABC12'],
    ['序列号ＰＦ２ＡＢＣ１２', 'PF2ABC12', 'ＰＦ２ＡＢＣ１２'],
  ])('%s', (text, value, span) => {
    expect(serial(text)).toEqual({ value, span });
  });

  it('upper-cases the value and reports its span in the original text', () => {
    const text = 'my serial number is pf2abc12 thanks';
    expect(extractSerial(text, {})).toEqual({ value: 'PF2ABC12', start: 20, end: 28 });
  });

  it('uses the flow keywords instead of the defaults when given', () => {
    expect(serial('机身编号 5CG1234XYZ', { keywords: ['机身编号'] })).toEqual({
      value: '5CG1234XYZ',
      span: '5CG1234XYZ',
    });
    expect(serial('机身编号 AB12', { keywords: ['机身编号'] })).toEqual({ value: 'AB12', span: 'AB12' });
    expect(serial('SN: AB12', { keywords: ['机身编号'] })).toBeNull();
  });

  it('checks a keyword value against the pattern', () => {
    expect(serial('SN: AB12', { pattern: '[A-Z]{2}[0-9]{6}' })).toBeNull();
    expect(serial('SN: AB123456', { pattern: '[A-Z]{2}[0-9]{6}' })).toEqual({
      value: 'AB123456',
      span: 'AB123456',
    });
  });

  it.each(['序列号不知道', 'serial number is unknown', 'SN: n/a', '序列号：看不清'])(
    'a keyword without a value: %s',
    (text) => {
      expect(extractSerial(text, {})).toBeNull();
    },
  );
});

describe('extractSerial: without a keyword', () => {
  it.each([
    ['PF2ABC12', 'PF2ABC12'],
    ['my laptop PF2ABC12 is dead', 'PF2ABC12'],
    ['机器编号5CG1234XYZ坏了', '5CG1234XYZ'],
    ['CN12345678', 'CN12345678'],
    ['C02XK1ABJG5H', 'C02XK1ABJG5H'],
  ])('default shape: %s', (text, value) => {
    expect(serial(text)?.value).toBe(value);
  });

  it.each([
    'X1',
    'T14',
    'ThinkPad T14',
    'ThinkPad X1 Carbon',
    'HP LaserJet Pro M404dn',
    'RTX3080',
    'XPS9310',
    'LaserJet',
    'ABCDEFGH',
    '13800138000',
    '2025-03-15',
    'bob123456@example.com',
    'see https://example.com/ab12cd34ef',
    'AB1CDEF',
    '',
    '😀',
  ])('not a serial by default: %j', (text) => {
    expect(extractSerial(text, {})).toBeNull();
  });

  it('applies the flow pattern to whole tokens, case-insensitively', () => {
    const pattern = '[A-Z]{2}[0-9][A-Z0-9]{5}';
    expect(serial('ThinkPad X1 pf2abc12', { pattern })).toEqual({ value: 'PF2ABC12', span: 'pf2abc12' });
    expect(serial('XPF2ABC12', { pattern })).toBeNull();
    expect(serial('case SR-2025-0312 please', { pattern: 'SR-\\d{4}-\\d{4}' })).toEqual({
      value: 'SR-2025-0312',
      span: 'SR-2025-0312',
    });
  });

  it('never takes a plain word or a phone number even when the pattern allows it', () => {
    expect(extractSerial('我的ThinkPad坏了', { pattern: '[A-Z0-9]{8,12}' })).toBeNull();
    expect(extractSerial('13800138000', { pattern: '[0-9]{11}' })).toBeNull();
    expect(serial('12345678901', { pattern: '[0-9]{11}' })).toEqual({
      value: '12345678901',
      span: '12345678901',
    });
  });
});

describe('extractSerial: printed in groups after a keyword', () => {
  const keywords = ['序列号', 'S/N', 'SN', 'serial number', 'serial', '机身号'];
  const pattern = '[A-Z0-9]{6,20}';
  it.each([
    ['路由器老是断网，序列号是 HX-22QZ-9K1M，前年买的', 'HX-22QZ-9K1M'],
    ['S/N: ABC-123-XYZ9', 'ABC-123-XYZ9'],
    ['SN 5CD 1234 XYZ9', '5CD1234XYZ9'],
    ['Serial number: SW-88K2-QP10', 'SW-88K2-QP10'],
    ['serial TB9KX771 got it last August', 'TB9KX771'],
    ['序列号PF2ABC12 13800138000', 'PF2ABC12'],
    ['我的ThinkPad X1 序列号PF2ABC12 2023年5月买的，开不了机', 'PF2ABC12'],
    ['serial PF2ABC12 2023 purchase', 'PF2ABC12'],
    ['序列号 PF2ABC12 5月买的', 'PF2ABC12'],
  ])('%s → %s', (text, value) => {
    expect(extractSerial(text, { keywords, pattern })?.value).toBe(value);
  });
});

describe('extractSerial: 编号', () => {
  it('reads a serial after 编号 but never our case reference', () => {
    expect(
      extractSerial('设备编号：AB-1234-CD', { keywords: ['编号'], pattern: '[A-Z0-9]{6,20}' })?.value,
    ).toBe('AB-1234-CD');
    expect(
      extractSerial('工单编号 SR-2611-0042', { keywords: ['编号'], pattern: '[A-Z0-9]{6,20}' }),
    ).toBeNull();
  });
});

describe('extractSerial: spelled out, as speech recognition writes it', () => {
  const keywords = ['序列号', '机身号', '串号', 'SN', 'S/N', 'serial number', 'serial', 'service tag'];
  const pattern = '[A-Z0-9]{6,20}';
  const read = (text: string, answering = false) => {
    const found = extractSerial(text, { keywords, pattern, answering });
    return found ? { value: found.value, span: text.slice(found.start, found.end) } : null;
  };

  it.each([
    ['the serial number is K 7 M 2 Q 4 4 1 and it keeps rebooting', 'K7M2Q441', 'K 7 M 2 Q 4 4 1'],
    [
      'serial five D F two two eight zero one the screen is black',
      '5DF22801',
      'five D F two two eight zero one',
    ],
    ['serial is R double four triple nine Z', 'R44999Z', 'R double four triple nine Z'],
    ['serial is twenty two B N seven one', '22BN71', 'twenty two B N seven one'],
    [
      'serial number V as in Victor 8 8 L as in Lima 3 0 0',
      'V88L300',
      'V as in Victor 8 8 L as in Lima 3 0 0',
    ],
    ['serial tango hotel 4 4 2 9 1', 'TH44291', 'tango hotel 4 4 2 9 1'],
    ['the s n is W 3 3 1 0 B K', 'W3310BK', 'W 3 3 1 0 B K'],
    ['s slash n is Q Q 9 0 1 2', 'QQ9012', 'Q Q 9 0 1 2'],
    ['serial number G dash 7 7 dash K 4 2', 'G-77-K42', 'G dash 7 7 dash K 4 2'],
    ['序列号 K M 七 七 两 幺 零 九，打印机卡纸', 'KM772109', 'K M 七 七 两 幺 零 九'],
    ['机身号是六六幺八A B零二', '6618AB02', '六六幺八A B零二'],
    [
      '串号 三 五 二 九 八 八 零 幺 四 四 七 六 六 二 一',
      '352988014476621',
      '三 五 二 九 八 八 零 幺 四 四 七 六 六 二 一',
    ],
  ])('%s → %s', (text, value, span) => {
    expect(read(text)).toEqual({ value, span });
  });

  it('stops where the serial ends: a word, a Chinese word that starts with a digit, a clause', () => {
    expect(read('serial B 4 4 X 1 9 0 and the fan is loud')?.value).toBe('B44X190');
    expect(read('serial B 4 4 X 1 9 0 fan is loud')?.value).toBe('B44X190');
    expect(read('序列号 B 四 四 X 幺 九 零 一直开不了机')?.value).toBe('B44X190');
    expect(read('序列号 B 四 四 X 幺 九 零 两个月前买的')?.value).toBe('B44X190');
    expect(read('序列号 B 四 四 X 幺 九 零，三年前买的')?.value).toBe('B44X190');
    expect(read('serial B 4 4 X 1 9 0 I bought it in May')?.value).toBe('B44X190');
  });

  it('needs the context to say serial: a keyword, or the answer to the serial question', () => {
    expect(read('B 4 4 X 1 9 0')).toBeNull();
    expect(read('B 4 4 X 1 9 0', true)).toEqual({ value: 'B44X190', span: 'B 4 4 X 1 9 0' });
    expect(read('uh yeah it is W nine nine zero one K', true)?.value).toBe('W9901K');
    expect(read('嗯 是 幺 九 九 K W 三 零', true)?.value).toBe('199KW30');
    expect(read('bx 7 qz 41', true)?.value).toBe('BX7QZ41');
  });

  it('still prefers a serial typed in one piece', () => {
    expect(read('serial B44X190 bought in 2024')?.value).toBe('B44X190');
    expect(read('B44X190', true)?.value).toBe('B44X190');
    expect(read('序列号PF2ABC12 2023年5月买的')?.value).toBe('PF2ABC12');
  });

  it('a spelled run without a digit, or too short for the pattern, is no serial', () => {
    expect(read('serial A B C D E F G')).toBeNull();
    expect(read('serial 1 2 3', true)).toBeNull();
    expect(read("I don't know the serial", true)).toBeNull();
  });
});

describe('extractSerial: what is not a serial, and digits as operators read them', () => {
  it('ten North American digits are a phone number, not a bare serial', () => {
    expect(extractSerial('phone keeps rebooting, you can text 4155550190')).toBeNull();
  });

  it('reads 拐 as 7 and 洞 as 0 in a serial spelled out', () => {
    expect(extractSerial('N X 拐 拐 三 四 五', { answering: true })?.value).toBe('NX77345');
    expect(extractSerial('序列号 K 洞 洞 拐 三 九 幺')?.value).toBe('K007391');
  });
});
