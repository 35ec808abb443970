import { describe, expect, it } from 'vitest';
import { datesWithCues } from '../../src/engine/extract/date-cues.js';

const now = new Date('2026-11-26T10:00:00+08:00');
const cues = [
  { name: 'purchase_date', words: ['bought', 'purchased', 'got it', 'received', '买', '购', '入手', '收到'] },
  { name: 'fault_began', words: ['since', 'started', 'after', '从', '开始', '以来', '最近'] },
];
const read = (text: string) =>
  datesWithCues(text, cues, { now, timezone: 'Asia/Shanghai' }).map((d) => [d.value.date, d.cue]);

describe('datesWithCues: each date belongs to the nearest cue in its clause', () => {
  it.each([
    [
      'The printer has been jamming since last week; we purchased it on 2 May 2024',
      [
        ['2026-11-19', 'fault_began'],
        ['2024-05-02', 'purchase_date'],
      ],
    ],
    [
      '上个月买的电脑从昨天开始黑屏',
      [
        ['2026-10-01', 'purchase_date'],
        ['2026-11-25', 'fault_began'],
      ],
    ],
    ['got it last August', [['2026-08-01', 'purchase_date']]],
    ['前年买的', [['2024-01-01', 'purchase_date']]],
    ['上周开始开不了机', [['2026-11-19', 'fault_began']]],
    ['bought on May 2, 2024', [['2024-05-02', 'purchase_date']]],
    ['the printer jams, 2 May 2024', [['2024-05-02', null]]],
  ])('%s', (text, expected) => {
    expect(read(text)).toEqual(expected);
  });

  it('never reads "now" as a date', () => {
    expect(read('现在开不了机')).toEqual([]);
  });
});
