/**
 * The KPIs from the record's projection of a period's cases (src/record/kpi-cases.ts) equal those from
 * the whole cases: every field the computation reads is carried — promises by team, first response
 * and resolution times, arrivals, follow-up scores, visits on time, costs over budget, trips — overall,
 * per team, per person, per engineer, and for one team. Real PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Quote } from '../../src/cases/quote.js';
import type { Case, DeadlinePromise, MaintenanceRecord } from '../../src/cases/types.js';
import { kpiCasesBetween } from '../../src/record/kpi-cases.js';
import { caseRow } from '../../src/record/rows.js';
import { kpiSeries } from '../../src/staff/kpi-series.js';
import { computeKpis } from '../../src/staff/kpis.js';
import { freshDatabase, type TestDatabase } from '../support/database.js';

const at = (day: number, time: string) => `2026-11-${String(day).padStart(2, '0')}T${time}:00.000Z`;
const route = { channel: 'sms' as const, identity: 'phone:+8613800000000', address: '+8613800000000' };

function promise(team: string, state: DeadlinePromise['state'], n = 1): DeadlinePromise {
  return {
    n,
    kind: 'first_response',
    team,
    madeAt: at(2, '10:00'),
    due: at(2, '12:00'),
    warnAt: at(2, '11:30'),
    state,
  };
}

function record(overrides: Partial<MaintenanceRecord>): MaintenanceRecord {
  return {
    faultReported: '卡纸',
    faultFound: '搓纸轮',
    cause: '磨损',
    actions: '更换',
    partsReplaced: [{ part: '搓纸轮', coverage: 'paid', amount: 300, cost: 200 }],
    consumables: [{ item: '清洁剂', cost: 50 }],
    trips: [{ vehicle: 'A1', distanceKm: 30 }],
    engineer: 'wang',
    arrivedAt: at(3, '10:00'),
    finishedAt: at(3, '11:00'),
    mode: 'onsite',
    budget: 200,
    overBudgetReason: '加急',
    ...overrides,
  };
}

function quote(status: Quote['status'], total: number, validUntil: string): Quote {
  return {
    n: 1,
    status,
    items: [{ description: '更换主板', amount: total }],
    currency: 'CNY',
    total,
    validDays: 7,
    sentAt: at(9, '10:00'),
    validUntil,
    sentBy: 'alice',
    decidedAt: status === 'sent' ? null : at(9, '12:00'),
  };
}

function kase(ref: string, day: number, overrides: Partial<Case>): Case {
  return {
    ref,
    customerId: 'c1',
    status: 'resolved',
    priority: 'normal',
    team: 'support',
    owner: 'queue',
    origin: route,
    route,
    lang: 'zh',
    flow: 'fault_report',
    summary: '打印机卡纸',
    slots: { product: 'printer', serial: `SN${ref}`, description: '一直卡纸'.repeat(20) },
    warranty: { decision: 'paid_repair', rule: 'expired', explanation: { zh: '过保', en: 'expired' } },
    conversations: [`conv-${ref}`],
    promises: [promise('support', 'kept'), promise('onsite', 'breached', 2)],
    sla: { escalatedAt: at(day, '10:00'), firstResponseAt: at(day, '10:25'), resolvedAt: at(day, '15:00') },
    escalations: 1,
    escalationReason: 'asked',
    flags: [],
    consent: {},
    appointment: {
      engineer: 'wang',
      window: { start: at(day, '09:00'), end: at(day, '12:00') },
      bookedAt: at(day, '08:00'),
      arrivedAt: at(day, '11:00'),
    },
    record: record({ finishedAt: at(day, '13:00') }),
    followUp: { scheduledFor: at(day, '18:00'), score: (day % 5) + 1 },
    handledBy: ['alice', ...(day % 2 ? ['bob'] : [])],
    createdAt: at(day, '09:30'),
    updatedAt: at(day, '15:00'),
    ...overrides,
  };
}

const cases: Case[] = [
  ...Array.from({ length: 12 }, (_, i) => kase(`R${i}`, i + 1, {})),
  kase('V1', 5, { visit: { contract: 'HT-1', due: '2026-11-05' }, team: 'onsite', handledBy: [] }),
  kase('V2', 6, {
    status: 'assigned',
    visit: { contract: null, plan: 'VP-1', due: '2026-11-01' },
    record: null,
  }),
  kase('M1', 7, {
    status: 'escalated',
    record: null,
    appointment: null,
    missedVisits: [
      { engineer: 'li', window: { start: at(7, '09:00'), end: at(7, '12:00') }, at: at(7, '12:00') },
    ],
    sla: { escalatedAt: at(7, '10:00') },
    promises: [promise('support', 'pending')],
    followUp: null,
  }),
  kase('B1', 8, {
    status: 'closed',
    escalations: 0,
    handledBy: [],
    promises: [],
    appointment: null,
    record: null,
  }),
  // Paid repairs: an accepted quote after an expired one, and a declined one.
  kase('Q1', 9, {
    quoteHistory: [quote('sent', 300, at(10, '15:59'))],
    quote: { ...quote('accepted', 1280, at(20, '15:59')), n: 2 },
  }),
  kase('Q2', 10, { team: 'onsite', quote: quote('declined', 600, at(20, '15:59')) }),
  kase('OLD', 1, { createdAt: '2026-10-01T00:00:00.000Z' }),
];

/** As the case store lists them: oldest first, ties by reference. */
const listed = [...cases].sort(
  (a, b) => a.createdAt.localeCompare(b.createdAt) || a.ref.localeCompare(b.ref),
);
const period = { from: new Date(at(1, '00:00')), to: new Date('2026-11-30T23:59:59.999Z') };
let database: TestDatabase;

beforeAll(async () => {
  database = await freshDatabase();
  await database.db
    .insertInto('cases')
    .values(cases.map((c) => caseRow(c, '1')))
    .execute();
});
afterAll(async () => database?.drop());

describe('KPIs from the record', () => {
  it('equal the KPIs from the whole cases, overall, per team and for one team', async () => {
    const projected = (await kpiCasesBetween(database.db, period.from, period.to)) as unknown as Case[];
    expect(projected.map((c) => c.ref).sort()).toEqual(
      cases
        .filter((c) => c.ref !== 'OLD')
        .map((c) => c.ref)
        .sort(),
    );
    for (const options of [
      { ...period, onTimeDays: 7, timezone: 'Asia/Shanghai' },
      { ...period, team: 'onsite' },
      { ...period, team: 'support' },
    ]) {
      const whole = computeKpis(listed, options);
      expect(computeKpis(projected, options)).toEqual(whole);
    }
    const whole = computeKpis(listed, period);
    expect(whole.overall.cost.overBudget.length).toBeGreaterThan(0);
    expect(whole.overall.visits.late).toBeGreaterThan(0);
    expect(whole.overall.quotes).toMatchObject({
      sent: 3,
      accepted: 1,
      declined: 1,
      expired: 1,
      revenue: { CNY: 1280 },
    });
    expect(Object.keys(whole.byEngineer).sort()).toEqual(['li', 'wang']);
    const series = { ...period, bucket: 'week' as const, scope: null, timezone: 'Asia/Shanghai' };
    expect(kpiSeries(projected, series)).toEqual(kpiSeries(listed, series));
  });
});
