/**
 * Customer groups (客户群体): `GET|POST /customers/:id/group` (staff set a customer's segment, region and
 * industry), `POST /contracts/:number/group` (every holder of a contract gets the group, marked as from
 * that contract) and `GET /groups/customers?segment=&region=&industry=` (the customers of a group).
 * Agents and supervisors set groups; engineers read them.
 */
import { createContractStore } from '../../cases/contract-store.js';
import { SupportError } from '../../errors.js';
import {
  type GroupInput,
  groupFilterSchema,
  groupInputSchema,
  groupMembers,
  readGroup,
  writeGroup,
} from '../../reports/groups.js';
import { onRecord } from '../../reports/record-access.js';
import type { StaffAccount } from '../accounts.js';
import { caller } from '../auth.js';
import { contractParams, customerParams } from '../schemas.js';
import { parseInput } from '../validate.js';
import type { StaffRoutes } from './context.js';

function assertMaySetGroups(staff: StaffAccount): void {
  if (staff.role === 'engineer')
    throw new SupportError('SUPPORT_ERR_FORBIDDEN', 'only agents and supervisors may set customer groups');
}

const fields = (input: GroupInput) => ({
  segment: input.segment,
  region: input.region ?? null,
  industry: input.industry ?? null,
});

export const groupRoutes: StaffRoutes = (app, { runtime }) => {
  const contracts = createContractStore(runtime.redis, runtime.config.REDIS_KEY_PREFIX);

  app.get('/customers/:id/group', async (request) => {
    caller(request);
    const { id } = parseInput(customerParams, request.params, 'params');
    return { group: await onRecord(runtime, 'read', (db) => readGroup(db, id)) };
  });

  app.post('/customers/:id/group', async (request) => {
    const staff = caller(request);
    assertMaySetGroups(staff);
    const { id } = parseInput(customerParams, request.params, 'params');
    const input = parseInput(groupInputSchema, request.body, 'body');
    if (!(await runtime.cases.customer(id)))
      throw new SupportError('SUPPORT_ERR_CASE_NOT_FOUND', `no customer ${id}`);
    const group = await onRecord(runtime, 'write', (db) =>
      writeGroup(db, {
        customerId: id,
        ...fields(input),
        source: 'staff',
        contractNumber: null,
        by: staff.name,
        at: runtime.clock.now(),
      }),
    );
    return { group };
  });

  app.post('/contracts/:number/group', async (request) => {
    const staff = caller(request);
    assertMaySetGroups(staff);
    const { number } = parseInput(contractParams, request.params, 'params');
    const input = parseInput(groupInputSchema, request.body, 'body');
    const contract = await contracts.get(number);
    if (!contract) throw new SupportError('SUPPORT_ERR_CONTRACT_NOT_FOUND', `no contract ${number}`);
    const at = runtime.clock.now();
    const groups = await onRecord(runtime, 'write', (db) =>
      Promise.all(
        [...new Set(contract.holders)].map((customerId) =>
          writeGroup(db, {
            customerId,
            ...fields(input),
            source: 'contract',
            contractNumber: contract.number,
            by: staff.name,
            at,
          }),
        ),
      ),
    );
    return { contract: contract.number, groups };
  });

  app.get('/groups/customers', async (request) => {
    caller(request);
    const filter = parseInput(groupFilterSchema, request.query, 'query');
    const customers = await onRecord(runtime, 'read', (db) => groupMembers(db, filter));
    return { count: customers.length, customers };
  });
};
