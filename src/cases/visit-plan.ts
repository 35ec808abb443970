/**
 * A visit schedule for a customer's product without a contract (plan 2 (1): 定期维护产品; plan 8: 走访):
 * every N months or on given dates, from a start to an end, for one serial number or a product
 * category. It plans visits like a contract's schedule and is kept beside the contracts.
 */
import type { Redis } from 'ioredis';
import { z } from 'zod';
import { visitScheduleSchema } from '../policy/contract.js';
import { isIsoDate } from '../policy/dates.js';
import { getMany, writeAll } from '../redis/slots.js';
import { recordChangeWrite } from './record-changes.js';

const isoDate = z
  .string()
  .refine((value) => isIsoDate(value), { message: 'must be a date written YYYY-MM-DD' });

export const visitPlanInputSchema = z
  .strictObject({
    product: z
      .strictObject({
        serial: z
          .string()
          .trim()
          .regex(/^[A-Za-z0-9-]{4,30}$/, 'must be a serial number')
          .optional(),
        category: z.string().trim().min(1).max(40).optional(),
      })
      .refine((p) => p.serial !== undefined || p.category !== undefined, {
        message: 'name the serial number or the product category',
      }),
    visits: visitScheduleSchema,
    start: isoDate,
    end: isoDate,
    engineer: z.string().trim().min(1).max(100).optional(),
    team: z
      .string()
      .regex(/^[a-z0-9_-]{1,32}$/)
      .default('onsite'),
  })
  .refine((plan) => plan.end >= plan.start, { message: 'must not be before start', path: ['end'] });
export type VisitPlanInput = z.output<typeof visitPlanInputSchema>;

export interface VisitPlan extends VisitPlanInput {
  /** `VP-…`: plays the part of a contract number in visit timers and cases. */
  number: string;
  customerId: string;
  /** The customer's phone or email identity the invitations go to. */
  contacts: Array<{ channel: 'sms' | 'email'; address: string; identity: string; customerId: string }>;
  createdAt: string;
}

export interface VisitPlanStore {
  get(number: string): Promise<VisitPlan | null>;
  list(): Promise<VisitPlan[]>;
  save(plan: VisitPlan): Promise<void>;
}

export function createVisitPlanStore(redis: Redis, prefix: string): VisitPlanStore {
  const key = (number: string) => `${prefix}:visit-plan:${number}`;
  const all = `${prefix}:visit-plans`;
  return {
    async get(number) {
      const raw = await redis.get(key(number));
      return raw ? (JSON.parse(raw) as VisitPlan) : null;
    },
    async list() {
      const numbers = await redis.zrange(all, '0', '-1');
      if (numbers.length === 0) return [];
      const values = await getMany(redis, numbers.map(key));
      return values
        .filter((value): value is string => value !== null)
        .map((value) => JSON.parse(value) as VisitPlan);
    },
    async save(plan) {
      await writeAll(redis, [
        recordChangeWrite(prefix, { type: 'visit_plan', plan }),
        ['set', key(plan.number), JSON.stringify(plan)],
        ['zadd', all, 0, plan.number],
      ]);
    },
  };
}
