import { describe, expect, it } from 'vitest';
import type { Case, DeadlinePromise } from '../../src/cases/types.js';
import { computeKpis, percentile } from '../../src/staff/kpis.js';

const at = (time: string) => `2026-11-26T${time}:00.000Z`;

function promise(team: string, state: DeadlinePromise['state'], n = 1): DeadlinePromise {
  return {
    n,
    kind: 'first_response',
    team,
    madeAt: at('10:00'),
    due: at('12:00'),
    warnAt: at('11:30'),
    state,
  };
}

function makeCase(ref: string, overrides: Partial<Case>): Case {
  const route = { channel: 'sms' as const, identity: 'phone:+8613800000000', address: '+8613800000000' };
  return {
    ref,
    customerId: 'c1',
    status: 'escalated',
    priority: 'normal',
    team: null,
    owner: 'queue',
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
    escalations: 0,
    escalationReason: null,
    flags: [],
    consent: {},
    appointment: null,
    record: null,
    followUp: null,
    handledBy: [],
    createdAt: at('10:00'),
    updatedAt: at('10:00'),
    ...overrides,
  };
}

const appointment = (arrivedAt: string) => ({
  engineer: 'wang',
  window: { start: at('09:00'), end: at('12:00') },
  bookedAt: at('08:00'),
  arrivedAt,
});

/** Five cases in range, one outside; every figure below is worked out by hand in the comments. */
const cases: Case[] = [
  // A: first response 30 min, resolved after 120 min, promise kept, on time, score 5.
  makeCase('A', {
    status: 'closed',
    team: 'support',
    createdAt: at('09:50'),
    sla: { escalatedAt: at('10:00'), firstResponseAt: at('10:30'), resolvedAt: at('11:50') },
    promises: [promise('support', 'kept')],
    escalations: 1,
    handledBy: ['alice'],
    appointment: appointment(at('11:30')),
    followUp: { scheduledFor: at('12:00'), score: 5 },
  }),
  // B: 60 min, resolved after 240 min, support breached then the supervisor kept theirs, late, score 2.
  makeCase('B', {
    status: 'resolved',
    team: 'supervisor',
    createdAt: at('10:00'),
    sla: { escalatedAt: at('10:00'), firstResponseAt: at('11:00'), resolvedAt: at('14:00') },
    promises: [promise('support', 'breached'), promise('supervisor', 'kept', 2)],
    escalations: 2,
    handledBy: ['alice', 'sam'],
    appointment: appointment(at('12:20')),
    followUp: { scheduledFor: at('15:00'), score: 2 },
  }),
  // C: the bot closed it in 10 minutes, never escalated.
  makeCase('C', {
    status: 'closed',
    createdAt: at('09:00'),
    sla: { resolvedAt: at('09:10') },
  }),
  // D: first response after 120 min, still being worked on.
  makeCase('D', {
    status: 'assigned',
    team: 'support',
    sla: { escalatedAt: at('10:00'), firstResponseAt: at('12:00') },
    promises: [promise('support', 'kept'), promise('support', 'pending', 2)],
    escalations: 1,
    handledBy: ['bob'],
  }),
  // F: the bot is still triaging.
  makeCase('F', { status: 'open' }),
  // Outside the period.
  makeCase('OLD', {
    status: 'closed',
    createdAt: '2026-10-01T00:00:00.000Z',
    sla: { resolvedAt: '2026-10-01T00:05:00.000Z' },
  }),
];

const period = { from: new Date(at('00:00')), to: new Date(at('23:59')) };

describe('percentile', () => {
  it('interpolates between ranks', () => {
    expect(percentile([], 50)).toBeNull();
    expect(percentile([7], 90)).toBe(7);
    expect(percentile([10, 20], 50)).toBe(15);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 90)).toBeCloseTo(9.1);
  });
});

/** No quote among the cases: counts of zero, no rate, no revenue. */
const NO_QUOTES = {
  sent: 0,
  accepted: 0,
  declined: 0,
  expired: 0,
  pending: 0,
  acceptedPercent: null,
  revenue: {},
};

