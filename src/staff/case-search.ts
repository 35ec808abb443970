/**
 * `GET /api/staff/cases`: the query's shape and the search in the record (src/record/search.ts) for the
 * caller. Search reads the replica when there is one (DATABASE_READ_URL). Without a record (a runtime
 * built without PostgreSQL) or with PostgreSQL away, the answer is a clear 503, never a 500.
 */
import { z } from 'zod';
import { caseStatuses } from '../cases/types.js';
import { isUnreachable } from '../db/connect.js';
import { SupportError } from '../errors.js';
import { type CaseSearchInput, type CaseSearchResult, searchCases } from '../record/search.js';
import type { Runtime } from '../runtime.js';
import type { StaffAccount } from './accounts.js';
import { staffNameSchema, teamNameSchema } from './accounts.js';

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const instant = z.union([z.iso.datetime({ offset: true }), day], {
  message: 'must be a date (2026-11-27) or an ISO 8601 date-time with a zone',
});
const word = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9_-]{1,40}$/, 'must be a code such as printer or free_repair');

export const caseSearchQuery = z
  .object({
    q: z.string().trim().max(200, 'at most 200 characters').optional(),
    status: z
      .string()
      .transform((value) => value.split(',').filter(Boolean))
      .pipe(z.array(z.enum(caseStatuses)))
      .optional(),
    team: teamNameSchema.optional(),
    owner: z
      .union([z.enum(['queue', 'bot']), staffNameSchema.transform((name) => `staff:${name}`)])
      .or(z.string().regex(/^staff:[a-z0-9][a-z0-9._-]{0,47}$/))
      .optional(),
    channel: z.enum(['sms', 'voice', 'email', 'chat']).optional(),
    priority: word.optional(),
    product: word.optional(),
    decision: word.optional(),
    risk: z.enum(['at_risk', 'breached']).optional(),
    from: instant.optional(),
    to: instant.optional(),
    limit: z.coerce.number().int().min(1).max(100).default(20),
    cursor: z.string().max(40).optional(),
  })
  .refine((q) => !q.from || !q.to || Date.parse(q.from) <= Date.parse(q.to), {
    message: 'must not be after to',
    path: ['from'],
  });

export type CaseSearchQuery = z.infer<typeof caseSearchQuery>;

/** A day means the whole day in the service's time zone is not knowable here: midnight UTC to the end. */
function instantOf(value: string, end: boolean): Date {
  if (/^\d{4}-\d{2}-\d{2}$/.test(value))
    return new Date(`${value}T${end ? '23:59:59.999' : '00:00:00.000'}Z`);
  return new Date(value);
}

export function searchInput(query: CaseSearchQuery): CaseSearchInput {
  return {
    limit: query.limit,
    ...(query.q ? { q: query.q } : {}),
    ...(query.status?.length ? { status: query.status } : {}),
    ...(query.team ? { team: query.team } : {}),
    ...(query.owner ? { owner: query.owner } : {}),
    ...(query.channel ? { channel: query.channel } : {}),
    ...(query.priority ? { priority: query.priority } : {}),
    ...(query.product ? { product: query.product } : {}),
    ...(query.decision ? { decision: query.decision } : {}),
    ...(query.risk ? { risk: query.risk } : {}),
    ...(query.from ? { from: instantOf(query.from, false) } : {}),
    ...(query.to ? { to: instantOf(query.to, true) } : {}),
    ...(query.cursor ? { cursor: query.cursor } : {}),
  };
}

/** Runs a read against the record, turning "no record" and "PostgreSQL away" into a 503. */
export async function fromRecord<T>(
  runtime: Runtime,
  read: (db: NonNullable<Runtime['record']>['readDb']) => Promise<T>,
): Promise<T> {
  const record = runtime.record;
  if (!record) throw new SupportError('SUPPORT_ERR_UNAVAILABLE', 'the record (PostgreSQL) is not configured');
  try {
    return await read(record.readDb);
  } catch (error) {
    if (isUnreachable(error) || isUnreachable((error as { cause?: unknown }).cause)) {
      throw new SupportError(
        'SUPPORT_ERR_UNAVAILABLE',
        'the record (PostgreSQL) is unreachable: retry shortly',
      );
    }
    throw error;
  }
}

export function findCases(
  runtime: Runtime,
  staff: StaffAccount,
  input: CaseSearchInput,
): Promise<CaseSearchResult> {
  return fromRecord(runtime, (db) =>
    searchCases(db, input, staff, {
      region: runtime.config.DEFAULT_PHONE_REGION,
      now: runtime.clock.now(),
    }),
  );
}
