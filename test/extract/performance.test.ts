import { describe, expect, it } from 'vitest';
import * as extract from '../../src/engine/extract/index.js';

// Every extractor must stay (near) linear: catastrophic backtracking turns 100 KB into minutes. What is
// checked is how the cost grows from a tenth of the input to all of it (linear: ×10, quadratic: ×100),
// not a number of milliseconds, so a busy machine does not fail it.
const KB100 = 100_000;
/** Allowed growth from 10 KB to 100 KB; the floor keeps a sub-millisecond tenth from counting. */
const MAX_GROWTH = 40;
const FLOOR_MS = 5;
const inputs: Record<string, string> = {
  letters: 'a'.repeat(KB100),
  spaces: ' '.repeat(KB100),
  digits: '1'.repeat(KB100),
  'spaced digits': '12 '.repeat(KB100 / 3),
  han: '我'.repeat(KB100),
  'repeated dates': '3月'.repeat(KB100 / 2),
  'repeated future dates': '明天'.repeat(KB100 / 2),
  'at signs': 'a@'.repeat(KB100 / 2),
  dots: 'a.'.repeat(KB100 / 2) + '@',
  'street-like': '12 ' + 'main '.repeat(KB100 / 5),
  'address-like': '北京市海淀区'.repeat(KB100 / 6),
  hyphens: '-1'.repeat(KB100 / 2),
  'english prose': 'My laptop will not turn on after the update, please help. '.repeat(KB100 / 58),
  'chinese prose': '我的电脑坏了，开不了机，请帮忙看一下。'.repeat(KB100 / 19),
  emoji: '😀'.repeat(KB100 / 2),
  'values at the end': 'x '.repeat(KB100 / 2) + '序列号PF2ABC12 13800138000 去年3月 bob@example.com',
};
const choices = [
  { value: 'laptop', label: { zh: '笔记本', en: 'laptop' } },
  { value: 'printer', label: { zh: '打印机', en: 'printer' } },
];
const now = new Date('2026-11-26T10:00:00+08:00');

const extractors: Record<string, (text: string) => unknown> = {
  normalizeText: extract.normalizeText,
  detectLanguage: extract.detectLanguage,
  findKeyword: (t) => extract.findKeyword(t, ['agent', '人工', 'human agent', "won't turn on"]),
  isShouting: extract.isShouting,
  extractDate: (t) => extract.extractDate(t, { now, timezone: 'Asia/Shanghai' }),
  extractSerial: (t) => extract.extractSerial(t, {}),
  extractSerialPattern: (t) => extract.extractSerial(t, { pattern: '[A-Z]{2}[0-9][A-Z0-9]{5}' }),
  extractPhone: (t) => extract.extractPhone(t, { defaultRegion: 'CN' }),
  extractEmail: extract.extractEmail,
  extractNumber: extract.extractNumber,
  parseYesNo: extract.parseYesNo,
  matchChoice: (t) => extract.matchChoice(t, choices, { asked: true }),
  extractAddress: (t) => extract.extractAddress(t, { asked: false }),
  extractAddressAsked: (t) => extract.extractAddress(t, { asked: true }),
};

/** The fastest of three runs: the least disturbed by whatever else the machine is doing. */
function fastestRun(run: (text: string) => unknown, text: string): number {
  let best = Number.POSITIVE_INFINITY;
  for (let i = 0; i < 3; i++) {
    const started = performance.now();
    run(text);
    best = Math.min(best, performance.now() - started);
  }
  return best;
}

/**
 * How the cost grows from the tail tenth to the whole input; a steep growth is measured again, up to
 * three times, because a busy machine can slow one run down, while a blow-up is steep every time.
 */
function leastGrowth(run: (text: string) => unknown, text: string): number {
  let least = Number.POSITIVE_INFINITY;
  for (let attempt = 0; attempt < 3 && least > MAX_GROWTH; attempt++) {
    const tenth = fastestRun(run, text.slice(-KB100 / 10)); // the tail: it holds what an input ends with
    const whole = fastestRun(run, text);
    least = Math.min(least, whole / Math.max(tenth, FLOOR_MS));
  }
  return least;
}

describe('100 KB inputs cost about ten times what 10 KB do (no backtracking blow-up)', () => {
  for (const [name, run] of Object.entries(extractors)) {
    // Sixteen 100 KB inputs, each measured up to nine times: minutes on a loaded machine, not a hang.
    it(name, () => {
      for (const [kind, text] of Object.entries(inputs)) {
        const growth = leastGrowth(run, text);
        expect({ kind, growth: Math.round(growth), tooSteep: growth > MAX_GROWTH }).toMatchObject({
          kind,
          tooSteep: false,
        });
      }
    }, 180_000);
  }

  it('still finds values at the end of a long message', () => {
    const text = inputs['values at the end']!;
    expect(extract.extractSerial(text, {})?.value).toBe('PF2ABC12');
    expect(extract.extractPhone(text, { defaultRegion: 'CN' })?.value).toBe('+8613800138000');
    expect(extract.extractDate(text, { now, timezone: 'Asia/Shanghai' })?.value).toEqual({
      date: '2025-03-01',
      precision: 'month',
    });
    expect(extract.extractEmail(text)?.value).toBe('bob@example.com');
  });
});
