/**
 * `GET /customers/:id` (the customer archive: identities, language, products, cases) and
 * `POST /customers/:id/identities` (supervisors: link another phone number, email address or chat user
 * to this customer — never done automatically on a customer's say-so).
 */
import { identityOf } from '../../conversation/keys.js';
import { linkIdentity } from '../../desk/link-identity.js';
import { SupportError } from '../../errors.js';
import { assertSupervisor, canSee } from '../access.js';
import { caller } from '../auth.js';
import { customerParams, linkBody } from '../schemas.js';
import { parseInput } from '../validate.js';
import type { StaffRoutes } from './context.js';

export const customerRoutes: StaffRoutes = (app, { runtime }) => {
  app.get('/customers/:id', async (request) => {
    const { id } = parseInput(customerParams, request.params, 'params');
    const staff = caller(request);
    const customer = await runtime.cases.customer(id);
    if (!customer) throw new SupportError('SUPPORT_ERR_CASE_NOT_FOUND', `no customer ${id}`);
    const cases = await runtime.cases.many(customer.cases);
    if (staff.role !== 'supervisor' && !cases.some((kase) => canSee(staff, kase))) {
      throw new SupportError('SUPPORT_ERR_FORBIDDEN', `customer ${id} has no case of your teams`);
    }
    return {
      customer,
      cases: cases.map((kase) => ({
        ref: kase.ref,
        status: kase.status,
        team: kase.team,
        summary: kase.summary,
        createdAt: kase.createdAt,
      })),
    };
  });

  app.post('/customers/:id/identities', async (request) => {
    const staff = caller(request);
    assertSupervisor(staff, 'link customer identities');
    const { id } = parseInput(customerParams, request.params, 'params');
    const { channel, address } = parseInput(linkBody, request.body, 'body');
    const identity = identityOf(channel, address);
    return linkIdentity(runtime.desk, id, identity, staff.name);
  });
};
