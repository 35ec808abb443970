/**
 * The weekly service-quality review (supervisors): `GET /reviews/sample?week=2026-W48` — each staff
 * member's sampled cases with their automatic flags and any scores given; `POST /reviews` — score one
 * staff member on one case (1–5 on each rubric item, with a note); `GET /reviews/scores?from=&to=` —
 * the average scores per person (also in the KPIs, `reviews`).
 */
import { z } from 'zod';
import { dayOrTime, reportPeriod } from '../../reports/period.js';
import { onRecord } from '../../reports/record-access.js';
import { DEFAULT_FLAG_WORDS } from '../../reports/review-flags.js';
import {
  reviewInputSchema,
  reviewScores,
  reviewWeek,
  saveReview,
  weekSample,
  weekSchema,
} from '../../reports/reviews.js';
import type { Runtime } from '../../runtime.js';
import { assertSupervisor } from '../access.js';
import { caller } from '../auth.js';
import { parseInput } from '../validate.js';
import type { StaffRoutes } from './context.js';

export const sampleQuery = z.object({
  week: weekSchema.optional(),
  perStaff: z.coerce.number().int().min(1).max(20).optional(),
  staff: z.string().trim().min(1).max(64).optional(),
});
export const scoresQuery = z.object({ from: dayOrTime, to: dayOrTime });

export const flagWords = (runtime: Runtime) => runtime.config.REVIEW_FLAG_WORDS ?? DEFAULT_FLAG_WORDS;

export const reviewRoutes: StaffRoutes = (app, { runtime }) => {
  const zone = () => runtime.content.policy.hours.timezone;

  app.get('/reviews/sample', async (request) => {
    assertSupervisor(caller(request), 'review service quality');
    const query = parseInput(sampleQuery, request.query, 'query');
    const week = reviewWeek(query.week, zone(), runtime.clock.now());
    const cases = await onRecord(runtime, 'read', (db) =>
      weekSample(db, week, {
        words: flagWords(runtime),
        ...(query.perStaff ? { perStaff: query.perStaff } : {}),
        ...(query.staff ? { staff: query.staff } : {}),
      }),
    );
    return { week: week.week, from: week.from.toISOString(), to: week.to.toISOString(), cases };
  });

  app.post('/reviews', async (request) => {
    const staff = caller(request);
    assertSupervisor(staff, 'review service quality');
    const input = parseInput(reviewInputSchema, request.body, 'body');
    const saved = await onRecord(runtime, 'write', (db) =>
      saveReview(db, input, staff.name, zone(), runtime.clock.now(), flagWords(runtime)),
    );
    return { review: saved };
  });

  app.get('/reviews/scores', async (request) => {
    assertSupervisor(caller(request), 'see review scores');
    const query = parseInput(scoresQuery, request.query, 'query');
    const period = reportPeriod(query, zone(), runtime.clock.now());
    const byStaff = await onRecord(runtime, 'read', (db) => reviewScores(db, period.from, period.to));
    return { from: period.from.toISOString(), to: period.to.toISOString(), byStaff };
  });
};
