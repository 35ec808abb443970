/** Paid repairs in the KPIs: quotes sent, accepted %, revenue per team and per engineer. */
import { describe, expect, it } from 'vitest';
import type { Quote } from '../../src/cases/quote.js';
import type { Case } from '../../src/cases/types.js';
import { quoteFigures } from '../../src/staff/kpi-quotes.js';
import { computeKpis } from '../../src/staff/kpis.js';

const quote = (status: Quote['status'], total: number, validUntil = '2026-12-31T15:59:59.999Z'): Quote => ({
  n: 1,
  status,
  items: [{ description: 'repair', amount: total }],
  currency: 'CNY',
  total,
  validDays: 7,
  sentAt: '2026-11-26T02:00:00.000Z',
  validUntil,
  sentBy: 'alice',
  decidedAt: status === 'sent' || status === 'expired' ? null : '2026-11-27T02:00:00.000Z',
});

function kase(ref: string, team: string, engineer: string | null, extra: Partial<Case>): Case {
  return {
    ref,
    team,
    createdAt: '2026-11-26T02:00:00.000Z',
    promises: [],
    handledBy: [],
    sla: {},
    escalations: 1,
    status: 'assigned',
    record: null,
    followUp: null,
    appointment: engineer ? { engineer, window: { start: '', end: '' }, bookedAt: '' } : null,
    ...extra,
  } as unknown as Case;
}

const cases = [
  kase('SR-2611-0001', 'support', '王工', { quote: quote('accepted', 1280) }),
  kase('SR-2611-0002', 'support', '李工', { quote: quote('declined', 600) }),
  // Expired once, sent again and accepted: two quotes sent, one accepted.
  kase('SR-2611-0003', 'onsite', '王工', {
    quoteHistory: [{ ...quote('sent', 300, '2026-11-28T15:59:59.999Z') }],
    quote: { ...quote('accepted', 300), n: 2 },
  }),
  // Still waiting at the end of the period: pending, not in the rate.
  kase('SR-2611-0004', 'onsite', null, { quote: quote('sent', 999) }),
  kase('SR-2611-0005', 'support', null, {}),
];
const period = { from: new Date('2026-11-01T00:00:00Z'), to: new Date('2026-12-01T00:00:00Z') };

describe('quote KPIs', () => {
  it('overall: every quote sent counts, a lapsed one as expired; accepted % over the decided ones; revenue by currency', () => {
    expect(quoteFigures(cases, period.to)).toEqual({
      sent: 5,
      accepted: 2,
      declined: 1,
      expired: 1,
      pending: 1,
      acceptedPercent: 50,
      revenue: { CNY: 1580 },
    });
  });

  it('per team and per engineer in the KPI report', () => {
    const report = computeKpis(cases, period);
    expect(report.overall.quotes.revenue).toEqual({ CNY: 1580 });
    expect(report.byTeam.support!.quotes).toMatchObject({
      sent: 2,
      accepted: 1,
      acceptedPercent: 50,
      revenue: { CNY: 1280 },
    });
    expect(report.byTeam.onsite!.quotes).toMatchObject({
      sent: 3,
      accepted: 1,
      expired: 1,
      pending: 1,
      revenue: { CNY: 300 },
    });
    expect(report.byEngineer.王工!.quotes).toMatchObject({ sent: 3, accepted: 2, revenue: { CNY: 1580 } });
    expect(report.byEngineer.李工!.quotes).toMatchObject({
      sent: 1,
      accepted: 0,
      acceptedPercent: 0,
      revenue: {},
    });
  });

  it('no quotes: zeros and no made-up percentage', () => {
    expect(quoteFigures([], period.to)).toEqual({
      sent: 0,
      accepted: 0,
      declined: 0,
      expired: 0,
      pending: 0,
      acceptedPercent: null,
      revenue: {},
    });
  });
});
