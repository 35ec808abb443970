import { describe, expect, it } from 'vitest';
import type { Case } from '../../src/cases/types.js';
import { kpiSeries } from '../../src/staff/kpi-series.js';

const ZONE = 'Asia/Shanghai';

/** A case created at `created` (UTC ISO) with its first response and resolution `m` minutes later. */
function kase(ref: string, created: string, extra: Partial<Case> & { reply?: number; done?: number }): Case {
  const route = { channel: 'sms' as const, identity: 'phone:+8613800000000', address: '+8613800000000' };
  const later = (m: number) => new Date(Date.parse(created) + m * 60_000).toISOString();
  const { reply, done, ...overrides } = extra;
  return {
    ref,
    customerId: 'c1',
    status: done === undefined ? 'assigned' : 'resolved',
    priority: 'normal',
    team: 'support',
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
    sla: {
      escalatedAt: created,
      ...(reply === undefined ? {} : { firstResponseAt: later(reply) }),
      ...(done === undefined ? {} : { resolvedAt: later(done) }),
    },
    escalations: 1,
    escalationReason: null,
    flags: [],
    consent: {},
    appointment: null,
    record: null,
    followUp: null,
    handledBy: ['alice'],
    createdAt: created,
    updatedAt: created,
    ...overrides,
  } as Case;
}

// 2026-11-23 is a Monday. 16:30 UTC is 00:30 the next day in Shanghai: days are the business zone's.
const cases = [
  kase('A', '2026-11-23T02:00:00.000Z', { reply: 10, done: 60 }),
  kase('B', '2026-11-23T03:00:00.000Z', { reply: 30, done: 120 }),
  kase('C', '2026-11-23T16:30:00.000Z', { reply: 20, handledBy: ['bob'] }),
  kase('D', '2026-11-26T02:00:00.000Z', { reply: 40, done: 240, team: 'onsite', handledBy: ['bob'] }),
  kase('E', '2026-11-30T02:00:00.000Z', {
    escalations: 0,
    handledBy: [],
    status: 'resolved',
    sla: { resolvedAt: '2026-11-30T02:05:00.000Z' },
  }),
];
const period = { from: new Date('2026-11-22T16:00:00.000Z'), to: new Date('2026-11-30T15:59:59.999Z') };

describe('KPIs over time', () => {
  it('has one point per day in the business timezone, with gaps where there is no data', () => {
    const s = kpiSeries(cases, { ...period, bucket: 'day', scope: null, timezone: ZONE });
    expect(s.starts).toEqual([
      '2026-11-23',
      '2026-11-24',
      '2026-11-25',
      '2026-11-26',
      '2026-11-27',
      '2026-11-28',
      '2026-11-29',
      '2026-11-30',
    ]);
    expect(s.cases).toEqual([2, 1, 0, 1, 0, 0, 0, 1]);
    // Day 1: replies after 10 and 30 minutes → median 20, p90 10 + 0.9 × 20 = 28.
    expect(s.firstResponseMedian.slice(0, 4)).toEqual([20, 20, null, 40]);
    expect(s.firstResponseP90[0]).toBe(28);
    expect(s.resolutionMedian.slice(0, 4)).toEqual([90, null, null, 240]);
    // Containment over everyone: E finished without a person.
    expect(s.containment[7]).toBe(100);
    expect(s.containment[0]).toBe(0);
  });

  it('weeks start on Monday; a team or a person narrows the cases', () => {
    const weeks = kpiSeries(cases, { ...period, bucket: 'week', scope: null, timezone: ZONE });
    expect(weeks.starts).toEqual(['2026-11-23', '2026-11-30']);
    expect(weeks.cases).toEqual([4, 1]);
    expect(weeks.firstResponseMedian[0]).toBe(25);

    const bob = kpiSeries(cases, { ...period, bucket: 'week', scope: { staff: 'bob' }, timezone: ZONE });
    expect(bob.cases).toEqual([2, 0]);
    expect(bob.firstResponseMedian).toEqual([30, null]);
    expect(bob.containment).toEqual([null, null]);

    const onsite = kpiSeries(cases, { ...period, bucket: 'week', scope: { team: 'onsite' }, timezone: ZONE });
    expect(onsite.cases).toEqual([1, 0]);
    expect(onsite.resolutionMedian).toEqual([240, null]);
  });
});
