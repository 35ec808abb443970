/**
 * Drafting an entry from a case's text (pure): the customer's short phrases as keywords in the list of
 * their script, product names and filler left out, "that it is broken" clauses ignored, existing
 * keywords the text matches added, steps split from the actions; and validation with the file schema.
 */
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { draftFromCase, draftIdFor, splitSteps, validateKbEntry } from '../../src/kb/draft.js';
import { exportEntriesYaml } from '../../src/kb/export.js';
import { loadKnowledgeBase } from '../../src/kb/load.js';
import { matchRemoteFix } from '../../src/kb/match.js';
import { withApprovedEntries } from '../../src/kb/merge.js';

const kb = loadKnowledgeBase('flows/kb');

describe('draftFromCase', () => {
  it('proposes both languages’ phrases, the category the text names, and the steps', () => {
    const fields = draftFromCase(kb, {
      category: null,
      symptoms: ['我的打印机坏了，打出来的纸上有一条黑色竖线', 'Black vertical line on every page'],
      actions: 'Cleaned the drum. Replaced the toner cartridge. Printed a test page.',
      parts: ['Toner cartridge', '硒鼓'],
    });
    expect(fields.categories).toEqual(['printer']);
    expect(fields.keywords.zh[0]).toBe('打出来的纸上有一条黑色竖线');
    expect(fields.keywords.zh).not.toContain('坏了');
    expect(fields.keywords.en[0]).toBe('black vertical line on every page');
    expect(fields.title).toEqual({
      zh: '打出来的纸上有一条黑色竖线',
      en: 'Black vertical line on every page',
    });
    expect(fields.steps).toEqual([
      { zh: '', en: 'Cleaned the drum.' },
      { zh: '', en: 'Replaced the toner cartridge.' },
      { zh: '', en: 'Printed a test page.' },
    ]);
    expect(fields.parts).toEqual(['toner_cartridge']);
  });

  it('keeps the triage’s category and adds the keywords existing entries match in the text', () => {
    const fields = draftFromCase(kb, {
      category: 'printer',
      symptoms: ['一直卡纸'],
      actions: null,
      parts: [],
    });
    expect(fields.categories).toEqual(['printer']);
    expect(fields.keywords.zh).toEqual(expect.arrayContaining(['一直卡纸', '卡纸']));
    expect(fields.steps).toEqual([]);
  });

  it('names the draft after its case', () => {
    expect(draftIdFor('SR-2611-0042')).toBe('case_sr_2611_0042');
  });
});

describe('splitSteps', () => {
  it('takes one step per line, numbering dropped, at most six', () => {
    expect(splitSteps('1. 断电重启\n2、清理通风口\n(3) 检查网线')).toEqual([
      '断电重启',
      '清理通风口',
      '检查网线',
    ]);
    expect(splitSteps('重启路由器。更换网线；检查指示灯')).toEqual([
      '重启路由器。',
      '更换网线',
      '检查指示灯',
    ]);
    expect(splitSteps(Array.from({ length: 9 }, (_, n) => `step ${n}`).join('\n'))).toHaveLength(6);
  });
});

describe('an approved entry', () => {
  const fields = {
    categories: ['printer'],
    title: { zh: '打印纸上有黑色竖线', en: 'Black vertical line on prints' },
    keywords: { zh: ['黑色竖线'], en: ['vertical line'] },
    parts: ['drum'],
    steps: [
      { zh: '清洁硒鼓', en: 'Clean the drum' },
      { zh: '更换墨粉盒', en: 'Replace the toner cartridge' },
      { zh: '打印测试页', en: 'Print a test page' },
    ],
  };

  it('is validated by the flows/kb schema, each problem named by its field', () => {
    expect(validateKbEntry('case_sr_1', fields).entry?.id).toBe('case_sr_1');
    const { problems } = validateKbEntry('case_sr_1', {
      ...fields,
      categories: ['toaster'],
      keywords: { zh: ['卡'], en: [] },
    });
    expect(problems).toEqual([
      'categories.0: unknown category "toaster" (known: laptop, desktop, monitor, printer, server, network)',
      'keywords.zh.0: is too short to be a keyword: use at least 2 Chinese characters or 3 letters',
      'keywords.en: list at least one English keyword',
    ]);
  });

  it('is matched next to the files, exported as YAML the loader reads, and a file id wins', () => {
    const entry = validateKbEntry('case_sr_1', fields).entry!;
    const merged = withApprovedEntries(kb, [entry]);
    expect(matchRemoteFix(merged, '打印出来有黑色竖线', { category: 'printer' })[0]?.entry.id).toBe(
      'case_sr_1',
    );
    expect(matchRemoteFix(kb, '打印出来有黑色竖线', { category: 'printer' })[0]?.entry.id).not.toBe(
      'case_sr_1',
    );
    const same = validateKbEntry(kb.entries[0]!.id, fields).entry!;
    expect(withApprovedEntries(kb, [same]).entries).toHaveLength(kb.entries.length);
    const yaml = exportEntriesYaml([entry], 'exported\nfrom the console');
    expect(yaml.startsWith('# exported\n# from the console\nentries:\n')).toBe(true);
    expect(parse(yaml)).toEqual({ entries: [entry] });
  });
});
