/** `GET /queue?team=`: a team's waiting cases in the order "take next" would hand them out. */
import { isCurrentEscalation, pendingPromise } from '../../cases/operations.js';
import { assertTeamMember, defaultTeam } from '../access.js';
import { caller } from '../auth.js';
import { queueQuery } from '../schemas.js';
import { parseInput } from '../validate.js';
import type { StaffRoutes } from './context.js';

export const queueRoutes: StaffRoutes = (app, { runtime }) => {
  app.get('/queue', async (request) => {
    const staff = caller(request);
    const query = parseInput(queueQuery, request.query, 'query');
    const team = defaultTeam(staff, query.team);
    assertTeamMember(staff, team);
    const jobs = await runtime.claimer.waiting(team);
    const cases = new Map((await runtime.cases.many(jobs.map((job) => job.ref))).map((c) => [c.ref, c]));
    // A job is stale once its case moved on (claimed via reassign, resolved, escalated elsewhere):
    // "take next" skips it, so the view does too.
    const waiting = jobs.flatMap((job) => {
      const kase = cases.get(job.ref);
      if (!kase || !isCurrentEscalation(kase, team, job.n)) return [];
      return [
        {
          ref: job.ref,
          priority: kase.priority,
          reason: job.reason,
          waitingSince: job.at,
          deadline: pendingPromise(kase)?.due ?? null,
          channel: kase.route.channel,
          lang: kase.lang,
          summary: kase.summary,
          flags: kase.flags,
        },
      ];
    });
    return { team, count: waiting.length, waiting: waiting.map((item, n) => ({ position: n + 1, ...item })) };
  });
};
