/**
 * `GET /visits?team=&engineer=&days=60` — upcoming visits per engineer and team: planned by contracts,
 * waiting for the customer's window, and booked. Agents and engineers see their teams' visits and
 * their own; supervisors see all.
 */
import { DateTime } from 'luxon';
import { today } from '../../contracts/service.js';
import { createContractStore } from '../../contracts/store.js';
import { caller } from '../auth.js';
import { visitsQuery } from '../schemas.js';
import { countVisits, upcomingVisits } from '../upcoming-visits.js';
import { parseInput } from '../validate.js';
import type { StaffRoutes } from './context.js';

/** Cases older than this cannot hold an upcoming visit any more. */
const LOOKBACK_MS = 400 * 24 * 3600_000;

export const visitRoutes: StaffRoutes = (app, { runtime }) => {
  app.get('/visits', async (request) => {
    const staff = caller(request);
    const query = parseInput(visitsQuery, request.query, 'query');
    const now = runtime.clock.now();
    const zone = runtime.content.policy.hours.timezone;
    const [contracts, cases] = await Promise.all([
      createContractStore(runtime.redis, runtime.config.REDIS_KEY_PREFIX).list(),
      runtime.cases.createdBetween(new Date(now.getTime() - LOOKBACK_MS), now),
    ]);
    const all = upcomingVisits(contracts, cases, {
      today: today(runtime),
      days: query.days,
      dateOf: (iso) => DateTime.fromISO(iso, { zone }).toISODate()!,
    });
    const visits = all.filter(
      (visit) =>
        (!query.team || visit.team === query.team) &&
        (!query.engineer || visit.engineer === query.engineer) &&
        (staff.role === 'supervisor' ||
          visit.engineer === staff.name ||
          (visit.team !== null && staff.teams.includes(visit.team))),
    );
    return { from: today(runtime), days: query.days, count: visits.length, visits, ...countVisits(visits) };
  });
};
