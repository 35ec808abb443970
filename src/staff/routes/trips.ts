/**
 * Fewer trips: `GET /trips/route?engineer=&day=` — an engineer's day as a route (engineers see their
 * own; agents and supervisors anyone's); `GET /trips/suggest?ref=&day=` — when dispatching a case, the
 * engineers already in its district that day and the cases there still waiting (who may see the case);
 * `GET /trips/figures?from=&to=` — trips per on-site case and visits per trip (supervisors).
 */
import { z } from 'zod';
import { SupportError } from '../../errors.js';
import { dayOrTime, reportPeriod } from '../../reports/period.js';
import { onRecord } from '../../reports/record-access.js';
import { engineerDay, suggestTrip, tripFigures } from '../../reports/trips.js';
import { assertCanSee, assertSupervisor } from '../access.js';
import { staffNameSchema } from '../accounts.js';
import { caller } from '../auth.js';
import { refParams } from '../schemas.js';
import { parseInput } from '../validate.js';
import type { StaffRoutes } from './context.js';

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date written YYYY-MM-DD');
export const routeQuery = z.object({ engineer: staffNameSchema, day });
export const suggestQuery = z.object({ ref: refParams.shape.ref, day });
export const figuresQuery = z.object({ from: dayOrTime, to: dayOrTime });

export const tripRoutes: StaffRoutes = (app, { runtime }) => {
  const zone = () => runtime.content.policy.hours.timezone;

  app.get('/trips/route', async (request) => {
    const staff = caller(request);
    const query = parseInput(routeQuery, request.query, 'query');
    if (staff.role === 'engineer' && staff.name !== query.engineer)
      throw new SupportError('SUPPORT_ERR_FORBIDDEN', 'engineers see their own route');
    return onRecord(runtime, 'read', (db) => engineerDay(db, query.engineer, query.day, zone()));
  });

  app.get('/trips/suggest', async (request) => {
    const staff = caller(request);
    const query = parseInput(suggestQuery, request.query, 'query');
    const kase = await runtime.cases.get(query.ref);
    if (!kase) throw new SupportError('SUPPORT_ERR_CASE_NOT_FOUND', `no case ${query.ref}`);
    assertCanSee(staff, kase);
    return onRecord(runtime, 'read', (db) => suggestTrip(db, kase, query.day, zone()));
  });

  app.get('/trips/figures', async (request) => {
    assertSupervisor(caller(request), 'see trip figures');
    const query = parseInput(figuresQuery, request.query, 'query');
    const period = reportPeriod(query, zone(), runtime.clock.now());
    const figures = await onRecord(runtime, 'read', (db) => tripFigures(db, period.from, period.to, zone()));
    return { from: period.from.toISOString(), to: period.to.toISOString(), ...figures };
  });
};
