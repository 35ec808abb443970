/**
 * Out-of-warranty service contracts (过保合同 / 保外维修协议, plan section 3): what staff register, as one
 * zod schema shared by the staff API and the CSV import, and the stored shape.
 */
import { z } from 'zod';
import type { ChannelKind } from '../port/messages.js';
import { isIsoDate } from './dates.js';

const isoDate = z
  .string()
  .trim()
  .refine((value) => isIsoDate(value), { message: 'must be a date written YYYY-MM-DD' });

const text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max);

/** How a contract plans preventive visits: every N months from its start, or on given dates. */
export const visitScheduleSchema = z
  .strictObject({
    everyMonths: z.number().int().min(1, 'must be at least 1').max(24).optional(),
    dates: z.array(isoDate).max(50).optional(),
  })
  .refine((s) => (s.everyMonths === undefined) !== (s.dates === undefined), {
    message: 'give exactly one of everyMonths or dates',
  });
export type VisitSchedule = z.infer<typeof visitScheduleSchema>;

export const contractInputSchema = z
  .strictObject({
    /** The contract number customers and staff quote (HT-2026-0012). */
    number: z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9][A-Za-z0-9_-]{1,39}$/, 'must be 2–40 letters, digits, - or _'),
    customer: z.strictObject({
      name: text(200),
      /** The customer's phone: their texts and calls are theirs, and visits are booked by SMS. */
      phone: z.string().trim().min(3).max(40).optional(),
      email: z.email('must be an email address').optional(),
    }),
    /** Covered units by serial number … */
    serials: z
      .array(
        z
          .string()
          .trim()
          .regex(/^[A-Za-z0-9-]{4,30}$/, 'must be a serial number'),
      )
      .max(5000)
      .default([]),
    /** … or every unit of a product category at the customer's site (a count, not serials). */
    site: z.strictObject({ category: text(40), quantity: z.number().int().min(1) }).optional(),
    start: isoDate,
    end: isoDate,
    /** On-site service or return-to-base (the unit comes to our workshop). */
    level: z.enum(['onsite', 'return_to_base']),
    /** Business hours within which we answer a fault on a contracted unit. */
    responseHours: z.number().positive().max(240),
    covers: z.array(text(500)).max(50).default([]),
    excludes: z.array(text(500)).max(50).default([]),
    visits: visitScheduleSchema.optional(),
    /** Who makes the preventive visits (staff see upcoming visits per engineer and team). */
    engineer: text(100).optional(),
    team: z
      .string()
      .regex(/^[a-z0-9_-]{1,32}$/)
      .default('onsite'),
  })
  .refine((c) => c.end >= c.start, { message: 'must not be before start', path: ['end'] })
  .refine((c) => c.serials.length > 0 || c.site !== undefined, {
    message: 'list the serial numbers, or a site (category and quantity)',
    path: ['serials'],
  })
  .refine((c) => c.customer.phone !== undefined || c.customer.email !== undefined, {
    message: 'give the customer a phone or an email, so the bot can reach them',
    path: ['customer'],
  });
export type ContractInput = z.output<typeof contractInputSchema>;

/** A stored contract. */
export interface Contract extends ContractInput {
  /** Customer ids of the phone and email identities (their messages are this customer's). */
  holders: string[];
  /** How to reach them: the first is the primary contact (visit invitations, renewal reminder). */
  contacts: Array<{ channel: ChannelKind; address: string; identity: string; customerId: string }>;
  /** Supervisors may end a contract early (plan 3(2)); what was bought before stays honoured. */
  endedEarly?: { on: string; by: string; reason: string; at: string };
  createdAt: string;
  updatedAt: string;
}

/** A contract as a case and a customer profile carry it. */
export interface ContractSummary {
  number: string;
  level: 'onsite' | 'return_to_base';
  /** The contract's response time, in business minutes: it sets the reply deadline. */
  responseMinutes: number;
  start: string;
  /** Last covered day (an early end already applied). */
  end: string;
}
