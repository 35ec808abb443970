/**
 * Paid repairs in the KPIs (售后的佣金): quotes sent, how many were accepted, and the revenue of the
 * accepted ones, pure over the cases of the period. Every quote counts, the ones a re-sent quote replaced
 * too; a quote still waiting for the customer at the end of the period is `pending` and left out of the
 * acceptance rate, which is accepted ÷ (accepted + declined + expired). Revenue is per currency.
 */
import { type Quote, quoteAt } from '../cases/quote.js';
import type { Case } from '../cases/types.js';

export interface QuoteFigures {
  sent: number;
  accepted: number;
  declined: number;
  expired: number;
  pending: number;
  acceptedPercent: number | null;
  /** The accepted quotes' totals, by currency (`{"CNY": 1280}`). */
  revenue: Record<string, number>;
}

export function quoteFigures(cases: readonly Case[], until: Date): QuoteFigures {
  const quotes: Quote[] = cases.flatMap((kase) => [
    ...(kase.quoteHistory ?? []),
    ...(kase.quote ? [kase.quote] : []),
  ]);
  const status = quotes.map((quote) => quoteAt(quote, until));
  const count = (wanted: Quote['status']) => status.filter((quote) => quote.status === wanted).length;
  const accepted = count('accepted');
  const declined = count('declined');
  const expired = count('expired');
  const revenue: Record<string, number> = {};
  for (const quote of status) {
    if (quote.status !== 'accepted') continue;
    revenue[quote.currency] = Math.round(((revenue[quote.currency] ?? 0) + quote.total) * 100) / 100;
  }
  const decided = accepted + declined + expired;
  return {
    sent: quotes.length,
    accepted,
    declined,
    expired,
    pending: count('sent'),
    acceptedPercent: decided === 0 ? null : Math.round((accepted / decided) * 1000) / 10,
    revenue,
  };
}
