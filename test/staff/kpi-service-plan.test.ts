import { describe, expect, it } from 'vitest';
import type { Case, MaintenanceRecord } from '../../src/cases/types.js';
import { computeKpis } from '../../src/staff/kpis.js';

const route = { channel: 'sms' as const, identity: 'phone:+8613800000000', address: '+8613800000000' };

function seeded(ref: string, overrides: Partial<Case>): Case {
  return {
    ref,
    customerId: 'c1',
    status: 'resolved',
    priority: 'normal',
    team: 'onsite',
    owner: 'staff:dispatch',
    origin: route,
    route,
    lang: 'zh',
    flow: null,
    summary: '',
    slots: {},
    warranty: null,
    conversations: [],
    promises: [],
    sla: {},
    escalations: 1,
    escalationReason: null,
    flags: [],
    consent: {},
    appointment: null,
    record: null,
    followUp: null,
    handledBy: ['dispatch'],
    createdAt: '2026-11-02T02:00:00.000Z',
    updatedAt: '2026-11-02T02:00:00.000Z',
    ...overrides,
  };
}

function record(overrides: Partial<MaintenanceRecord>): MaintenanceRecord {
  return {
    faultReported: '巡检',
    faultFound: '正常',
    cause: '-',
    actions: '清洁',
    partsReplaced: [],
    engineer: 'wang',
    finishedAt: '2026-11-10T06:00:00.000Z',
    mode: 'onsite',
    budget: 800,
    ...overrides,
  };
}

/**
 * Six cases, worked out by hand:
 * - V1 visit due 11-10, done 11-10 (on time); 1 trip, 30 km; parts 200 + consumables 50 = 250.
 * - V2 visit due 11-03, done 11-12 (9 days after: late with 7 days' grace); 2 trips, 40 + 40 km;
 *   consumables 120.
 * - V3 visit due 11-05, still waiting on 11-30 (late).
 * - R1 on-site repair by li: parts 900 + consumables 100 = 1000, budget 800 → 200 over, reason given;
 *   1 trip, team support.
 * - R2 remote repair by li: no cost, no trips (not an on-site case).
 * - R3 on-site repair by wang, grouped with V1 on the same trip: 0 trips of its own.
 */
const cases: Case[] = [
  seeded('V1', {
    visit: { contract: 'HT-1', due: '2026-11-10' },
    record: record({
      kind: 'inspection',
      partsReplaced: [{ part: '风扇', coverage: 'contract', cost: 200 }],
      consumables: [{ item: '导热硅脂', cost: 50 }],
      trips: [{ vehicle: '沪A12345', distanceKm: 30 }],
    }),
  }),
  seeded('V2', {
    visit: { contract: 'HT-1', due: '2026-11-03' },
    record: record({
      kind: 'inspection',
      finishedAt: '2026-11-12T03:00:00.000Z',
      consumables: [{ item: '清洁套装', cost: 120 }],
      trips: [{ distanceKm: 40 }, { distanceKm: 40 }],
    }),
  }),
  seeded('V3', { status: 'escalated', visit: { contract: 'HT-2', due: '2026-11-05' } }),
  seeded('R1', {
    team: 'support',
    record: record({
      engineer: 'li',
      partsReplaced: [{ part: '主板', coverage: 'paid', amount: 1500, cost: 900 }],
      consumables: [{ item: '线缆', quantity: 2, cost: 100 }],
      trips: [{ distanceKm: 12 }],
      overBudgetReason: '主板缺货，从外地调货',
    }),
  }),
  seeded('R2', { team: 'support', record: record({ engineer: 'li', mode: 'remote' }) }),
  seeded('R3', { record: record({ trips: [] }) }),
];

const report = computeKpis(cases, {
  from: new Date('2026-11-01T00:00:00+08:00'),
  to: new Date('2026-11-30T12:00:00+08:00'),
  onTimeDays: 7,
});

describe('service plan KPIs from seeded cases', () => {
  it('visits done on time: done by the planned date plus the grace days; an open one past it is late', () => {
    expect(report.overall.visits).toEqual({ done: 2, onTime: 1, late: 2, onTimePercent: 33.3 });
  });

  it('cost per case over the maintenance records, and the records over budget with their reason', () => {
    // (250 + 120 + 1000 + 0 + 0) / 5 records
    expect(report.overall.cost).toEqual({
      records: 5,
      total: 1370,
      perCase: 274,
      overBudget: [{ ref: 'R1', cost: 1000, budget: 800, over: 200, reason: '主板缺货，从外地调货' }],
    });
  });

  it('trips per resolved on-site case (grouped visits count once)', () => {
    // V1 1 + V2 2 + R1 1 + R3 0 = 4 trips over 4 resolved on-site cases
    expect(report.overall.trips).toEqual({
      trips: 4,
      distanceKm: 122,
      onsiteResolved: 4,
      perResolvedOnsiteCase: 1,
    });
  });

  it('per team and per engineer', () => {
    expect(report.byTeam.support).toMatchObject({
      cost: { records: 2, total: 1000, perCase: 500 },
      trips: { trips: 1, onsiteResolved: 1, perResolvedOnsiteCase: 1 },
    });
    expect(report.byTeam.onsite).toMatchObject({
      visits: { done: 2, onTime: 1, late: 2 },
      trips: { trips: 3, onsiteResolved: 3, perResolvedOnsiteCase: 1 },
    });
    expect(Object.keys(report.byEngineer)).toEqual(['li', 'wang']);
    expect(report.byEngineer.wang).toMatchObject({
      visits: { done: 2, onTime: 1, late: 1, onTimePercent: 50 },
      cost: { records: 3, total: 370 },
      trips: { trips: 3, onsiteResolved: 3, perResolvedOnsiteCase: 1 },
    });
    expect(report.byEngineer.li).toMatchObject({
      cost: { records: 2, perCase: 500, overBudget: [{ ref: 'R1' }] },
      trips: { trips: 1, onsiteResolved: 1 },
    });
  });
});
