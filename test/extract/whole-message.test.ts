import { describe, expect, it } from 'vitest';
import {
  detectLanguage,
  extractDate,
  extractEmail,
  extractPhone,
  extractSerial,
  type Found,
  matchChoice,
  normalizeText,
} from '../../src/engine/extract/index.js';

const now = new Date('2026-11-26T10:00:00+08:00');
const timezone = 'Asia/Shanghai';
const products = [
  {
    value: 'laptop',
    label: { zh: '笔记本电脑', en: 'Laptop' },
    synonyms: { zh: ['笔记本'], en: ['ThinkPad'] },
  },
  { value: 'printer', label: { zh: '打印机', en: 'Printer' } },
];

function cut(text: string, found: Found<unknown> | null): string {
  expect(found).not.toBeNull();
  return text.slice(0, found!.start) + ' '.repeat(found!.end - found!.start) + text.slice(found!.end);
}

// What the engine does: normalize, then fill several slots from one message, blanking each span.
describe('one message fills several slots', () => {
  it('Chinese fault report', () => {
    let text = normalizeText('我的ＴｈｉｎｋＰａｄ X1 序列号ＰＦ２ＡＢＣ１２ 去年3月买的，开不了机');
    expect(text).toBe('我的ThinkPad X1 序列号PF2ABC12 去年3月买的,开不了机');
    expect(detectLanguage(text)).toBe('zh');

    const serial = extractSerial(text, {});
    expect(serial?.value).toBe('PF2ABC12');
    text = cut(text, serial);
    const date = extractDate(text, { now, timezone });
    expect(date?.value).toEqual({ date: '2025-03-01', precision: 'month' });
    text = cut(text, date);
    const product = matchChoice(text, products, { asked: false });
    expect(product?.value).toBe('laptop');
    text = cut(text, product);
    expect(text.replace(/\s+/g, ' ')).toBe('我的 X1 序列号 买的,开不了机');
  });

  it('English email with contact details', () => {
    let text = normalizeText(
      'Hello,\r\nmy HP printer (S/N CN12345678) stopped printing. Bought it March 15, 2025.\r\n' +
        'Call me on +86 138-0013-8000 or mail Li.Lei@Example.com',
    );
    expect(detectLanguage(text)).toBe('en');
    const serial = extractSerial(text, {});
    expect(serial?.value).toBe('CN12345678');
    text = cut(text, serial);
    const email = extractEmail(text);
    expect(email?.value).toBe('li.lei@example.com');
    text = cut(text, email);
    const phone = extractPhone(text, { defaultRegion: 'CN' });
    expect(phone?.value).toBe('+8613800138000');
    text = cut(text, phone);
    expect(extractDate(text, { now, timezone })?.value).toEqual({ date: '2025-03-15', precision: 'day' });
    expect(matchChoice(text, products, { asked: false })?.value).toBe('printer');
  });
});
