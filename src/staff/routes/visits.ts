/**
 * Visits staff plan and see:
 * - `GET /visits?team=&engineer=&days=60` — upcoming visits per engineer and team: planned by contracts
 *   and visit plans, waiting for the customer's window, and booked. Agents and engineers see their
 *   teams' visits and their own; supervisors see all.
 * - `POST /customers/:id/visit-plans` — a visit schedule for a customer's product without a contract
 *   (plan 2 (1): 定期维护产品); the bot invites the customer ahead of each visit as for a contract.
 */
import { createHash } from 'node:crypto';
import { createVisitPlanStore, type VisitPlan, visitPlanInputSchema } from '../../cases/visit-plan.js';
import { today } from '../../contracts/service.js';
import { SupportError } from '../../errors.js';
import { visitDates } from '../../policy/visit-schedule.js';
import { canSee } from '../access.js';
import { caller } from '../auth.js';
import { customerParams, visitsQuery } from '../schemas.js';
import { countVisits } from '../upcoming-visits.js';
import { parseInput } from '../validate.js';
import { loadUpcomingVisits } from '../visits-loader.js';
import type { StaffRoutes } from './context.js';

export const visitRoutes: StaffRoutes = (app, { runtime }) => {
  app.get('/visits', async (request) => {
    const staff = caller(request);
    const query = parseInput(visitsQuery, request.query, 'query');
    const visits = (await loadUpcomingVisits(runtime, query.days)).filter(
      (visit) =>
        (!query.team || visit.team === query.team) &&
        (!query.engineer || visit.engineer === query.engineer) &&
        (staff.role === 'supervisor' ||
          visit.engineer === staff.name ||
          (visit.team !== null && staff.teams.includes(visit.team))),
    );
    return { from: today(runtime), days: query.days, count: visits.length, visits, ...countVisits(visits) };
  });

  app.post('/customers/:id/visit-plans', async (request, reply) => {
    const staff = caller(request);
    const { id } = parseInput(customerParams, request.params, 'params');
    const input = parseInput(visitPlanInputSchema, request.body, 'body');
    const customer = await runtime.cases.customer(id);
    if (!customer) throw new SupportError('SUPPORT_ERR_CASE_NOT_FOUND', `no customer ${id}`);
    if (staff.role !== 'supervisor') {
      const cases = await runtime.cases.many(customer.cases);
      if (staff.role === 'engineer' || !cases.some((kase) => canSee(staff, kase))) {
        throw new SupportError(
          'SUPPORT_ERR_FORBIDDEN',
          'only supervisors and agents of the customer may plan visits',
        );
      }
    }
    // Invitations go to the customer's phone by SMS, else their email.
    const identity =
      customer.identities.find((candidate) => candidate.startsWith('phone:')) ??
      customer.identities.find((candidate) => candidate.startsWith('email:'));
    if (!identity) {
      throw new SupportError(
        'SUPPORT_ERR_VALIDATION',
        `customer ${id} has no phone or email to be invited on`,
      );
    }
    const channel = identity.startsWith('phone:') ? ('sms' as const) : ('email' as const);
    const address = identity.slice(identity.indexOf(':') + 1);
    const digest = createHash('sha256')
      .update(`${id}\n${JSON.stringify(input.product)}\n${input.start}`)
      .digest('hex');
    const now = runtime.clock.now().toISOString();
    const plan: VisitPlan = {
      ...input,
      number: `VP-${digest.slice(0, 10).toUpperCase()}`,
      customerId: id,
      contacts: [{ channel, address, identity, customerId: id }],
      createdAt: now,
    };
    await createVisitPlanStore(runtime.redis, runtime.config.REDIS_KEY_PREFIX).save(plan);
    await runtime.desk.command(
      id,
      'visitplan.attach',
      { plan },
      { id: `visitplan-${plan.number}-${Date.parse(now)}` },
    );
    reply.code(201);
    return { plan: { ...plan, plannedVisits: visitDates(plan) } };
  });
};
