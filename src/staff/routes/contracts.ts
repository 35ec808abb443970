/**
 * Service contracts (过保合同): register or replace one (`POST /contracts`), list them (`?renewal=due`
 * for those inside their renewal window), read one with its status and planned visits, and end one
 * early (supervisors, plan 3(2)). Engineers read; agents and supervisors register.
 */

import { createContractStore } from '../../cases/contract-store.js';
import { registerContracts } from '../../contracts/register.js';
import { contractView, endContract, getContract, prepareContracts, today } from '../../contracts/service.js';
import { SupportError } from '../../errors.js';
import { contractInputSchema } from '../../policy/contract.js';
import { assertSupervisor } from '../access.js';
import { caller } from '../auth.js';
import { contractListQuery, contractParams, endContractBody } from '../schemas.js';
import { parseInput } from '../validate.js';
import type { StaffRoutes } from './context.js';

export const contractRoutes: StaffRoutes = (app, { runtime }) => {
  const renewalDays = () => runtime.content.policy.service_contracts.renewal_notice_days;
  const store = createContractStore(runtime.redis, runtime.config.REDIS_KEY_PREFIX);

  app.post('/contracts', async (request, reply) => {
    const staff = caller(request);
    if (staff.role === 'engineer') {
      throw new SupportError('SUPPORT_ERR_FORBIDDEN', 'only agents and supervisors may register contracts');
    }
    const input = parseInput(contractInputSchema, request.body, 'body');
    const existed = (await store.get(input.number)) !== null;
    const { contracts, problems } = await prepareContracts(runtime, [input]);
    if (problems.length > 0) throw new SupportError('SUPPORT_ERR_VALIDATION', problems[0]!.message);
    await registerContracts(runtime, contracts);
    reply.code(existed ? 200 : 201);
    return { contract: contractView(contracts[0]!, today(runtime), renewalDays()) };
  });

  app.get('/contracts', async (request) => {
    caller(request);
    const query = parseInput(contractListQuery, request.query, 'query');
    const day = today(runtime);
    const views = (await store.list()).map((contract) => contractView(contract, day, renewalDays()));
    const shown = query.renewal === 'due' ? views.filter((view) => view.renewalDue) : views;
    return { count: shown.length, contracts: shown };
  });

  app.get('/contracts/:number', async (request) => {
    caller(request);
    const { number } = parseInput(contractParams, request.params, 'params');
    return { contract: contractView(await getContract(runtime, number), today(runtime), renewalDays()) };
  });

  app.post('/contracts/:number/end', async (request) => {
    const staff = caller(request);
    assertSupervisor(staff, 'end a contract early');
    const { number } = parseInput(contractParams, request.params, 'params');
    const body = parseInput(endContractBody, request.body, 'body');
    const ended = await endContract(runtime, number, { ...body, by: staff.name });
    return { contract: contractView(ended, today(runtime), renewalDays()) };
  });
};
