import { describe, expect, it } from 'vitest';
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
