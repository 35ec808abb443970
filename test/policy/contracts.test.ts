import { describe, expect, it } from 'vitest';
import { createBusinessCalendar } from '../../src/policy/business-calendar.js';
import type { Contract } from '../../src/policy/contract.js';
import {
  applyContract,
  contractStatus,
  findCover,
  lastCoveredDay,
  renewalDay,
} from '../../src/policy/contracts.js';
import { localDate } from '../../src/policy/dates.js';
import { promiseDeadline } from '../../src/policy/sla.js';
import { day, decide, on, policy } from './warranty-helpers.js';

const CUSTOMER = 'c0ffee00c0ffee00';

function contract(overrides: Partial<Contract> = {}): Contract {
  return {
    number: 'HT-2026-0001',
    customer: { name: '华东仓储', phone: '+8613800138000' },
    serials: ['PF2ABC12'],
    start: '2026-01-01',
    end: '2026-12-31',
    level: 'onsite',
    responseHours: 4,
    covers: ['主机维修'],
    excludes: ['耗材'],
    team: 'onsite',
    holders: [CUSTOMER],
    contacts: [],
    createdAt: '2025-12-20T00:00:00.000Z',
    updatedAt: '2025-12-20T00:00:00.000Z',
    ...overrides,
  };
}

/** A laptop bought in 2023 (三包 over), with a fault reported on `date`. */
function decideOn(
  date: string,
  contracts: Contract[],
  unit: { serial?: string | null; category?: string } = {},
) {
  const today = on(date);
  const warranty = decide({ purchaseDate: day('2023-05-10'), today });
  const cover = findCover(
    contracts,
    {
      serial: unit.serial === undefined ? 'PF2ABC12' : unit.serial,
      category: unit.category ?? 'laptop',
      customerId: CUSTOMER,
    },
    localDate(today, 'Asia/Shanghai'),
  );
  return applyContract(warranty, cover, policy, unit.serial ?? 'PF2ABC12');
}

describe('contract decisions at the boundaries', () => {
  const rows: Array<[string, string, Partial<Contract>, string, string]> = [
    ['the day before the first day', '2025-12-31', {}, 'paid_repair', 'expired'],
    ['the first day', '2026-01-01', {}, 'contract_repair', 'contract:HT-2026-0001'],
    ['the last day', '2026-12-31', {}, 'contract_repair', 'contract:HT-2026-0001'],
    ['the day after the last day', '2027-01-01', {}, 'paid_repair', 'expired'],
    [
      'the day it was ended early',
      '2026-06-30',
      { endedEarly: { on: '2026-06-30', by: 'sam', reason: 'x', at: '' } },
      'contract_repair',
      'contract:HT-2026-0001',
    ],
    [
      'the day after it was ended early',
      '2026-07-01',
      { endedEarly: { on: '2026-06-30', by: 'sam', reason: 'x', at: '' } },
      'paid_repair',
      'expired',
    ],
  ];
  it.each(rows)('%s (%s)', (_, date, overrides, decision, rule) => {
    const result = decideOn(date, [contract(overrides)]);
    expect({ decision: result.decision, rule: result.rule }).toEqual({ decision, rule });
    for (const lang of ['zh', 'en'] as const) expect(result.explanation[lang]).not.toMatch(/\{\{|\}\}/);
  });

  it('tells the customer the contract, its end, level and response time', () => {
    const result = decideOn('2026-03-01', [contract()]);
    expect(result.explanation.zh).toContain('HT-2026-0001');
    expect(result.explanation.zh).toContain('2026年12月31日');
    expect(result.explanation.zh).toContain('上门服务');
    expect(result.explanation.en).toContain('within 4 business hours');
    expect(result.explanation.zh).toContain('本合同不包括：耗材。');
    expect(result.explanation.en).toContain('This contract does not cover: 耗材.');
    expect(result.contract).toEqual({
      number: 'HT-2026-0001',
      level: 'onsite',
      responseMinutes: 240,
      start: '2026-01-01',
      end: '2026-12-31',
    });
  });

  it('an ended contract explains why the repair is paid', () => {
    const ended = decideOn('2026-07-01', [
      contract({ endedEarly: { on: '2026-06-30', by: 'sam', reason: 'x', at: '' } }),
    ]);
    expect(ended.contractStatus).toBe('ended_early');
    expect(ended.explanation.zh).toContain('服务合同 HT-2026-0001 已于 2026年6月30日 终止');
    const future = decideOn('2025-12-31', [contract()]);
    expect(future.contractStatus).toBe('not_started');
    expect(future.explanation.en).toContain('starts on 1 January 2026');
  });

  it('a serial the contract does not list is not covered', () => {
    const result = decideOn('2026-03-01', [contract()], { serial: 'OTHER999' });
    expect(result.decision).toBe('paid_repair');
    expect(result.contractStatus).toBeUndefined();
  });
});

