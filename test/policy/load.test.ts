import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FlowFilesInvalidError } from '../../src/flows/yaml-file.js';
import { requiredCategories } from '../../src/policy/checks.js';
import { loadPolicy } from '../../src/policy/load.js';

const original = readFileSync('flows/policy.yaml', 'utf8');
const dir = mkdtempSync(join(tmpdir(), 'policy-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const policy = loadPolicy();

describe('flows/policy.yaml', () => {
  it('loads with the nine product categories and the 三包 defaults', () => {
    expect(Object.keys(policy.warranty.categories).sort()).toEqual([...requiredCategories].sort());
    expect(policy.warranty.return_period).toEqual({ days: 7 });
    expect(policy.warranty.exchange_period).toEqual({ days: 15 });
    expect(policy.warranty.unit_period).toEqual({ years: 1 });
    expect(policy.warranty.main_parts_period).toEqual({ years: 2 });
    expect(policy.warranty.repair_guarantee_days).toBe(30);
    expect(policy.warranty.doa_days).toBe(15);
    expect(policy.warranty.categories.server?.unit_period).toEqual({ years: 3 });
    const mainParts = Object.entries(policy.warranty.parts)
      .filter(([, part]) => part.main)
      .map(([id]) => id);
    expect(mainParts).toEqual([
      'mainboard',
      'cpu',
      'memory',
      'display',
      'hard_drive',
      'keyboard',
      'power_adapter',
    ]);
  });

  it('lists every out-of-warranty cause of the plan with zh and en keywords', () => {
    expect(policy.exclusions.map((e) => e.id)).toEqual([
      'force_majeure',
      'accident',
      'misuse',
      'commercial_use',
      'improper_operation',
      'unauthorised_repair',
      'serial_tampered',
      'modification',
      'transport_damage',
      'pirated_software',
      'virus',
      'no_proof_of_purchase',
    ]);
    for (const exclusion of policy.exclusions) {
      expect(exclusion.keywords.zh.length, exclusion.id).toBeGreaterThan(0);
      expect(exclusion.keywords.en.length, exclusion.id).toBeGreaterThan(0);
    }
    const keywords = policy.exclusions.flatMap((e) => e.keywords.zh);
    for (const word of [
      '雷击',
      '水淹',
      '摔',
      '进水',
      '私自拆修',
      '自己拆开',
      '改装',
      '盗版',
      '病毒',
      '没有发票',
    ]) {
      expect(keywords).toContain(word);
    }
  });
});

describe('flows/policy.yaml: the calendar, and freezing', () => {
  it('has the 2026 State Council holidays and make-up days, and 2027 marked provisional', () => {
    const [y2026, y2027] = policy.hours.calendar;
    expect(y2026?.status).toBe('official');
    expect(y2026?.holidays.map((h) => [h.from, h.to])).toEqual([
      ['2026-01-01', '2026-01-03'],
      ['2026-02-15', '2026-02-23'],
      ['2026-04-04', '2026-04-06'],
      ['2026-05-01', '2026-05-05'],
      ['2026-06-19', '2026-06-21'],
      ['2026-09-25', '2026-09-27'],
      ['2026-10-01', '2026-10-07'],
    ]);
    expect(y2026?.makeup_days.map((m) => m.date)).toEqual([
      '2026-01-04',
      '2026-02-14',
      '2026-02-28',
      '2026-05-09',
      '2026-09-20',
      '2026-10-10',
    ]);
    expect(y2027?.status).toBe('provisional');
    expect(y2027?.makeup_days).toEqual([]);
  });

  it('is frozen after loading', () => {
    expect(Object.isFrozen(policy.sla.targets.urgent)).toBe(true);
  });
});

/** Line and column (1-based) where `needle` first occurs. */
function position(text: string, needle: string): { line: number; col: number } {
  const index = text.indexOf(needle);
  if (index < 0) throw new Error(`not in the text: ${needle}`);
  const before = text.slice(0, index).split('\n');
  return { line: before.length, col: before.at(-1)!.length + 1 };
}

/** Each break of the policy file, and where and how it is reported. */
const brokenFiles: Array<{ name: string; from: string; to: string; at: string; message: RegExp }> = [
  {
    name: 'an impossible date',
    from: 'date: 2026-10-10',
    to: 'date: 2026-02-30',
    at: '2026-02-30',
    message: /makeup_days\.5\.date: must be a real date written YYYY-MM-DD/,
  },
  {
    name: 'a make-up day on a holiday',
    from: 'date: 2026-10-10',
    to: 'date: 2026-10-03',
    at: '2026-10-03,',
    message: /2026-10-03 is a holiday \(国庆节\), not a working day/,
  },
  {
    name: 'a make-up day on a weekday',
    from: 'date: 2026-10-10',
    to: 'date: 2026-10-12',
    at: '2026-10-12',
    message: /2026-10-12 is a mon, already a working day/,
  },
  {
    name: 'overlapping holidays',
    from: 'from: 2026-04-04, to: 2026-04-06',
    to: 'from: 2026-04-04, to: 2026-05-02',
    at: '{ name: { zh: 劳动节',
    message: /2026-05-01 is already a holiday \(清明节\)/,
  },
  {
    name: 'a holiday ending before it starts',
    from: 'from: 2026-06-19, to: 2026-06-21',
    to: 'from: 2026-06-19, to: 2026-06-11',
    at: '2026-06-11',
    message: /`to` \(2026-06-11\) is before `from`/,
  },
  {
    name: 'an unknown main part',
    from: 'main_parts: [mainboard, printhead, power_adapter]',
    to: 'main_parts: [mainboard, print_head, power_adapter]',
    at: 'print_head',
    message: /unknown part `print_head`/,
  },
  {
    name: 'a missing category',
    from: '    network:\n',
    to: '    networking:\n',
    at: 'laptop:',
    message: /warranty\.categories: category `network` is missing/,
  },
  {
    name: 'an unknown category on an exclusion',
    from: 'categories: [laptop, desktop, monitor, printer]',
    to: 'categories: [laptop, camera, monitor, printer]',
    at: 'camera',
    message: /exclusions\.3\.categories\.1: unknown category `camera`/,
  },
  {
    name: 'main parts covered for less than the whole unit',
    from: '      main_parts_period: { years: 3 }',
    to: '      main_parts_period: { years: 2 }',
    at: '{ years: 2 }\n    network',
    message: /for `server`, main_parts_period is shorter than unit_period/,
  },
  {
    name: 'a period with two units',
    from: 'return_period: { days: 7 }',
    to: 'return_period: { days: 7, months: 1 }',
    at: '{ days: 7, months: 1 }',
    message: /warranty\.return_period: give exactly one of days, months or years/,
  },
  {
    name: 'an unknown placeholder',
    from: '开箱或验收{{doa_days}}天内',
    to: '开箱或验收{{doa_dayz}}天内',
    at: '"{{since}}，开箱',
    message: /explanations\.doa_replace\.zh: unknown placeholder \{\{doa_dayz\}\}/,
  },
  {
    name: 'a warning fraction above 1',
    from: 'warn_fraction: 0.8',
    to: 'warn_fraction: 1.5',
    at: '1.5',
    message: /sla\.warn_fraction: must be below 1/,
  },
  {
    name: 'a faster target for a lower priority',
    from: 'urgent: { first_response: 60,',
    to: 'urgent: { first_response: 600,',
    at: '120, resolution: 1080',
    message: /high first_response \(120\) is faster than urgent \(600\)/,
  },
  {
    name: 'an unknown time zone',
    from: 'timezone: Asia/Shanghai',
    to: 'timezone: Asia/Peking',
    at: 'Asia/Peking',
    message: /hours\.timezone: is not an IANA time zone/,
  },
  {
    name: 'a closing time before the opening time',
    from: 'wed: [{ from: "09:00", to: "18:00" }]',
    to: 'wed: [{ from: "09:00", to: "08:00" }]',
    at: '"08:00"',
    message: /hours\.weekly\.wed\.0\.to: `to` must be later than `from`/,
  },
  {
    name: 'a key the schema does not know',
    from: 'doa_days: 15\n',
    to: 'doa_days: 15\n  doa_hours: 3\n',
    at: 'return_period',
    message: /warranty: Unrecognized key: "doa_hours"/,
  },
  {
    name: 'broken YAML',
    from: 'minutes_per_waiting_case: 15',
    to: 'minutes_per_waiting_case: [15',
    at: 'targets:',
    message: /Flow sequence in block collection must be sufficiently indented/,
  },
];

describe('a broken policy file', () => {
  it.each(brokenFiles)('reports $name as file:LINE:COL message', ({ name, from, to, at, message }) => {
    expect(original).toContain(from);
    const text = original.replace(from, to);
    const file = join(dir, `${name.replace(/\W+/g, '-')}.yaml`);
    writeFileSync(file, text);
    let error: unknown;
    try {
      loadPolicy(file);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(FlowFilesInvalidError);
    const lines = (error as Error).message.split('\n');
    const { line, col } = position(text, at);
    const expected = `${file}:${line}:${col} `;
    const hit = lines.find((l) => l.startsWith(expected) && message.test(l));
    expect(
      hit,
      `expected a line starting "${expected}" matching ${message} in:\n${lines.join('\n')}`,
    ).toBeDefined();
  });

  it('reports a missing file at line 1', () => {
    expect(() => loadPolicy(join(dir, 'missing.yaml'))).toThrow(/missing\.yaml:1:1 ENOENT/);
  });
});
