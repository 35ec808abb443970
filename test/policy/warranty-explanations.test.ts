import { describe, expect, it } from 'vitest';
import { type Case, day, decide, month, on, year } from './warranty-helpers.js';

describe('explanations', () => {
  it('explains a main-part repair after the unit year in one sentence', () => {
    const result = decide({
      purchaseDate: day('2025-03-15'),
      faultyPart: 'mainboard',
      today: on('2026-04-01'),
    });
    expect(result.explanation).toEqual({
      zh: '购买于2025年3月15日，整机保修期1年已过，但主板属于主要部件（保修2年），本次维修免费。',
      en: 'Bought on 15 March 2025: the 1-year whole-unit warranty has ended, but the mainboard is a main part (2-year warranty), so this repair is free.',
    });
  });

  it.each<[string, Case, string, string]>([
    [
      'acceptance',
      { acceptanceDate: '2025-06-01', today: on('2025-07-01') },
      '验收于2025年6月1日',
      'Accepted on 1 June 2025',
    ],
    [
      'month',
      { purchaseDate: month('2025-03-01'), faultyPart: 'fan', today: on('2026-04-01') },
      '购买于2025年3月',
      'Bought in March 2025',
    ],
    [
      'year',
      { purchaseDate: year('2024-01-01'), faultyPart: 'fan', today: on('2026-01-01') },
      '购买于2024年',
      'Bought in 2024',
    ],
  ])('names the start date (%s)', (_name, input, zh, en) => {
    const { explanation } = decide(input);
    expect(explanation.zh.startsWith(zh)).toBe(true);
    expect(explanation.en.startsWith(en)).toBe(true);
  });

  it.each<[string, Case, string, string]>([
    [
      'server category',
      { category: 'server', purchaseDate: day('2025-03-15'), today: on('2026-04-01') },
      '至2028年3月15日',
      'the server is within its 3-year whole-unit warranty (until 15 March 2028)',
    ],
    [
      'exclusion label',
      { exclusions: ['accident'], today: on('2026-04-01') },
      '摔落、进水等意外造成的损坏不属于免费保修范围',
      'Accidental damage such as a drop or liquid is not covered',
    ],
    [
      'expiry date (latest possible)',
      { purchaseDate: month('2023-03-01'), faultyPart: 'fan', today: on('2026-04-01') },
      '保修期已于2024年3月31日届满',
      'the warranty ended on 31 March 2024',
    ],
    [
      'repair date',
      { lastRepair: { finishedOn: '2026-03-01' }, today: on('2026-03-10') },
      '2026年3月1日修复，30天内',
      'repaired on 1 March 2026 and failed again within 30 days',
    ],
    [
      'DOA days',
      { purchaseDate: day('2026-03-10'), doa: true, today: on('2026-03-12') },
      '开箱或验收15天内',
      'within 15 days counts as dead on arrival',
    ],
    [
      'main parts list',
      { purchaseDate: day('2025-03-15'), today: on('2026-04-01') },
      '主板、CPU、内存、显示屏、硬盘、键盘、电源适配器',
      'mainboard, CPU, memory, display, hard drive, keyboard, power adapter',
    ],
    ['ask for the invoice', { today: on('2026-04-01') }, '发票', 'invoice'],
  ])('fills in the facts (%s)', (_name, input, zh, en) => {
    const { explanation } = decide(input);
    expect(explanation.zh).toContain(zh);
    expect(explanation.en).toContain(en);
  });
});
