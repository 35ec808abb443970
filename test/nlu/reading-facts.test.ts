/**
 * The facts read from one message with the fault report's slots, for the forms callers and chat users
 * write: what is wrong read past a serial, a purchase or a phone number; the age of a unit after every
 * way of saying it was bought or set up; a phone number's label that is no product. And the general
 * warranty question, answered from the policy rather than taken for a check of the customer's unit.
 */
import { describe, expect, it } from 'vitest';
import { loadContent } from '../../src/content.js';
import { normalizeText } from '../../src/engine/extract/index.js';
import { understand } from '../../src/engine/nlu/understand.js';
import { fillSlots } from '../../src/engine/slots.js';
import { matchFaq, matchRemoteFix } from '../../src/kb/match.js';

const { bundle, kb } = loadContent('flows');
const fault = bundle.flows.get('fault_report')!;
const ctx = {
  lang: 'zh' as const,
  now: new Date('2026-11-26T10:00:00+08:00'),
  timezone: 'Asia/Shanghai',
  phoneRegion: 'CN',
  isSymptom: (part: string) => (matchRemoteFix(kb, part, { limit: 1 })[0]?.score ?? 0) > 0,
};
const facts = (text: string) => fillSlots(fault.slots, {}, normalizeText(text), [], ctx).filled;

describe('what is wrong, read past the facts', () => {
  it.each([
    ['my monitor has no picture the serial is M N eight two two one X', 'no picture'],
    ['the printer is not printing serial number is E P seven seven zero five nine', 'not printing'],
    ['router is about six months old lights are off', 'lights are off'],
    ['打印机入手一个月，进纸有问题', '进纸有问题'],
    ['交换机端口坏了 序列号 S W 七 幺 七 幺 四 零', '端口'],
    ['我的打印机序列号 H P 七 七 零 两 幺 五 打不出来', '打不出来'],
  ])('%s → %s', (text, symptom) => {
    expect(String(facts(text).symptom)).toContain(symptom);
  });

  it.each([
    '25年6月买的打印机，保修到什么时候',
    'tablet bought last Black Friday, until when is it covered',
    'is the tablet battery warrantied',
    '我们办公室的打印机坏了',
    'Our PowerEdge server is broken. Service tag 7XK2LM3',
    'got the projector on Prime Day',
  ])('%s: no symptom', (text) => {
    expect(facts(text).symptom).toBeUndefined();
  });
});

describe('the age of a unit, however its purchase or set-up is said', () => {
  it.each([
    ['路由器装了八个月，老掉线', '2026-03'],
    ['服务器上线三年了，电源报警', '2023-11'],
    ['服务器已经运行了五年，主板坏了', '2021-11'],
    ['平板到手五天就坏了', '2026-11-21'],
    ['手机买了十来天，充不进电', '2026-11'],
    ['server went live two and a half years ago, RAID warning', '2024-05'],
    ['server delivered after Chinese New Year 2025, fan error', '2025-02'],
  ])('%s → %s', (text, month) => {
    expect((facts(text).purchase_date as { date: string }).date.startsWith(month)).toBe(true);
  });

  it('how long a repair lasted is not the age of the unit', () => {
    expect(facts('笔记本修好用了两周又坏了').purchase_date).toBeUndefined();
  });
});

describe('phone numbers and products', () => {
  it('"my mobile" before a number names the number, not the product', () => {
    const found = facts('call me on my mobile 188 8888 0000 please');
    expect(found).toMatchObject({ contact_phone: '+8618888880000' });
    expect(found.product).toBeUndefined();
  });
});

describe('general warranty questions', () => {
  const decide = (text: string) =>
    understand({
      bundle,
      model: bundle.nlu!,
      text,
      facts: facts(text),
      symptomScore: matchRemoteFix(kb, text, { limit: 1 })[0]?.score ?? 0,
      faqKeyword: matchFaq(kb, text)?.faq.id ?? null,
    }).intent;

  it.each([
    '屏幕保修吗',
    '平板的屏幕保不保修',
    'CPU保修吗',
    'are keyboards covered under warranty',
    'does warranty include the charger',
  ])('%s → warranty terms', (text) => {
    expect(decide(text)).toBe('warranty_terms');
  });

  it.each([
    ['我的笔记本还在保修期吗', 'warranty_enquiry'],
    ['is my laptop still under warranty', 'warranty_enquiry'],
    ['进水了还保修吗', 'faq:warranty_exclusions'],
    ['does the warranty cover water damage', 'faq:warranty_exclusions'],
  ])('%s → %s (the own unit, or a cause of damage)', (text, intent) => {
    expect(decide(text)).toBe(intent);
  });
});
