import { describe, expect, it } from 'vitest';
import { canTransition, transition, transitions } from '../../src/cases/lifecycle.js';
import { openCase } from '../../src/cases/operations.js';
import { type CaseStatus, caseStatuses } from '../../src/cases/types.js';
import { isSupportError } from '../../src/errors.js';

const fresh = () =>
  openCase({
    ref: 'SR-2611-0001',
    customerId: 'c1',
    route: { channel: 'sms', identity: 'phone:+8613800138000', address: '+8613800138000' },
    lang: 'zh',
    flow: 'fault_report',
    conversationId: 'conv-1',
    summary: '打印机卡纸',
    now: '2026-11-26T02:00:00.000Z',
  }).case;

const legal: Array<[CaseStatus, CaseStatus]> = [
  ['open', 'waiting_customer'],
  ['open', 'escalated'],
  ['open', 'resolved'],
  ['open', 'closed'],
  // A supervisor takes the conversation over from the bot.
  ['open', 'assigned'],
  ['waiting_customer', 'open'],
  ['waiting_customer', 'escalated'],
  ['escalated', 'assigned'],
  ['escalated', 'escalated'],
  ['assigned', 'waiting_customer'],
  ['assigned', 'resolved'],
  ['assigned', 'escalated'],
  ['resolved', 'closed'],
  ['resolved', 'open'],
  ['resolved', 'escalated'],
  ['closed', 'open'],
  ['closed', 'escalated'],
];

describe('case lifecycle table', () => {
  it.each(legal)('%s → %s is allowed', (from, to) => {
    expect(canTransition(from, to)).toBe(true);
    const moved = transition({ ...fresh(), status: from }, to, '2026-11-26T03:00:00.000Z');
    expect(moved.status).toBe(to);
    expect(moved.updatedAt).toBe('2026-11-26T03:00:00.000Z');
  });

  const illegal = caseStatuses.flatMap((from) =>
    caseStatuses
      .filter((to) => !transitions[from].includes(to))
      .map((to) => [from, to] as [CaseStatus, CaseStatus]),
  );

  it.each(illegal)('%s → %s is an error with a stable code', (from, to) => {
    let error: unknown;
    try {
      transition({ ...fresh(), status: from }, to, '2026-11-26T03:00:00.000Z');
    } catch (caught) {
      error = caught;
    }
    expect(isSupportError(error, 'SUPPORT_ERR_CASE_TRANSITION')).toBe(true);
    expect((error as Error).message).toBe(`case SR-2611-0001 cannot move from ${from} to ${to}`);
  });

  it('the table in code is exactly the lifecycle this test documents', () => {
    const table = caseStatuses.flatMap((from) => transitions[from].map((to) => `${from}→${to}`)).sort();
    const documented = [
      ...legal.map(([from, to]) => `${from}→${to}`),
      'waiting_customer→assigned',
      'waiting_customer→resolved',
      'waiting_customer→closed',
      'escalated→resolved',
      'escalated→closed',
      'assigned→assigned',
      'assigned→closed',
    ].sort();
    expect(table).toEqual(documented);
    expect(illegal).toContainEqual(['closed', 'resolved']);
    expect(illegal).toContainEqual(['open', 'open']);
  });

  it('resolving stamps the resolution time and closing the closing time', () => {
    const resolved = transition({ ...fresh(), status: 'assigned' }, 'resolved', '2026-11-27T01:00:00.000Z');
    expect(resolved.sla.resolvedAt).toBe('2026-11-27T01:00:00.000Z');
    const closed = transition(resolved, 'closed', '2026-11-28T01:00:00.000Z');
    expect(closed.closedAt).toBe('2026-11-28T01:00:00.000Z');
    expect(transition(closed, 'open', '2026-11-29T01:00:00.000Z').closedAt).toBeUndefined();
  });
});
