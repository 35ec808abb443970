/**
 * A paid repair's quote (保外维修报价): items with amounts, a currency, valid for some days. Staff send it
 * from the case; the customer accepts or declines it on their channel; only an accepted quote lets a
 * paid repair be dispatched, and the maintenance record's paid parts follow it. Pure: "now" is an input.
 *
 * Expiry is decided when the quote is read (`quoteAt`), so a quote past its day reads `expired`
 * everywhere — the case page, the KPIs, the customer's late "同意" — without a timer that could be lost.
 */
import { DateTime } from 'luxon';
import { z } from 'zod';
import { SupportError } from '../errors.js';

/** A replaced part of the maintenance record (`PartReplaced` in types.ts, which imports this file). */
interface PartReplaced {
  part: string;
  coverage: 'warranty' | 'paid' | 'contract';
  amount?: number;
  cost?: number;
}

export const quoteStatuses = ['sent', 'accepted', 'declined', 'expired'] as const;
export type QuoteStatus = (typeof quoteStatuses)[number];

export interface QuoteItem {
  description: string;
  amount: number;
}

export interface Quote {
  /** 1 for the first quote of the case, 2 for the next (a re-sent or corrected one)… */
  n: number;
  status: QuoteStatus;
  items: QuoteItem[];
  currency: string;
  total: number;
  validDays: number;
  sentAt: string;
  /** The last instant it can be accepted: the end of its last day in the service time zone. */
  validUntil: string;
  sentBy: string;
  decidedAt: string | null;
  /** The customer's words when they declined ("太贵了"). */
  reason?: string;
}

const money = z.number().nonnegative().max(10_000_000);

/** `POST /api/staff/cases/:ref/quote`. */
export const quoteInputSchema = z.object({
  items: z
    .array(
      z.object({
        description: z.string().trim().min(1, 'must not be empty').max(200),
        amount: money.refine((amount) => Math.abs(amount * 100 - Math.round(amount * 100)) < 1e-6, {
          message: 'at most two decimals',
        }),
      }),
    )
    .min(1, 'at least one item')
    .max(50),
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as CNY')
    .default('CNY'),
  validDays: z.number().int().min(1).max(90).default(7),
});
export type QuoteInput = z.infer<typeof quoteInputSchema>;

/** `POST /api/staff/cases/:ref/quote/resend`: the last quote again, for a new period. */
export const quoteResendSchema = z.object({ validDays: z.number().int().min(1).max(90).optional() });

/** Sum in cents, so 0.1 + 0.2 is 0.3. */
export function quoteTotal(items: readonly QuoteItem[]): number {
  return items.reduce((cents, item) => cents + Math.round(item.amount * 100), 0) / 100;
}

/** The quote as it stands at `now`: one still `sent` after its last day is `expired`. */
export function quoteAt(quote: Quote, now: Date): Quote {
  return quote.status === 'sent' && now.getTime() > Date.parse(quote.validUntil)
    ? { ...quote, status: 'expired' }
    : quote;
}

/** A new quote for the case, numbered after the one it replaces. */
export function newQuote(
  input: QuoteInput,
  by: { staff: string; now: Date; timezone: string; previous?: Quote | null },
): Quote {
  const validUntil = DateTime.fromJSDate(by.now, { zone: by.timezone })
    .plus({ days: input.validDays })
    .endOf('day')
    .toUTC()
    .toISO()!;
  return {
    n: (by.previous?.n ?? 0) + 1,
    status: 'sent',
    items: input.items.map((item) => ({ description: item.description, amount: item.amount })),
    currency: input.currency,
    total: quoteTotal(input.items),
    validDays: input.validDays,
    sentAt: by.now.toISOString(),
    validUntil,
    sentBy: by.staff,
    decidedAt: null,
  };
}

/** "1,280.00" in both languages; the currency is written after it ("1,280.00 CNY"). */
export function formatAmount(amount: number, currency: string): string {
  const digits = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  return `${digits.format(amount)} ${currency}`;
}

/** The items as numbered lines, one per item, for the customer's message. */
export function quoteLines(quote: Quote): string {
  return quote.items
    .map((item, n) => `${n + 1}. ${item.description}: ${formatAmount(item.amount, quote.currency)}`)
    .join('\n');
}

/** The values the quote's texts are filled with (`{{quote.lines}}`, `.total`, `.valid_until`), in both languages. */
export function quoteValues(
  quote: Quote,
  formatDate: (isoDate: string, lang: 'zh' | 'en') => string,
  timezone: string,
) {
  const day = DateTime.fromISO(quote.validUntil, { zone: timezone }).toISODate()!;
  return {
    lines: quoteLines(quote),
    total: formatAmount(quote.total, quote.currency),
    valid_until: { zh: formatDate(day, 'zh'), en: formatDate(day, 'en') },
  };
}

/** What the case page and the staff API show of a quote. */
export type QuoteView = ReturnType<typeof quoteView>;

export function quoteView(quote: Quote | undefined, now: Date) {
  if (!quote) return null;
  const current = quoteAt(quote, now);
  return {
    n: current.n,
    status: current.status,
    total: current.total,
    currency: current.currency,
    items: current.items,
    validUntil: current.validUntil,
    sentAt: current.sentAt,
    sentBy: current.sentBy,
    decidedAt: current.decidedAt,
    ...(current.reason ? { reason: current.reason } : {}),
  };
}

/** Whether a case's quote still stops a paid repair from being dispatched. */
export function quoteAllowsPaidWork(quote: Quote | undefined, now: Date): boolean {
  return quote !== undefined && quoteAt(quote, now).status === 'accepted';
}

/**
 * The maintenance record's paid parts follow the accepted quote: a record without paid parts gets the
 * quote's items as its paid parts; paid parts given may not come to more than the quote the customer
 * accepted; and nothing is charged on a quote the customer has not accepted.
 */
export function paidPartsFollowQuote(
  parts: readonly PartReplaced[],
  quote: Quote | undefined,
  now: Date,
): PartReplaced[] {
  const current = quote ? quoteAt(quote, now) : null;
  const paid = parts.filter((part) => part.coverage === 'paid');
  if (!current) return [...parts];
  if (current.status !== 'accepted') {
    if (paid.some((part) => (part.amount ?? 0) > 0))
      throw new SupportError(
        'SUPPORT_ERR_VALIDATION',
        `record.partsReplaced: quote ${current.n} is ${current.status}; paid parts are charged only on a quote the customer accepted`,
      );
    return [...parts];
  }
  if (paid.length === 0)
    return [
      ...parts,
      ...current.items.map((item) => ({
        part: item.description,
        coverage: 'paid' as const,
        amount: item.amount,
      })),
    ];
  const charged = quoteTotal(paid.map((part) => ({ description: part.part, amount: part.amount ?? 0 })));
  if (charged > current.total)
    throw new SupportError(
      'SUPPORT_ERR_VALIDATION',
      `record.partsReplaced: the paid parts come to ${formatAmount(charged, current.currency)}, more than the ${formatAmount(current.total, current.currency)} the customer accepted; send a new quote first`,
    );
  return [...parts];
}