describe('contract decisions: sites, 三包 first, unknown dates, several contracts', () => {
  it('a site contract covers every unit of its category for its holder, and no other category', () => {
    const site = contract({ serials: [], site: { category: 'printer', quantity: 12 } });
    expect(decideOn('2026-03-01', [site], { serial: 'ANY12345', category: 'printer' }).decision).toBe(
      'contract_repair',
    );
    expect(decideOn('2026-03-01', [site], { serial: null, category: 'printer' }).decision).toBe(
      'contract_repair',
    );
    expect(decideOn('2026-03-01', [site], { serial: 'ANY12345', category: 'laptop' }).decision).toBe(
      'paid_repair',
    );
    const otherHolder = contract({
      serials: [],
      site: { category: 'printer', quantity: 12 },
      holders: ['someone'],
    });
    expect(decideOn('2026-03-01', [otherHolder], { serial: 'ANY12345', category: 'printer' }).decision).toBe(
      'paid_repair',
    );
  });

  it("三包 comes first, and the plan's exclusions still make a repair paid", () => {
    const inWarranty = applyContract(
      decide({ purchaseDate: day('2026-01-10'), today: on('2026-03-01') }),
      { contract: contract(), status: 'covered' },
      policy,
      'PF2ABC12',
    );
    expect(inWarranty.decision).toBe('free_repair');
    const dropped = applyContract(
      decide({ purchaseDate: day('2023-05-10'), exclusions: ['accident'], today: on('2026-03-01') }),
      { contract: contract(), status: 'covered' },
      policy,
      'PF2ABC12',
    );
    expect({ decision: dropped.decision, rule: dropped.rule }).toEqual({
      decision: 'paid_repair',
      rule: 'exclusion:accident',
    });
  });

  it('an unknown purchase date is no obstacle: the contract settles it', () => {
    const warranty = decide({ purchaseDate: null, today: on('2026-03-01') });
    expect(warranty.rule).toBe('unknown_date');
    const result = applyContract(warranty, { contract: contract(), status: 'covered' }, policy, 'PF2ABC12');
    expect(result.decision).toBe('contract_repair');
  });

  it('prefers a covering contract over an ended one for the same serial', () => {
    const old = contract({ number: 'HT-2025-0009', start: '2025-01-01', end: '2025-12-31' });
    expect(decideOn('2026-03-01', [old, contract()]).rule).toBe('contract:HT-2026-0001');
  });
});

describe('contract dates', () => {
  it('status on each side of the start, end and early end', () => {
    const c = contract({ endedEarly: { on: '2026-06-30', by: 'sam', reason: 'x', at: '' } });
    expect(contractStatus(c, '2025-12-31')).toBe('not_started');
    expect(contractStatus(c, '2026-06-30')).toBe('covered');
    expect(contractStatus(c, '2026-07-01')).toBe('ended_early');
    expect(contractStatus(c, '2027-01-01')).toBe('expired');
    expect(lastCoveredDay(c)).toBe('2026-06-30');
  });

  it('the renewal reminder is due 30 days before the last covered day', () => {
    expect(renewalDay(contract(), 30)).toBe('2026-12-01');
  });

  it("the contract's response time replaces the SLA target and the queue allowance", () => {
    const calendar = createBusinessCalendar(policy.hours);
    const now = new Date('2026-11-26T10:00:00+08:00');
    const base = {
      now,
      priority: 'normal' as const,
      kind: 'first_response' as const,
      waitingAhead: 8,
      staffOnDuty: 1,
    };
    const normal = promiseDeadline(base, policy, calendar);
    const contracted = promiseDeadline({ ...base, targetMinutes: 120 }, policy, calendar);
    expect(contracted.businessMinutes).toBe(120);
    expect(contracted.due.toISOString()).toBe('2026-11-26T04:00:00.000Z');
    expect(normal.businessMinutes).toBeGreaterThan(120);
  });
});
