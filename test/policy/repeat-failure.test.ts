/**
 * 三包 for a unit repaired twice that still fails (flows/policy.yaml `warranty.repeat_failure`, from
 * 《部分商品修理更换退货责任规定》第十一、十三、十四条), at each boundary: how many repairs, which ones
 * count, what an exchange resets, and which faults are upgraded at all.
 */
import { describe, expect, it } from 'vitest';
import { repairHistory } from '../../src/cases/repair-history.js';
import type { Case } from '../../src/cases/types.js';
import {
  applyRepeatFailure,
  countedRepairs,
  type RepairEntry,
  type RepeatFailureDecision,
} from '../../src/policy/repeat-failure.js';
import { day, decide, on, policy } from './warranty-helpers.js';

const rules = policy.warranty.repeat_failure;
const TODAY = '2026-08-17';
/** A laptop bought 5 January 2026, failing on 17 August 2026: a free repair by the whole-unit period. */
const inside = decide({ purchaseDate: day('2026-01-05'), today: on(TODAY) });

const repair = (ref: string, finishedOn: string, extra: Partial<RepairEntry> = {}): RepairEntry => ({
  ref,
  finishedOn,
  kind: 'repair',
  decision: 'free_repair',
  ...extra,
});
const FIRST = repair('SR-2603-0001', '2026-03-03');
const SECOND = repair('SR-2605-0001', '2026-05-12');

describe('the policy as shipped', () => {
  it('says two repairs, free repairs only, an exchange resets the count, exchange or refund', () => {
    expect(rules).toMatchObject({
      repairs: 2,
      count_decisions: ['free_repair'],
      reset_on_exchange: true,
      options: ['exchange', 'return'],
    });
    expect(inside).toMatchObject({ decision: 'free_repair', rule: 'unit_period' });
  });
});

describe('how many repairs', () => {
  it('none or one: the repair stays a repair', () => {
    expect(applyRepeatFailure(inside, [], rules, TODAY)).toBe(inside);
    expect(applyRepeatFailure(inside, [FIRST], rules, TODAY)).toBe(inside);
  });

  it('two: an exchange (or refund) naming both repairs, dates and case references, in both languages', () => {
    const decided = applyRepeatFailure(inside, [SECOND, FIRST], rules, TODAY) as RepeatFailureDecision;
    expect(decided).toMatchObject({
      decision: 'replace',
      rule: 'repeat_failure',
      options: ['exchange', 'return'],
      coverage: inside.coverage,
      repairs: [
        { ref: 'SR-2603-0001', finishedOn: '2026-03-03' },
        { ref: 'SR-2605-0001', finishedOn: '2026-05-12' },
      ],
    });
    expect(decided.explanation.zh).toBe(
      '根据维修记录，该设备在三包有效期内已修理2次（2026年3月3日，工单 SR-2603-0001、2026年5月12日，工单 SR-2605-0001），仍不能正常使用。按《部分商品修理更换退货责任规定》第十一条，我们将为您免费调换同型号同规格的产品，您也可以选择退货。',
    );
    expect(decided.explanation.en).toContain(
      'repaired 2 times under the 三包 warranty (on 3 March 2026, case SR-2603-0001 and on 12 May 2026, case SR-2605-0001)',
    );
  });

  it('three: the decision names the last two', () => {
    const third = repair('SR-2606-0004', '2026-06-20');
    const decided = applyRepeatFailure(inside, [FIRST, SECOND, third], rules, TODAY) as RepeatFailureDecision;
    expect(decided.repairs.map((r) => r.ref)).toEqual(['SR-2605-0001', 'SR-2606-0004']);
  });

  it('a policy of three repairs waits for the third', () => {
    const three = { ...rules, repairs: 3 };
    expect(applyRepeatFailure(inside, [FIRST, SECOND], three, TODAY)).toBe(inside);
    expect(
      applyRepeatFailure(inside, [FIRST, SECOND, repair('SR-2607-0001', '2026-07-01')], three, TODAY),
    ).toMatchObject({
      rule: 'repeat_failure',
    });
  });

  it('a repair finished today counts; one dated after today does not', () => {
    expect(countedRepairs([FIRST, repair('SR-2608-0009', TODAY)], rules, TODAY)).toHaveLength(2);
    expect(countedRepairs([FIRST, repair('SR-2608-0010', '2026-08-18')], rules, TODAY)).toHaveLength(1);
  });
});

describe('which repairs count', () => {
  it('paid, contract and needs-review repairs are not 三包 repairs; an undecided case is not either', () => {
    for (const decision of ['paid_repair', 'contract_repair', 'needs_review', null]) {
      const other = repair('SR-2604-0002', '2026-04-01', { decision });
      expect(applyRepeatFailure(inside, [FIRST, other], rules, TODAY), String(decision)).toBe(inside);
    }
  });

  it('an inspection (巡检) is not a repair', () => {
    const inspection = repair('SR-2604-0003', '2026-04-01', { kind: 'inspection' });
    expect(applyRepeatFailure(inside, [FIRST, inspection], rules, TODAY)).toBe(inside);
  });

  it('a repair redone free within the 30-day guarantee is a repair like any other', () => {
    const redo = repair('SR-2603-0007', '2026-03-20');
    expect(countedRepairs([FIRST, redo], rules, TODAY).map((r) => r.ref)).toEqual([
      'SR-2603-0001',
      'SR-2603-0007',
    ]);
  });

  it('a policy that counts paid repairs too counts them', () => {
    const wider = {
      ...rules,
      count_decisions: ['free_repair', 'paid_repair'] as typeof rules.count_decisions,
    };
    const paid = repair('SR-2604-0002', '2026-04-01', { decision: 'paid_repair' });
    expect(applyRepeatFailure(inside, [FIRST, paid], wider, TODAY)).toMatchObject({ rule: 'repeat_failure' });
  });
});

