import { describe, expect, it } from 'vitest';
import { regionOfNumber } from '../../src/engine/extract/extract-phone.js';
import { extractPhone } from '../../src/engine/extract/index.js';

function phone(text: string, defaultRegion = 'CN') {
  const found = extractPhone(text, { defaultRegion });
  return found ? { value: found.value, span: text.slice(found.start, found.end) } : null;
}

describe('extractPhone', () => {
  it.each([
    ['13800138000', '+8613800138000', '13800138000'],
    ['138 0013 8000', '+8613800138000', '138 0013 8000'],
    ['138-0013-8000', '+8613800138000', '138-0013-8000'],
    ['+86 138-0013-8000', '+8613800138000', '+86 138-0013-8000'],
    ['+8613800138000', '+8613800138000', '+8613800138000'],
    ['电话：13800138000，谢谢', '+8613800138000', '13800138000'],
    ['我的电话是13800138000', '+8613800138000', '13800138000'],
    ['010-12345678', '+861012345678', '010-12345678'],
    ['(010)12345678', '+861012345678', '(010)12345678'],
    ['+86 10 1234 5678', '+861012345678', '+86 10 1234 5678'],
    ['１３８００１３８０００', '+8613800138000', '１３８００１３８０００'],
    ['tel:+1 415 555 2671', '+14155552671', '+1 415 555 2671'],
    ['call 139-0013-9000 or 13800138000', '+8613900139000', '139-0013-9000'],
  ])('%s', (text, value, span) => {
    expect(phone(text)).toEqual({ value, span });
  });

  it('reads national numbers in the given region', () => {
    expect(phone('call me at (415) 555-2671', 'US')).toEqual({
      value: '+14155552671',
      span: '(415) 555-2671',
    });
    expect(phone('415.555.2671', 'us')).toEqual({ value: '+14155552671', span: '415.555.2671' });
  });

  it('reports the span in the original text', () => {
    expect(extractPhone('电话：13800138000', { defaultRegion: 'CN' })).toEqual({
      value: '+8613800138000',
      start: 3,
      end: 14,
    });
  });

  it.each([
    '',
    '12345',
    '1380013800',
    '12345678901',
    '2025-03-15',
    'PF2ABC12',
    'ThinkPad T14',
    '去年3月买的',
    '1 2 3 4 5 6 7 8',
  ])('not a valid number: %j', (text) => {
    expect(extractPhone(text, { defaultRegion: 'CN' })).toBeNull();
  });
});

describe('extractPhone: landlines with area codes and extensions', () => {
  it.each([
    ['座机021-54321234', '+862154321234'],
    ['电话(0755) 8888 1234', '+8675588881234'],
    ['010-12345678 转 123', '+861012345678;ext=123'],
    ['call 010-12345678 ext. 123', '+861012345678;ext=123'],
    ['021-54321234-808', '+862154321234;ext=808'],
    ['(0755)88881234分机8001', '+8675588881234;ext=8001'],
  ])('%s → %s', (text, value) => {
    expect(extractPhone(text, { defaultRegion: 'CN' })?.value).toBe(value);
  });
});

describe('extractPhone: the forms callers and chat users write', () => {
  const read = (text: string, opts: { customerRegion?: string } = {}) => {
    const found = extractPhone(text, { defaultRegion: 'CN', ...opts });
    return found ? { value: found.value, span: text.slice(found.start, found.end) } : null;
  };

  it.each([
    ['reach me at (303) 555-0161', '+13035550161', '(303) 555-0161'],
    ['my cell is 303-555-0161 thanks', '+13035550161', '303-555-0161'],
    ['office 303.555.0161', '+13035550161', '303.555.0161'],
    ['call (303)555-0161', '+13035550161', '(303)555-0161'],
    ['number +1 303 555 0161', '+13035550161', '+1 303 555 0161'],
  ])('the North American layout is read as American whatever the default region: %s', (text, value, span) => {
    expect(read(text)).toEqual({ value, span });
  });

  it('never reads a ten-digit number starting 2–9 as a Chinese landline whose 0 was forgotten', () => {
    expect(read('3035550161')?.value).toBe('+13035550161');
    expect(read('0303 5550161')).toBeNull();
  });

  it.each([
    ['电话 1 5 8 0 0 2 2 6 6 1 1', '+8615800226611', '1 5 8 0 0 2 2 6 6 1 1'],
    ['座机 0 1 0 6 6 5 5 4 4 3 3', '+861066554433', '0 1 0 6 6 5 5 4 4 3 3'],
    ['手机一五八零零二二六六一一', '+8615800226611', '一五八零零二二六六一一'],
    ['打幺五八 零零二二 六六幺幺', '+8615800226611', '幺五八 零零二二 六六幺幺'],
    [
      'one five eight double zero two two six six one one',
      '+8615800226611',
      'one five eight double zero two two six six one one',
    ],
    [
      'it is three oh three five five five zero one six one',
      '+13035550161',
      'three oh three five five five zero one six one',
    ],
  ])('digits read out one by one: %s', (text, value, span) => {
    expect(read(text)).toEqual({ value, span });
  });

  it.each([
    ['电话：﹢86 158-0022-6611', '+8615800226611'],
    ['联系 ０１０－６６５５ ４４３３', '+861066554433'],
    ['回电 0086 158 0022 6611', '+8615800226611'],
    ['电话 (86) 15800226611', '+8615800226611'],
    ['86-158-0022-6611', '+8615800226611'],
  ])('full-width digits and the country code written every way: %s', (text, value) => {
    expect(extractPhone(text.normalize('NFKC'), { defaultRegion: 'CN' })?.value).toBe(value);
  });

  it.each([
    ['(010) 6655 4433 x 71', '+861066554433;ext=71'],
    ['010 6655 4433 extension 71', '+861066554433;ext=71'],
    ['010 6655 4433 and ask for extension 71', '+861066554433;ext=71'],
    ['(303) 555-0161 ext 9', '+13035550161;ext=9'],
    ['0571-6655-4433 分机号 300', '+8657166554433;ext=300'],
  ])('extensions: %s', (text, value) => {
    expect(read(text)?.value).toBe(value);
  });

  it("tries the customer's own region first", () => {
    // 020 is Guangzhou in China and London in Britain: who writes it decides.
    expect(read('020 7946 0018')?.value).toBe('+862079460018');
    expect(read('020 7946 0018', { customerRegion: 'GB' })?.value).toBe('+442079460018');
  });

  it('does not take a serial or a date read out for a phone number', () => {
    expect(read('序列号 P F 三 九 幺 二 八 七')).toBeNull();
    expect(read('一二三四五六七')).toBeNull();
    expect(read('1 2 3 4 5 6 7 8')).toBeNull();
  });
});

describe('regionOfNumber', () => {
  it('names the region of an E.164 number, also inside a channel address', () => {
    expect(regionOfNumber('+13035550161')).toBe('US');
    expect(regionOfNumber('+8615800226611')).toBe('CN');
    expect(regionOfNumber('whatsapp:+442079460018')).toBe('GB');
    expect(regionOfNumber('someone@example.com')).toBeUndefined();
  });
});

describe('extractPhone: a country code in brackets', () => {
  it('reads "(86) 10 8888 6666" as a Beijing landline', () => {
    expect(phone('printer offline call (86) 10 8888 6666')?.value).toBe('+861088886666');
  });
});
