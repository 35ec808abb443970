/**
 * `/console/reviews?week=2026-W47` (supervisors): the week's review sample with a scoring form per
 * case; `POST /console/reviews` saves one and comes back to the same week.
 */
import { z } from 'zod';
import { onRecord } from '../../reports/record-access.js';
import {
  reviewInputSchema,
  reviewScores,
  reviewWeek,
  saveReview,
  weekSample,
  weekSchema,
} from '../../reports/reviews.js';
import { assertSupervisor } from '../../staff/access.js';
import { flagWords } from '../../staff/routes/reviews.js';
import { parseInput } from '../../staff/validate.js';
import { type ConsoleRoutes, pageContext, sendPage, signedIn } from '../context.js';
import { words } from '../i18n.js';
import { reviewsPage } from '../views/reviews.js';

const pageQuery = z.object({
  week: weekSchema.optional().or(z.literal('').transform(() => undefined)),
  done: z.string().max(20).optional(),
});
/** The API's body plus the week to come back to (a form also carries its CSRF token). */
const reviewForm = z.object({
  ...reviewInputSchema.shape,
  week: weekSchema,
  note: z.string().trim().max(2000).optional(),
});
const SCORES_DAYS = 30;

export const reviewRoutes: ConsoleRoutes = (app, { runtime }) => {
  const zone = () => runtime.content.policy.hours.timezone;

  app.get('/console/reviews', async (request, reply) => {
    assertSupervisor(signedIn(request).staff, 'review service quality');
    const query = parseInput(pageQuery, request.query, 'query');
    const now = runtime.clock.now();
    const week = reviewWeek(query.week, zone(), now);
    const [cases, scores] = await onRecord(runtime, 'read', (db) =>
      Promise.all([
        weekSample(db, week, { words: flagWords(runtime) }),
        reviewScores(db, new Date(now.getTime() - SCORES_DAYS * 24 * 3600_000), new Date(now.getTime() + 1)),
      ]),
    );
    const notice = query.done ? words[request.consoleLang].reviewSaved : undefined;
    return sendPage(reply, reviewsPage(pageContext(request, runtime), week, cases, scores, notice));
  });

  app.post('/console/reviews', async (request, reply) => {
    const { staff } = signedIn(request);
    assertSupervisor(staff, 'review service quality');
    const { week, note, ...input } = parseInput(reviewForm, request.body, 'body');
    await onRecord(runtime, 'write', (db) =>
      saveReview(
        db,
        { ...input, ...(note ? { note } : {}) },
        staff.name,
        zone(),
        runtime.clock.now(),
        flagWords(runtime),
      ),
    );
    return reply.redirect(`/console/reviews?week=${week}&done=1`, 303);
  });
};
