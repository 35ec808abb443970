/**
 * Fewer trips over seeded record data: an engineer's day as a route district by district, the
 * suggestion when dispatching (the engineer already in the district first, the district's waiting
 * cases), trips per on-site case and visits per trip; districts read from Chinese and English addresses.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Case } from '../../src/cases/types.js';
import { districtOf } from '../../src/reports/districts.js';
import type { Caller } from '../staff/harness.js';
import { type ReportHarness, reportHarness } from './harness.js';
import { CUSTOMER, faultCase, seedCases } from './seed.js';

let h: ReportHarness;
let supervisor: Caller;
let wang: Caller;
let li: Caller;

const DAY = '2026-11-27';

function onsite(
  ref: string,
  address: string,
  booked?: { engineer: string; start: string; end: string },
): Case {
  const kase = faultCase({
    ref,
    customerId: CUSTOMER,
    product: 'printer',
    createdAt: '2026-11-25T01:00:00Z',
    symptom: '卡纸',
  });
  return {
    ...kase,
    status: booked ? 'assigned' : 'escalated',
    team: 'onsite',
    slots: { ...kase.slots, address },
    appointment: booked
      ? {
          engineer: booked.engineer,
          window: { start: `${DAY}T${booked.start}:00+08:00`, end: `${DAY}T${booked.end}:00+08:00` },
          bookedAt: '2026-11-26T01:00:00Z',
        }
      : null,
    closedAt: undefined as unknown as string,
  };
}

function visited(ref: string, engineer: string, finishedAt: string, vehicle?: string): Case {
  const kase = faultCase({
    ref,
    customerId: CUSTOMER,
    product: 'printer',
    createdAt: '2026-11-10T01:00:00Z',
  });
  return {
    ...kase,
    record: {
      faultReported: '卡纸',
      faultFound: '搓纸轮磨损',
      cause: '老化',
      actions: '更换搓纸轮',
      partsReplaced: [],
      engineer,
      arrivedAt: finishedAt,
      finishedAt,
      mode: 'onsite',
      trips: [vehicle ? { vehicle, distanceKm: 12 } : { distanceKm: 8 }],
    },
  };
}

beforeAll(async () => {
  h = await reportHarness({ now: '2026-11-26T10:00:00+08:00' });
  supervisor = await h.addStaff('sup', 'supervisor', []);
  wang = await h.addStaff('wang', 'engineer', ['onsite']);
  li = await h.addStaff('li', 'engineer', ['onsite']);
  await seedCases(h.record.db, [
    onsite('SR-2611-0301', '上海市浦东新区张江路88号', { engineer: 'wang', start: '14:00', end: '16:00' }),
    onsite('SR-2611-0302', '上海市闵行区莘庄镇1号', { engineer: 'wang', start: '09:00', end: '11:00' }),
    onsite('SR-2611-0303', '上海市浦东新区世纪大道100号', { engineer: 'wang', start: '09:30', end: '10:30' }),
    onsite('SR-2611-0304', '上海市闵行区七宝镇8号', { engineer: 'li', start: '10:00', end: '12:00' }),
    onsite('SR-2611-0305', '上海市浦东新区金桥路5号'),
    onsite('SR-2611-0306', '浦东新区陆家嘴环路1000号'),
    visited('SR-2611-0401', 'wang', '2026-11-20T03:00:00Z', '沪A·12345'),
    visited('SR-2611-0402', 'wang', '2026-11-20T06:00:00Z', '沪A·12345'),
    visited('SR-2611-0403', 'li', '2026-11-21T03:00:00Z'),
  ]);
});
afterAll(async () => h.close());

describe("an engineer's day as a route", () => {
  it('goes district by district, each in window order', async () => {
    const route = await wang.get(`/api/staff/trips/route?engineer=wang&day=${DAY}`);
    expect(route.statusCode).toBe(200);
    const day = route.json();
    expect(
      day.stops.map((s: { n: number; ref: string; district: string }) => [s.n, s.ref, s.district]),
    ).toEqual([
      [1, 'SR-2611-0302', '闵行区'],
      [2, 'SR-2611-0303', '浦东新区'],
      [3, 'SR-2611-0301', '浦东新区'],
    ]);
    expect(day.districts).toEqual(['闵行区', '浦东新区']);
  });

  it('is the engineer’s own, or anyone’s for supervisors', async () => {
    expect((await li.get(`/api/staff/trips/route?engineer=wang&day=${DAY}`)).statusCode).toBe(403);
    expect((await supervisor.get(`/api/staff/trips/route?engineer=li&day=${DAY}`)).json().stops).toHaveLength(
      1,
    );
    expect((await supervisor.get('/api/staff/trips/route?engineer=li&day=tomorrow')).statusCode).toBe(400);
  });
});

describe('grouping when dispatching', () => {
  it('suggests the engineer already in the district, and the district’s waiting cases', async () => {
    const suggestion = (await supervisor.get(`/api/staff/trips/suggest?ref=SR-2611-0306&day=${DAY}`)).json();
    expect(suggestion.district).toBe('浦东新区');
    expect(
      suggestion.engineers.map((e: { engineer: string; sameDistrict: number }) => [
        e.engineer,
        e.sameDistrict,
      ]),
    ).toEqual([
      ['wang', 2],
      ['li', 0],
    ]);
    expect(suggestion.waiting.map((c: { ref: string }) => c.ref)).toEqual(['SR-2611-0305']);
    expect((await supervisor.get(`/api/staff/trips/suggest?ref=SR-0000-0000&day=${DAY}`)).statusCode).toBe(
      404,
    );
  });
});

describe('trips in the console', () => {
  it('shows the route and the suggestion; an engineer sees only their own day', async () => {
    const boss = await h.signIn('sara', await h.addAccount('sara', 'supervisor', ['supervisor']));
    const route = await boss.get(`/console/trips?engineer=wang&day=${DAY}`);
    expect(route.statusCode).toBe(200);
    expect(route.body).toContain('闵行区 → 浦东新区');
    expect(route.body.indexOf('SR-2611-0302')).toBeLessThan(route.body.indexOf('SR-2611-0301'));
    const suggestion = await boss.get(`/console/trips/suggest?ref=SR-2611-0306&day=${DAY}`, {
      'accept-language': 'zh-CN',
    });
    expect(suggestion.body).toContain('本区上门数: 2');
    expect(suggestion.body).toContain('SR-2611-0305');
    const zhou = await h.signIn('zhou', await h.addAccount('zhou', 'engineer', ['onsite']));
    expect((await zhou.get(`/console/trips?engineer=wang&day=${DAY}`)).statusCode).toBe(403);
    expect((await zhou.get(`/console/trips?day=${DAY}`)).body).toContain('No visit booked that day.');
  });
});

describe('trip figures', () => {
  it('count one trip for visits on the same engineer’s vehicle and day', async () => {
    const figures = (await supervisor.get('/api/staff/trips/figures?from=2026-11-01&to=2026-11-30')).json();
    expect(figures).toMatchObject({ visits: 3, trips: 2, tripsPerOnsiteCase: 0.67, visitsPerTrip: 1.5 });
    expect((await wang.get('/api/staff/trips/figures')).statusCode).toBe(403);
    const kpis = (
      await supervisor.get(`/api/staff/kpis?from=${encodeURIComponent('2026-11-01T00:00:00+08:00')}`)
    ).json();
    expect(kpis.tripEfficiency).toMatchObject({ trips: 2, visitsPerTrip: 1.5 });
  });

  it('read districts from Chinese and English addresses', () => {
    expect(districtOf('广东省深圳市南山区科技园')).toBe('南山区');
    expect(districtOf('北京市海淀区中关村大街1号')).toBe('海淀区');
    expect(districtOf('88 Zhangjiang Rd, Pudong District, Shanghai')).toBe('Pudong District');
    expect(districtOf('')).toBeNull();
  });
});
