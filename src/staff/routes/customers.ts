/**
 * `GET /customers/:id` (the customer's record: contact, identities and who linked them, products with
 * warranty and contract, every case with its outcome, visits; src/staff/customer-view.ts) and
 * `POST /customers/:id/identities` (supervisors: link another phone number, email address or chat user
 * to this customer — never done automatically on a customer's say-so).
 */
import { identityOf } from '../../conversation/keys.js';
import { linkIdentity } from '../../desk/link-identity.js';
import { assertSupervisor } from '../access.js';
import { caller } from '../auth.js';
import { customerView } from '../customer-view.js';
import { customerParams, linkBody } from '../schemas.js';
import { parseInput } from '../validate.js';
import type { StaffRoutes } from './context.js';

export const customerRoutes: StaffRoutes = (app, { runtime }) => {
  app.get('/customers/:id', async (request) => {
    const { id } = parseInput(customerParams, request.params, 'params');
    return customerView(runtime, caller(request), id);
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
