import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { FlowFilesInvalidError } from '../../src/flows/yaml-file.js';
import { loadKnowledgeBase } from '../../src/kb/load.js';
import { kbCategoryIds } from '../../src/kb/schema.js';

const shipped = fileURLToPath(new URL('../../flows/kb', import.meta.url));

function problemsOf(dir: string): string[] {
  try {
    loadKnowledgeBase(dir);
  } catch (error) {
    expect(error).toBeInstanceOf(FlowFilesInvalidError);
    return (error as FlowFilesInvalidError).problems.map(String);
  }
  throw new Error('expected the knowledge base to be rejected');
}

describe('the shipped knowledge base', () => {
  const kb = loadKnowledgeBase(shipped);

  it('has enough remote fixes and FAQs, and a header for every category', () => {
    expect(kb.entries.length).toBeGreaterThanOrEqual(24);
    expect(kb.faqs.length).toBeGreaterThanOrEqual(10);
    expect(kb.categories.map((category) => category.id).sort()).toEqual([...kbCategoryIds].sort());
  });

  it('covers the symptoms the support team asked for', () => {
    const ids = new Set(kb.entries.map((entry) => entry.id));
    for (const id of [
      'laptop_no_power',
      'laptop_no_display',
      'laptop_battery_not_charging',
      'laptop_overheating',
      'pc_blue_screen',
      'pc_slow_performance',
      'pc_wifi_down',
      'pc_keyboard_not_working',
      'desktop_beeps_no_boot',
      'monitor_no_signal',
      'monitor_flickering',
      'printer_paper_jam',
      'printer_offline',
      'printer_print_quality',
      'printer_driver',
      'printer_scanner_not_working',
      'server_disk_alarm',
      'server_no_power_psu',
      'server_overheating_fan',
      'server_os_wont_boot',
      'network_internet_down',
      'network_switch_port_down',
      'network_ap_unreachable',
      'network_slow',
    ]) {
      expect(ids, id).toContain(id);
    }
    const blueScreen = kb.entries.find((entry) => entry.id === 'pc_blue_screen');
    expect(blueScreen?.categories).toEqual(['laptop', 'desktop']);
  });

  it('has every text in both languages, and 3–6 steps per fix', () => {
    const texts = [
      ...kb.categories.map((category) => category.name),
      ...kb.entries.flatMap((entry) => [entry.title, ...entry.steps]),
      ...kb.faqs.flatMap((faq) => [faq.question, faq.answer]),
    ];
    for (const text of texts) {
      expect(text.zh.trim(), text.en).not.toBe('');
      expect(text.en.trim(), text.zh).not.toBe('');
      expect(text.zh, `${text.en} should be written in Chinese`).toMatch(/\p{Script=Han}/u);
    }
    for (const entry of [...kb.entries, ...kb.faqs]) {
      expect(entry.keywords.zh.length, entry.id).toBeGreaterThan(0);
      expect(entry.keywords.en.length, entry.id).toBeGreaterThan(0);
    }
    for (const entry of kb.entries) {
      expect(entry.steps.length, entry.id).toBeGreaterThanOrEqual(3);
      expect(entry.steps.length, entry.id).toBeLessThanOrEqual(6);
    }
  });

  it('uses only the contact placeholders the engine fills, the same in both languages', () => {
    const allowed = new Set(['contact.phone', 'contact.email', 'contact.fax', 'contact.hours']);
    const placeholders = (text: string): string[] =>
      [...text.matchAll(/\{\{\s*([^}]+?)\s*\}\}/g)].map((found) => found[1]!).sort();
    for (const faq of kb.faqs) {
      const zh = placeholders(faq.answer.zh);
      expect(placeholders(faq.answer.en), faq.id).toEqual(zh);
      for (const name of zh) expect(allowed, `${faq.id}: {{${name}}}`).toContain(name);
    }
    const contact = kb.faqs.find((faq) => faq.id === 'contact_channels');
    expect(placeholders(contact!.answer.en)).toEqual([...allowed].sort());
  });
});

describe('a broken knowledge base', () => {
  let dir: string | undefined;
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
    dir = undefined;
  });

  const copy = (): string => {
    dir = mkdtempSync(join(tmpdir(), 'kb-'));
    cpSync(shipped, dir, { recursive: true });
    return dir;
  };

  it('reports every problem in every file with file:line:col', () => {
    const kbDir = copy();
    // A second laptop_no_power, appended to a copy of monitor.yaml (read after laptop.yaml).
    const monitor = join(kbDir, 'monitor.yaml');
    const original = readFileSync(monitor, 'utf8').replace(/\n*$/, '\n');
    const appendedAt = original.split('\n').length; // line of the appended "- id:"
    writeFileSync(
      monitor,
      original +
        [
          '  - id: laptop_no_power',
          '    categories: [monitor]',
          '    title: { zh: 又一个, en: Another }',
          '    keywords: { zh: [开不了机], en: [no power] }',
          '    steps:',
          '      - { zh: 一, en: one }',
          '      - { zh: 二, en: two }',
          '      - { zh: 三, en: three }',
          '',
        ].join('\n'),
    );
    writeFileSync(
      join(kbDir, 'zz_broken.yaml'),
      [
        'entries:',
        '  - id: printer_paper_jam',
        '    categories: [laptop, tablet]',
        '    title: { zh: "", en: Broken }',
        '    keywords: { zh: [卡], en: [paper jam] }',
        '    steps:',
        '      - { zh: 一, en: one }',
        '',
      ].join('\n'),
    );
    writeFileSync(join(kbDir, 'zz_syntax.yaml'), 'entries:\n  - id: a\n   bad: [\n');

    const problems = problemsOf(kbDir);
    const line = (file: string, at: number, text: string) =>
      expect(
        problems.some((p) => p.includes(`${file}:${at}:`) && p.includes(text)),
        `${file}:${at} ${text}`,
      ).toBe(true);
    line('monitor.yaml', appendedAt, 'duplicate id "laptop_no_power"');
    expect(problems.find((p) => p.includes('monitor.yaml'))).toMatch(
      /first defined at .*laptop\.yaml:\d+:\d+/,
    );
    line('zz_broken.yaml', 2, 'duplicate id "printer_paper_jam"');
    line('zz_broken.yaml', 3, 'unknown category "tablet"');
    line('zz_broken.yaml', 4, 'the Chinese text is empty');
    line('zz_broken.yaml', 5, 'too short to be a keyword');
    line('zz_broken.yaml', 7, 'at least 3 steps');
    expect(problems.some((p) => /zz_syntax\.yaml:\d+:\d+ /.test(p))).toBe(true);
    for (const problem of problems) expect(problem).toMatch(/^\S+\.yaml:\d+:\d+ /);
  });

  it('reports the exact column of a bad value', () => {
    const kbDir = copy();
    writeFileSync(
      join(kbDir, 'faq.yaml'),
      'faqs:\n  - id: Bad-Id\n    keywords: { zh: [保修期], en: [warranty] }\n',
    );
    const problems = problemsOf(kbDir);
    expect(problems.some((p) => p.includes('faq.yaml:2:9 faqs.0.id: must be lower_snake_case'))).toBe(true);
    expect(problems.some((p) => p.includes('faq.yaml:2:5 faqs.0.question'))).toBe(true);
  });

  it('reports a missing folder and an empty one', () => {
    expect(problemsOf('/nonexistent/kb')[0]).toMatch(/^\/nonexistent\/kb:1:1 cannot read/);
    dir = mkdtempSync(join(tmpdir(), 'kb-'));
    expect(problemsOf(dir)[0]).toMatch(/:1:1 no knowledge-base entries/);
  });
});
