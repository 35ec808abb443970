/**
 * The weekly service-quality review (服务质量考核): each week a sample of the cases each staff member
 * handled — finished that week, with their name in `handledBy` — with the automatic flags, for a
 * supervisor to score on a short rubric (greeting and tone, promise given and kept, solution
 * explained, record complete; 1–5 each, with a note). The scores become per-person KPIs.
 *
 * The sample is the same whenever it is asked for (ordered by a digest of reference and week), so two
 * supervisors see the same cases and a page reload does not reshuffle them.
 */
import { sql } from 'kysely';
import { DateTime } from 'luxon';
import { z } from 'zod';
import type { Case } from '../cases/types.js';
import type { RecordDb } from '../db/connect.js';
import { SupportError } from '../errors.js';
import { customerNameOf, reviewFlags } from './review-flags.js';

export const rubric = ['greeting', 'promise', 'solution', 'record'] as const;
export type RubricItem = (typeof rubric)[number];

const score = z.coerce.number().int().min(1, 'must be 1 to 5').max(5, 'must be 1 to 5');
export const weekSchema = z
  .string()
  .regex(/^\d{4}-W\d{2}$/, 'must be an ISO week such as 2026-W48')
  .refine((value) => DateTime.fromISO(value).isValid, 'must be an ISO week such as 2026-W48');

export const reviewInputSchema = z.strictObject({
  ref: z.string().regex(/^[A-Za-z0-9-]{1,40}$/, 'must be a case reference'),
  staff: z.string().trim().min(1).max(64),
  greeting: score,
  promise: score,
  solution: score,
  record: score,
  note: z.string().trim().max(2000).optional(),
});
export type ReviewInput = z.infer<typeof reviewInputSchema>;

/** Cases per staff member in a week's sample. */
export const DEFAULT_SAMPLE = 3;

export interface Week {
  week: string;
  from: Date;
  to: Date;
}

/** An ISO week (Monday to Sunday) in the business timezone; without one, the week before `now`'s. */
export function reviewWeek(week: string | undefined, zone: string, now: Date): Week {
  const start = week
    ? DateTime.fromISO(week, { zone }).startOf('week')
    : DateTime.fromJSDate(now, { zone }).startOf('week').minus({ weeks: 1 });
  return {
    week: start.toFormat("kkkk-'W'WW"),
    from: start.toJSDate(),
    to: start.plus({ weeks: 1 }).toJSDate(),
  };
}

export interface Scores {
  greeting: number;
  promise: number;
  solution: number;
  record: number;
  note: string | null;
  reviewer: string;
  reviewedAt: string;
}

export interface SampledCase {
  ref: string;
  staff: string;
  summary: string;
  finishedAt: string;
  customerName: string | null;
  replies: number;
  flags: string[];
  review: Scores | null;
}

interface SampleRow {
  ref: string;
  staff: string;
  data: Case;
  name: string | null;
  finished_at: Date;
}

async function sampleRows(db: RecordDb, week: Week, perStaff: number, staff?: string) {
  const rows = await sql<SampleRow>`select ref, staff, data, name, finished_at from (
      select c.ref, h.staff, c.data, cu.name, coalesce(c.resolved_at, c.closed_at) as finished_at,
        row_number() over (partition by h.staff order by md5(c.ref || ${week.week})) as n
      from cases c
      cross join lateral jsonb_array_elements_text(coalesce(c.data -> 'handledBy', '[]'::jsonb)) h(staff)
      left join customers cu on cu.id = c.customer_id
      where coalesce(c.resolved_at, c.closed_at) >= ${week.from}
        and coalesce(c.resolved_at, c.closed_at) < ${week.to}
        and not c.anonymised
        and (${staff ?? null}::text is null or h.staff = ${staff ?? null})
    ) sampled where n <= ${perStaff} order by staff, finished_at`.execute(db);
  return rows.rows;
}

async function repliesOf(db: RecordDb, refs: string[]) {
  if (refs.length === 0) return [];
  return db
    .selectFrom('transcript_entries')
    .select(['case_ref', 'author', 'at', 'text'])
    .where('case_ref', 'in', refs)
    .where('kind', '=', 'out')
    .where('author', 'like', 'staff:%')
    .where('erased', '=', false)
    .orderBy('at')
    .execute();
}

function scoresOf(row: {
  greeting: number;
  promise: number;
  solution: number;
  record: number;
  note: string | null;
  reviewer: string;
  reviewed_at: Date;
}): Scores {
  return {
    greeting: row.greeting,
    promise: row.promise,
    solution: row.solution,
    record: row.record,
    note: row.note,
    reviewer: row.reviewer,
    reviewedAt: row.reviewed_at.toISOString(),
  };
}

