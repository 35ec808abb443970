/** compareTurn: one step's expectations against an observed turn, without Redis. */
import { describe, expect, it } from 'vitest';
import {
  compareTurn,
  formatInstant,
  type ObservedTurn,
  valueMatches,
} from '../../src/cli/flow-tests/expect.js';
import { expectSchema, type TurnExpect } from '../../src/cli/flow-tests/schema.js';
import type { CaseView } from '../../src/desk/views.js';

const kase: CaseView = {
  ref: 'SR-2611-0001',
  status: 'escalated',
  priority: 'high',
  team: 'supervisor',
  owner: 'queue',
  deadline: '2026-11-26T04:00:00.000Z',
  warranty: null,
};

function turn(overrides: Partial<ObservedTurn> = {}): ObservedTurn {
  return {
    replies: [
      { text: '非常抱歉给您带来不好的体验。\n我已将您的问题升级给主管。' },
      { text: 'Is it fixed?', choices: ['Yes', 'No'] },
    ],
    session: {
      flow: null,
      step: null,
      lang: 'zh',
      slots: { purchase_date: { date: '2025-03-01', precision: 'month' }, damage: false, serial: 'PF2ABC12' },
    },
    case: kase,
    storedCase: null,
    signals: { escalated: { ref: kase.ref, team: 'supervisor', priority: 'high', due: kase.deadline! } },
    ...overrides,
  };
}

const check = (written: unknown, observed = turn()) =>
  compareTurn(expectSchema.parse(written) as TurnExpect, observed).map((m) => `${m.key}: ${m.message}`);

describe('compareTurn', () => {
  it('finds reply words across replies and lines, ignoring case and line breaks', () => {
    expect(
      check({ reply_contains: ['不好的体验。 我已将', 'IS IT FIXED'], reply_not_contains: '保修期已过' }),
    ).toEqual([]);
    expect(check({ reply_contains: '摔落' })).toEqual([
      'reply_contains: reply should contain "摔落" but was: 非常抱歉给您带来不好的体验。 我已将您的问题升级给主管。 ⏎ Is it fixed?',
    ]);
    expect(check({ reply_not_contains: '主管' })[0]).toMatch(
      /^reply_not_contains: reply should not contain "主管"/,
    );
  });

  it('matches regular expressions, choices and silence', () => {
    expect(
      check({ reply_matches: '升级给(主管|supervisor)', choices: ['Yes', 'No'], no_reply: false }),
    ).toEqual([]);
    expect(check({ no_reply: true })[0]).toMatch(/^no_reply: the bot should stay quiet but said: 非常抱歉/);
    expect(check({ choices: ['是', '否'] })).toEqual([
      'choices: choices should be ["是","否"] but were ["Yes","No"]',
    ]);
    expect(check({ no_reply: false }, turn({ replies: [] }))).toEqual([
      'no_reply: the bot should reply but said nothing',
    ]);
  });

  it('compares date slots by their date, null as not filled, and explains a yes/no mix-up', () => {
    expect(check({ slots: { purchase_date: '2025-03-01', doa: null, serial: 'PF2ABC12' } })).toEqual([]);
    expect(check({ slots: { purchase_date: { precision: 'month' } } })).toEqual([]);
    expect(check({ slots: { damage: 'no' } })).toEqual([
      'slots: slot damage should be "no" but was false (yes/no slots hold true or false)',
    ]);
    expect(check({ slots: { serial: null } })).toEqual([
      'slots: slot serial should be null but was "PF2ABC12"',
    ]);
  });

  it('checks the case, the flow position and this turn’s signals', () => {
    expect(
      check({
        flow: null,
        step: null,
        lang: 'zh',
        escalated: true,
        case: {
          status: 'escalated',
          priority: 'high',
          team: 'supervisor',
          deadline_set: true,
          warranty: null,
        },
      }),
    ).toEqual([]);
    expect(check({ case: null })).toEqual([
      'case: there should be no case but there is SR-2611-0001 (escalated)',
    ]);
    expect(check({ case: { status: 'open' } }, turn({ case: null }))).toEqual([
      'case: there should be a case but there is none',
    ]);
    expect(check({ case: { team: 'onsite', deadline_set: false }, handoff: true, flow: 'welcome' })).toEqual([
      'flow: flow should be "welcome" but was null',
      'case: case team should be "onsite" but was "supervisor"',
      'case: case should have no promised reply deadline but has one (2026-11-26T04:00:00.000Z)',
      'handoff: the call should be put through to a person but was not',
    ]);
  });
});

describe('helpers', () => {
  it('shows an instant in the offset the transcript used', () => {
    expect(formatInstant('2026-11-30T04:30:00.000Z', '2026-11-30T13:00:00+08:00')).toBe(
      '2026-11-30T12:30:00+08:00',
    );
    expect(formatInstant('2026-11-30T04:30:00.000Z', '2026-11-30T04:00:00Z')).toBe(
      '2026-11-30T04:30:00.000Z',
    );
  });

  it('matches nested values partially', () => {
    expect(valueMatches({ a: [1, { b: 2 }] }, { a: [1, { b: 2, c: 3 }], d: 4 })).toBe(true);
    expect(valueMatches([1], [1, 2])).toBe(false);
    expect(valueMatches(null, '')).toBe(true);
  });
});
