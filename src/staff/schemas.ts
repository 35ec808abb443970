/**
 * Request shapes of the staff API, parsed with zod at the boundary (and turned into the OpenAPI
 * document, src/staff/openapi.ts). Inside the routes the parsed values are trusted.
 */
import { z } from 'zod';
import { staffNameSchema, teamNameSchema } from './accounts.js';

const text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max);

export const isoTime = z.iso.datetime({
  offset: true,
  message: 'must be an ISO 8601 date-time with a zone, e.g. 2026-11-27T09:00:00+08:00',
});

export const refParams = z.object({
  ref: z.string().regex(/^[A-Za-z0-9-]{1,40}$/, 'must be a case reference such as SR-2611-0042'),
});

export const queueQuery = z.object({ team: teamNameSchema.optional() });

export const claimBody = z.object({ team: teamNameSchema.optional() });

export const replyBody = z.object({ text: text(4000) });

export const noteBody = z.object({ text: text(4000) });

export const dispatchBody = z.object({
  engineer: text(100),
  window: z
    .object({ start: isoTime, end: isoTime })
    .refine((window) => Date.parse(window.end) > Date.parse(window.start), {
      message: 'must be after window.start',
      path: ['end'],
    }),
});

export const lateBody = z.object({ eta: isoTime });

const money = z.number().nonnegative().max(10_000_000);

export const partReplaced = z.object({
  part: text(200),
  coverage: z.enum(['warranty', 'paid', 'contract']),
  /** What the customer is charged. */
  amount: money.optional(),
  /** What the part cost us (cost review). */
  cost: money.optional(),
});

export const consumableUsed = z.object({
  item: text(200),
  quantity: z.number().positive().optional(),
  cost: money,
});

export const trip = z.object({
  vehicle: text(100).optional(),
  distanceKm: z.number().nonnegative().max(5000).optional(),
});

/** An inspection finding; `openCase: true` opens a fault case for it at once. */
export const findingInput = z.object({
  text: text(1000),
  risk: z.boolean().default(false),
  openCase: z.boolean().default(false),
});

/** 维护记录单, as the engineer fills it in. The customer's confirmation is added later by the desk. */
export const maintenanceRecord = z.object({
  faultReported: text(2000),
  faultFound: text(2000),
  cause: text(2000),
  actions: text(4000),
  partsReplaced: z.array(partReplaced).max(50).default([]),
  engineer: text(100),
  arrivedAt: isoTime.optional(),
  finishedAt: isoTime,
  mode: z.enum(['remote', 'onsite']),
  /** `enquiry`: a question answered in the conversation (no visit, no parts), closed without a confirmation. */
  kind: z.enum(['repair', 'inspection', 'exchange', 'enquiry']).default('repair'),
  findings: z.array(findingInput).max(50).default([]),
  consumables: z.array(consumableUsed).max(100).default([]),
  trips: z.array(trip).max(50).default([]),
  /** The advance for parts and consumables; defaults to the policy's `costs.parts_budget`. */
  budget: money.optional(),
  overBudgetReason: text(1000).optional(),
});

export const resolveBody = z.object({ record: maintenanceRecord });

export const absentBody = z.object({ note: text(1000).optional() });

export const contractParams = z.object({
  number: z
    .string()
    .regex(/^[A-Za-z0-9][A-Za-z0-9_-]{1,39}$/, 'must be a contract number such as HT-2026-0012'),
});

export const contractListQuery = z.object({
  /** `due`: only contracts inside their renewal window. */
  renewal: z.literal('due').optional(),
});

export const endContractBody = z.object({
  on: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date written YYYY-MM-DD'),
  reason: text(1000),
});

export const visitsQuery = z.object({
  team: teamNameSchema.optional(),
  engineer: z.string().trim().min(1).max(100).optional(),
  /** How many days ahead. */
  days: z.coerce.number().int().min(1).max(366).default(60),
});

/** Why the case goes back to the queue: the team sees it on the case. */
export const releaseBody = z.object({ reason: text(300).optional() });

export const reassignBody = z.object({
  to: z
    .object({ staff: staffNameSchema.optional(), team: teamNameSchema.optional() })
    .refine((to) => (to.staff === undefined) !== (to.team === undefined), {
      message: 'give exactly one of to.staff or to.team',
    }),
});

export const kpiQuery = z
  .object({ from: isoTime.optional(), to: isoTime.optional(), team: teamNameSchema.optional() })
  .refine((q) => !q.from || !q.to || Date.parse(q.from) <= Date.parse(q.to), {
    message: 'must not be after to',
    path: ['from'],
  });

export const notificationsQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const customerParams = z.object({ id: z.string().regex(/^[0-9a-f]{16}$/, 'must be a customer id') });

/** An identity staff link to a customer: the channel and the customer's address on it. */
export const linkBody = z.object({
  channel: z.enum(['sms', 'voice', 'email', 'chat']),
  address: z.string().trim().min(1, 'must not be empty').max(320),
});

/**
 * Staff write first, on a medium that can reach a customer who has not written: a phone number (SMS) or
 * an email address. Chat needs the customer's own conversation; a call cannot be placed from here.
 */
export const startBody = z.object({
  channel: z.enum(['sms', 'email'], { message: 'staff can start sms or email conversations' }),
  to: z.string().trim().min(3, 'must be a phone number or an email address').max(320),
  text: z.string().trim().min(1, 'must not be empty').max(4000),
  team: teamNameSchema.optional(),
});