/** The week's sample with each case's flags and the review already given, if any. */
export async function weekSample(
  db: RecordDb,
  week: Week,
  options: { perStaff?: number; staff?: string; words: readonly string[] },
): Promise<SampledCase[]> {
  const rows = await sampleRows(db, week, options.perStaff ?? DEFAULT_SAMPLE, options.staff);
  const refs = [...new Set(rows.map((row) => row.ref))];
  const [replies, reviews] = await Promise.all([
    repliesOf(db, refs),
    refs.length === 0
      ? []
      : db.selectFrom('quality_reviews').selectAll().where('case_ref', 'in', refs).execute(),
  ]);
  return rows.map((row) => {
    const theirs = replies
      .filter((r) => r.case_ref === row.ref && r.author === `staff:${row.staff}`)
      .map((r) => ({ at: r.at.toISOString(), text: r.text }));
    const review = reviews.find((r) => r.case_ref === row.ref && r.staff === row.staff);
    const customerName = customerNameOf(row.data, row.name);
    return {
      ref: row.ref,
      staff: row.staff,
      summary: row.data.summary ?? '',
      finishedAt: row.finished_at.toISOString(),
      customerName,
      replies: theirs.length,
      flags: reviewFlags(row.data, theirs, customerName, options.words),
      review: review ? scoresOf(review) : null,
    };
  });
}

/** Saves a supervisor's scores for one staff member on one case (again: the new scores replace them). */
export async function saveReview(
  db: RecordDb,
  input: ReviewInput,
  reviewer: string,
  zone: string,
  now: Date,
  words: readonly string[],
): Promise<SampledCase> {
  const kase = await db
    .selectFrom('cases')
    .select(['data', 'resolved_at', 'closed_at', 'customer_id'])
    .where('ref', '=', input.ref)
    .executeTakeFirst();
  if (!kase) throw new SupportError('SUPPORT_ERR_CASE_NOT_FOUND', `no case ${input.ref} in the record`);
  const data = kase.data as Case;
  if (!(data.handledBy ?? []).includes(input.staff))
    throw new SupportError(
      'SUPPORT_ERR_VALIDATION',
      `staff: ${input.staff} did not handle case ${input.ref}`,
    );
  const finished = kase.resolved_at ?? kase.closed_at ?? now;
  const week = reviewWeek(DateTime.fromJSDate(finished, { zone }).toFormat("kkkk-'W'WW"), zone, now);
  const customer = await db
    .selectFrom('customers')
    .select('name')
    .where('id', '=', kase.customer_id)
    .executeTakeFirst();
  const replies = (await repliesOf(db, [input.ref]))
    .filter((r) => r.author === `staff:${input.staff}`)
    .map((r) => ({ at: r.at.toISOString(), text: r.text }));
  const customerName = customerNameOf(data, customer?.name ?? null);
  const flags = reviewFlags(data, replies, customerName, words);
  const values = {
    week: week.week,
    staff: input.staff,
    case_ref: input.ref,
    reviewer,
    greeting: input.greeting,
    promise: input.promise,
    solution: input.solution,
    record: input.record,
    note: input.note ?? null,
    flags: JSON.stringify(flags),
    reviewed_at: now,
  };
  const { week: _week, staff: _staff, case_ref: _ref, ...changed } = values;
  const row = await db
    .insertInto('quality_reviews')
    .values(values)
    .onConflict((oc) => oc.columns(['case_ref', 'staff']).doUpdateSet(changed))
    .returningAll()
    .executeTakeFirstOrThrow();
  return {
    ref: input.ref,
    staff: input.staff,
    summary: data.summary ?? '',
    finishedAt: finished.toISOString(),
    customerName,
    replies: replies.length,
    flags,
    review: scoresOf(row),
  };
}

export interface ReviewFigures {
  reviews: number;
  greeting: number;
  promise: number;
  solution: number;
  record: number;
  /** The mean of the four. */
  average: number;
  /** Reviewed cases that had at least one automatic flag. */
  flagged: number;
}

/** Per staff member: reviews given in [from, to) and their average scores, for the KPIs. */
export async function reviewScores(
  db: RecordDb,
  from: Date,
  to: Date,
): Promise<Record<string, ReviewFigures>> {
  const rows = await sql<{
    staff: string;
    reviews: number;
    greeting: number;
    promise: number;
    solution: number;
    record: number;
    flagged: number;
  }>`select staff, count(*)::int as reviews,
      round(avg(greeting), 2)::float as greeting, round(avg(promise), 2)::float as promise,
      round(avg(solution), 2)::float as solution, round(avg(record), 2)::float as record,
      count(*) filter (where jsonb_array_length(flags) > 0)::int as flagged
    from quality_reviews where reviewed_at >= ${from} and reviewed_at < ${to}
    group by staff order by staff`.execute(db);
  return Object.fromEntries(
    rows.rows.map((row) => [
      row.staff,
      {
        ...row,
        average: Math.round(((row.greeting + row.promise + row.solution + row.record) / 4) * 100) / 100,
      },
    ]),
  );
}
