import { describe, expect, it } from 'vitest';
import { createBusinessCalendar } from '../../src/policy/business-calendar.js';
import { loadPolicy } from '../../src/policy/load.js';
import { type PromiseInput, promiseDeadline, warningAt } from '../../src/policy/sla.js';

const policy = loadPolicy();
const calendar = createBusinessCalendar(policy.hours);
const cst = (local: string) => new Date(`${local}:00+08:00`);
const iso = (date: Date | null) => date?.toISOString() ?? null;

describe('promiseDeadline', () => {
  const base: PromiseInput = {
    now: cst('2026-11-24T10:00'),
    priority: 'normal',
    kind: 'first_response',
    waitingAhead: 0,
    staffOnDuty: 1,
  };

  it.each<[string, Partial<PromiseInput>, number, string]>([
    ['normal first response on Friday 17:30', { now: cst('2026-11-27T17:30') }, 240, '2026-11-30T12:30'],
    ['urgent first response', { priority: 'urgent' }, 60, '2026-11-24T11:00'],
    ['high first response', { priority: 'high' }, 120, '2026-11-24T12:00'],
    ['low first response: 8 business hours, until closing', { priority: 'low' }, 480, '2026-11-24T18:00'],
    [
      '6 ahead, 2 on duty: 3 × 15 min',
      { priority: 'urgent', waitingAhead: 6, staffOnDuty: 2 },
      105,
      '2026-11-24T11:45',
    ],
    [
      '5 ahead, 2 on duty rounds up to 3',
      { priority: 'urgent', waitingAhead: 5, staffOnDuty: 2 },
      105,
      '2026-11-24T11:45',
    ],
    [
      '1 ahead, 4 on duty rounds up to 1',
      { priority: 'urgent', waitingAhead: 1, staffOnDuty: 4 },
      75,
      '2026-11-24T11:15',
    ],
    [
      'staff unknown counts as one',
      { priority: 'urgent', waitingAhead: 2, staffOnDuty: null },
      90,
      '2026-11-24T11:30',
    ],
    [
      'nobody on duty counts as one',
      { priority: 'urgent', waitingAhead: 2, staffOnDuty: 0 },
      90,
      '2026-11-24T11:30',
    ],
    ['a negative queue counts as empty', { priority: 'urgent', waitingAhead: -3 }, 60, '2026-11-24T11:00'],
    [
      'normal resolution: three business days',
      { kind: 'resolution', now: cst('2026-11-23T09:00') },
      1620,
      '2026-11-25T18:00',
    ],
    ['before National Day', { now: cst('2026-09-30T17:00') }, 240, '2026-10-08T12:00'],
  ])('%s', (_name, change, minutes, due) => {
    const result = promiseDeadline({ ...base, ...change }, policy, calendar);
    expect(result.businessMinutes).toBe(minutes);
    expect(iso(result.due)).toBe(iso(cst(due)));
    expect(result.openNow).toBe(true);
    expect(result.backAt).toBeNull();
  });

  it('says when the team is back when it is closed now', () => {
    const result = promiseDeadline(
      { ...base, priority: 'high', now: cst('2026-11-28T10:00') },
      policy,
      calendar,
    );
    expect(result).toEqual({
      due: cst('2026-11-30T11:00'),
      businessMinutes: 120,
      openNow: false,
      backAt: cst('2026-11-30T09:00'),
    });
  });

  it('counts from the make-up working day after Spring Festival eve', () => {
    const result = promiseDeadline(
      { ...base, priority: 'urgent', now: cst('2026-02-13T20:00') },
      policy,
      calendar,
    );
    expect(iso(result.backAt)).toBe(iso(cst('2026-02-14T09:00')));
    expect(iso(result.due)).toBe(iso(cst('2026-02-14T10:00')));
  });
});

describe('warningAt', () => {
  it.each([
    [
      '80 % of 240 business minutes across a weekend',
      '2026-11-27T17:30',
      '2026-11-30T12:30',
      0.8,
      '2026-11-30T11:42',
    ],
    ['promise made while closed', '2026-11-28T10:00', '2026-11-30T11:00', 0.8, '2026-11-30T10:36'],
    ['half way with warn_fraction 0.5', '2026-11-24T10:00', '2026-11-24T14:00', 0.5, '2026-11-24T12:00'],
    ['across National Day', '2026-09-30T17:00', '2026-10-08T12:00', 0.8, '2026-10-08T11:12'],
  ])('%s', (_name, made, due, fraction, warning) => {
    const tuned = { sla: { ...policy.sla, warn_fraction: fraction } };
    expect(iso(warningAt(cst(made), cst(due), tuned, calendar))).toBe(iso(cst(warning)));
  });

  it('is never after the deadline', () => {
    const closedBoth = cst('2026-11-28T10:00');
    expect(iso(warningAt(closedBoth, closedBoth, policy, calendar))).toBe(iso(closedBoth));
    const dueBeforeMade = cst('2026-11-24T09:00');
    expect(iso(warningAt(cst('2026-11-24T10:00'), dueBeforeMade, policy, calendar))).toBe(iso(dueBeforeMade));
  });
});
