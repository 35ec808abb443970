/**
 * `/console/trips?engineer=&day=` — an engineer's day as a route (engineers: their own);
 * `/console/trips/suggest?ref=&day=` — grouping a visit being dispatched (reached from the case's
 * dispatch form; default day: tomorrow).
 */
import { DateTime } from 'luxon';
import { z } from 'zod';
import { SupportError } from '../../errors.js';
import { onRecord } from '../../reports/record-access.js';
import { engineerDay, suggestTrip } from '../../reports/trips.js';
import { assertCanSee } from '../../staff/access.js';
import { staffNameSchema } from '../../staff/accounts.js';
import { refParams } from '../../staff/schemas.js';
import { parseInput } from '../../staff/validate.js';
import { type ConsoleRoutes, pageContext, sendPage, signedIn } from '../context.js';
import { engineerDayPage, suggestionPage } from '../views/trips.js';

const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date written YYYY-MM-DD')
  .optional()
  .or(z.literal('').transform(() => undefined));
const routeQuery = z.object({ engineer: staffNameSchema.optional(), day });
const suggestQuery = z.object({ ref: refParams.shape.ref, day });

export const tripRoutes: ConsoleRoutes = (app, { runtime }) => {
  const zone = () => runtime.content.policy.hours.timezone;
  const local = () => DateTime.fromJSDate(runtime.clock.now(), { zone: zone() });

  app.get('/console/trips', async (request, reply) => {
    const { staff } = signedIn(request);
    const query = parseInput(routeQuery, request.query, 'query');
    const engineer = query.engineer ?? staff.name;
    if (staff.role === 'engineer' && engineer !== staff.name)
      throw new SupportError('SUPPORT_ERR_FORBIDDEN', 'engineers see their own route');
    const chosen = query.day ?? local().toISODate()!;
    const route = await onRecord(runtime, 'read', (db) => engineerDay(db, engineer, chosen, zone()));
    return sendPage(reply, engineerDayPage(pageContext(request, runtime), route));
  });

  app.get('/console/trips/suggest', async (request, reply) => {
    const { staff } = signedIn(request);
    const query = parseInput(suggestQuery, request.query, 'query');
    const kase = await runtime.cases.get(query.ref);
    if (!kase) throw new SupportError('SUPPORT_ERR_CASE_NOT_FOUND', `no case ${query.ref}`);
    assertCanSee(staff, kase);
    const chosen = query.day ?? local().plus({ days: 1 }).toISODate()!;
    const suggestion = await onRecord(runtime, 'read', (db) => suggestTrip(db, kase, chosen, zone()));
    return sendPage(reply, suggestionPage(pageContext(request, runtime), suggestion));
  });
};