describe('an exchange starts a new count (第十四条)', () => {
  const exchange = repair('SR-2606-0001', '2026-06-01', { kind: 'exchange', decision: 'replace' });

  it('repairs before the exchange no longer count; two after it do', () => {
    expect(applyRepeatFailure(inside, [FIRST, SECOND, exchange], rules, TODAY)).toBe(inside);
    expect(
      applyRepeatFailure(
        inside,
        [FIRST, SECOND, exchange, repair('SR-2606-0005', '2026-06-20')],
        rules,
        TODAY,
      ),
    ).toBe(inside);
    const after = [exchange, repair('SR-2606-0005', '2026-06-20'), repair('SR-2607-0002', '2026-07-15')];
    expect(
      (applyRepeatFailure(inside, after, rules, TODAY) as RepeatFailureDecision).repairs.map((r) => r.ref),
    ).toEqual(['SR-2606-0005', 'SR-2607-0002']);
  });

  it('without reset_on_exchange the earlier repairs still count', () => {
    expect(
      applyRepeatFailure(inside, [FIRST, SECOND, exchange], { ...rules, reset_on_exchange: false }, TODAY),
    ).toMatchObject({ rule: 'repeat_failure' });
  });
});

describe('which faults are upgraded', () => {
  it('only a fault inside 三包 (a free repair): past the period it stays a paid repair', () => {
    const expired = decide({ purchaseDate: day('2024-01-05'), today: on(TODAY) });
    expect(expired.decision).toBe('paid_repair');
    expect(applyRepeatFailure(expired, [FIRST, SECOND], rules, TODAY)).toBe(expired);
  });

  it('a cause the customer is responsible for stays paid, whatever the record', () => {
    const dropped = decide({ purchaseDate: day('2026-01-05'), exclusions: ['accident'], today: on(TODAY) });
    expect(applyRepeatFailure(dropped, [FIRST, SECOND], rules, TODAY)).toBe(dropped);
  });

  it('a replacement already decided (dead on arrival, 15 days) is kept as it is', () => {
    const doa = decide({ purchaseDate: day('2026-08-15'), doa: true, today: on(TODAY) });
    expect(doa.rule).toBe('doa_replace');
    expect(applyRepeatFailure(doa, [FIRST, SECOND], rules, TODAY)).toBe(doa);
  });

  it('a main part inside its 2-year period, after the whole unit ended, is upgraded too', () => {
    const mainPart = decide({
      purchaseDate: day('2025-05-01'),
      faultyPart: 'mainboard',
      today: on(TODAY),
    });
    expect(mainPart.rule).toBe('main_part_period');
    expect(applyRepeatFailure(mainPart, [FIRST, SECOND], rules, TODAY)).toMatchObject({
      rule: 'repeat_failure',
    });
  });
});

describe("the serial's repair record: the record and the customer's cases together", () => {
  const kase = (ref: string, serial: string, finishedAt: string | null, decision = 'free_repair'): Case =>
    ({
      ref,
      slots: { serial },
      warranty: { decision, rule: 'unit_period', explanation: { zh: '', en: '' } },
      record: finishedAt ? { finishedAt, kind: 'repair' } : null,
    }) as unknown as Case;

  it('merges by reference (Redis wins), leaves out the case being decided and other serials, dates in Shanghai', () => {
    const history = repairHistory({
      serial: 'pf2rep001',
      timezone: 'Asia/Shanghai',
      current: 'SR-2608-0001',
      recorded: [
        {
          ref: 'SR-2603-0001',
          finishedAt: new Date('2026-03-03T17:00:00Z'),
          kind: 'repair',
          decision: 'free_repair',
        },
        {
          ref: 'SR-2605-0001',
          finishedAt: new Date('2026-05-12T07:00:00Z'),
          kind: 'repair',
          decision: 'needs_review',
        },
        {
          ref: 'SR-2608-0001',
          finishedAt: new Date('2026-08-01T07:00:00Z'),
          kind: 'repair',
          decision: 'free_repair',
        },
        { ref: 'SR-2604-0009', finishedAt: null, kind: 'repair', decision: 'free_repair' },
      ],
      cases: [
        kase('SR-2605-0001', 'PF2REP001', '2026-05-12T15:00:00+08:00'),
        kase('SR-2606-0002', 'PF2REP001', '2026-06-02T10:00:00+08:00'),
        kase('SR-2606-0003', 'OTHER0001', '2026-06-03T10:00:00+08:00'),
        kase('SR-2607-0001', 'PF2REP001', null),
      ],
    });
    expect(history).toEqual([
      // 17:00 UTC is 01:00 the next day in Shanghai.
      { ref: 'SR-2603-0001', finishedOn: '2026-03-04', kind: 'repair', decision: 'free_repair' },
      { ref: 'SR-2605-0001', finishedOn: '2026-05-12', kind: 'repair', decision: 'free_repair' },
      { ref: 'SR-2606-0002', finishedOn: '2026-06-02', kind: 'repair', decision: 'free_repair' },
    ]);
  });
});