describe('computeKpis', () => {
  it('overall figures over the cases created in the period', () => {
    const report = computeKpis(cases, period);
    expect(report.team).toBeNull();
    expect(report.overall).toEqual({
      cases: 5,
      firstResponse: { count: 3, medianMinutes: 60, p90Minutes: 108 }, // [30, 60, 120]
      resolution: { count: 3, medianMinutes: 120, p90Minutes: 216 }, // [10, 120, 240]
      promises: { kept: 3, breached: 1, keptPercent: 75 },
      arrival: { onTime: 1, late: 1, punctualPercent: 50 },
      satisfaction: { responses: 2, average: 3.5 },
      containment: { finished: 3, withoutHuman: 1, percent: 33.3 },
      quotes: NO_QUOTES,
      visits: { done: 0, onTime: 0, late: 0, onTimePercent: null },
      cost: { records: 0, total: 0, perCase: null, overBudget: [] },
      trips: { trips: 0, distanceKm: 0, onsiteResolved: 0, perResolvedOnsiteCase: null },
    });
  });

  it('per team: a case counts for every team it was queued to, a promise for the team that made it', () => {
    const { byTeam } = computeKpis(cases, period);
    expect(Object.keys(byTeam)).toEqual(['supervisor', 'support']);
    expect(byTeam.support).toMatchObject({
      cases: 3, // A, B, D
      firstResponse: { count: 3, medianMinutes: 60 },
      resolution: { count: 2, medianMinutes: 180, p90Minutes: 228 }, // [120, 240]
      promises: { kept: 2, breached: 1, keptPercent: 66.7 },
      containment: null,
    });
    expect(byTeam.supervisor).toMatchObject({
      cases: 1,
      promises: { kept: 1, breached: 0, keptPercent: 100 },
      arrival: { onTime: 0, late: 1, punctualPercent: 0 },
    });
  });

  it('per staff member, from handledBy', () => {
    const { byStaff } = computeKpis(cases, period);
    expect(Object.keys(byStaff)).toEqual(['alice', 'bob', 'sam']);
    expect(byStaff.alice).toMatchObject({
      cases: 2,
      firstResponse: { count: 2, medianMinutes: 45, p90Minutes: 57 }, // [30, 60]
      promises: { kept: 2, breached: 1, keptPercent: 66.7 },
      arrival: { punctualPercent: 50 },
      satisfaction: { responses: 2, average: 3.5 },
    });
    expect(byStaff.bob).toMatchObject({
      cases: 1,
      firstResponse: { medianMinutes: 120 },
      resolution: { count: 0 },
    });
    expect(byStaff.sam?.satisfaction).toEqual({ responses: 1, average: 2 });
  });

  it('a team filter keeps only that team’s cases and promises; containment does not apply', () => {
    const report = computeKpis(cases, { ...period, team: 'supervisor' });
    expect(report.team).toBe('supervisor');
    expect(report.overall).toMatchObject({
      cases: 1,
      promises: { kept: 1, breached: 0, keptPercent: 100 },
      containment: null,
    });
    expect(Object.keys(report.byTeam)).toEqual(['supervisor']);
    expect(Object.keys(report.byStaff)).toEqual(['alice', 'sam']);
  });

  it('an empty period gives counts of zero and no made-up percentages', () => {
    const report = computeKpis(cases, { from: new Date('2025-01-01'), to: new Date('2025-01-02') });
    expect(report.overall).toEqual({
      cases: 0,
      firstResponse: { count: 0, medianMinutes: null, p90Minutes: null },
      resolution: { count: 0, medianMinutes: null, p90Minutes: null },
      promises: { kept: 0, breached: 0, keptPercent: null },
      arrival: { onTime: 0, late: 0, punctualPercent: null },
      satisfaction: { responses: 0, average: null },
      containment: { finished: 0, withoutHuman: 0, percent: null },
      quotes: NO_QUOTES,
      visits: { done: 0, onTime: 0, late: 0, onTimePercent: null },
      cost: { records: 0, total: 0, perCase: null, overBudget: [] },
      trips: { trips: 0, distanceKm: 0, onsiteResolved: 0, perResolvedOnsiteCase: null },
    });
    expect(report.byTeam).toEqual({});
  });

  it('the period is inclusive at both ends', () => {
    const edge = [makeCase('E1', { createdAt: at('10:00') }), makeCase('E2', { createdAt: at('10:01') })];
    const report = computeKpis(edge, { from: new Date(at('10:00')), to: new Date(at('10:01')) });
    expect(report.overall.cases).toBe(2);
  });
});
