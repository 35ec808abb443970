/**
 * The case page in people's words, from the real flows: event lines from their names and values (not
 * the engine's `fault_report (evidence, 0.89)`), facts under the flows' labels with dates as dates,
 * system events folded, and who a note's @mention names.
 */
import { describe, expect, it } from 'vitest';
import type { TranscriptEntry } from '../../src/cases/types.js';
import { caseLabels } from '../../src/console/case-labels.js';
import { words } from '../../src/console/i18n.js';
import { factValue } from '../../src/console/views/case-facts.js';
import type { PageContext } from '../../src/console/views/layout.js';
import { eventLine, timelineItems } from '../../src/console/views/timeline.js';
import { loadContent } from '../../src/content.js';
import type { StaffAccount } from '../../src/staff/accounts.js';
import { fillCanned } from '../../src/staff/canned.js';
import { mentionedIn } from '../../src/staff/notifications.js';

const bundle = loadContent('flows').bundle;
const context = (lang: 'en' | 'zh'): PageContext => ({
  w: words[lang],
  lang,
  staff: null,
  csrf: 't',
  now: new Date('2026-11-26T02:00:00Z'),
  zone: 'Asia/Shanghai',
});
const event = (
  name: string,
  text: string,
  meta: Record<string, unknown> = {},
  author?: string,
): TranscriptEntry => ({
  at: '2026-11-26T01:00:00Z',
  kind: 'event',
  text,
  ...(author ? { author } : {}),
  meta: { event: name, ...meta },
});

describe('the case page in people’s words', () => {
  it('says what the bot understood and decided, in both languages, without codes or scores', () => {
    const understood = event('understood', 'fault_report (evidence, 0.89)', {
      intent: 'fault_report',
      reason: 'evidence',
      confidence: 0.89,
    });
    const decided = event('warranty_decided', 'paid_repair (expired)', { rule: 'expired' });
    const en = context('en');
    const zh = context('zh');
    expect(eventLine(en, caseLabels(bundle, 'en'), understood)).toBe('The bot understood: Fault report');
    expect(eventLine(zh, caseLabels(bundle, 'zh'), understood)).toBe('机器人理解为：故障报修');
    expect(eventLine(en, caseLabels(bundle, 'en'), decided)).toBe(
      'Warranty decision: paid repair (the warranty has expired)',
    );
    expect(eventLine(zh, caseLabels(bundle, 'zh'), decided)).toBe('保修判定：付费维修（已过保修期）');
    const escalated = event('escalated', 'escalated to support (high): asked for a person', {
      team: 'support',
      priority: 'high',
      due: '2026-11-26T06:00:00.000Z',
    });
    expect(eventLine(en, caseLabels(bundle, 'en'), escalated)).toBe(
      'Sent to the support queue (high), reply promised by 2026-11-26 14:00',
    );
    // An event without a sentence yet keeps its text, with times made local.
    expect(eventLine(en, caseLabels(bundle, 'en'), event('new_thing', 'at 2026-11-26T06:00:00.000Z'))).toBe(
      'at 2026-11-26 14:00',
    );
  });

  it('folds runs of system events and keeps staff actions and messages in view', () => {
    const en = context('en');
    const out = timelineItems(en, caseLabels(bundle, 'en'), [
      { at: '2026-11-26T01:00:00Z', kind: 'in', text: 'printer jams' },
      event('understood', 'x', { intent: 'fault_report' }),
      event('case_opened', 'case opened'),
      event('claimed', 'claimed by alice', { staff: 'alice' }, 'alice'),
    ]).value;
    expect(out).toContain('<summary>2 system events</summary>');
    expect(out).toMatch(/<\/details><\/li><li class="event">[\s\S]*alice took the case/);
  });

  it('shows facts under the flows’ labels, choices as words and dates as dates', () => {
    const zh = context('zh');
    const labels = caseLabels(bundle, 'zh');
    expect(labels.slot('product')).toBe('产品类型');
    expect(factValue(zh, labels, 'product', 'printer')).toBe('打印机');
    expect(factValue(zh, labels, 'purchase_date', '2025-05-01T00:00:00.000Z')).toBe('2025-05-01');
    expect(
      factValue(zh, labels, 'purchase_date', {
        earliest: '2025-05-01T00:00:00.000Z',
        latest: '2025-05-31T00:00:00.000Z',
      }),
    ).toBe('2025-05-01 – 2025-05-31');
    expect(factValue(zh, labels, 'doa', true)).toBe('是');
  });

  it('names the colleagues a note mentions, by account or display name, once, not the author', () => {
    const person = (name: string, displayName: string | null, disabled = false) =>
      ({ name, displayName, disabled, role: 'agent', teams: ['support'] }) as unknown as StaffAccount;
    const people = [
      person('wang', '王工'),
      person('li.na', null),
      person('alice', null),
      person('gone', null, true),
    ];
    const named = mentionedIn('@王工 请看，@li.na. 也看 @wang @alice @gone @nobody', people, 'alice');
    expect(named.map((p) => p.name)).toEqual(['wang', 'li.na']);
  });

  it('fills a saved reply’s variables and leaves a missing one for the agent', () => {
    expect(
      fillCanned('{customer}您好，工单 {ref}，{engineer} 将于 {window} 上门', {
        ref: 'SR-1',
        customer: '张伟',
      }),
    ).toBe('张伟您好，工单 SR-1，{engineer} 将于 {window} 上门');
  });
});
