/**
 * `POST /cases/:ref/release` (back to the team's queue, keeping the customer's promise) and
 * `POST /cases/:ref/reassign` (supervisors: to a person, or to another team's queue).
 */
import type { CaseView } from '../../desk/views.js';
import { actorOf, assertSupervisor } from '../access.js';
import { caller } from '../auth.js';
import { actionId, runStaffCommand } from '../commands.js';
import { reassignCase } from '../reassign.js';
import { reassignBody, releaseBody } from '../schemas.js';
import { parseInput } from '../validate.js';
import type { StaffRoutes } from './context.js';
import { targetCase } from './target.js';

export const caseOwnershipRoutes: StaffRoutes = (app, { runtime, accounts }) => {
  app.post('/cases/:ref/release', async (request) => {
    const { staff, kase } = await targetCase(runtime, request);
    const { reason } = parseInput(releaseBody, request.body ?? {}, 'body');
    const view = await runStaffCommand<CaseView>(
      runtime,
      kase,
      'staff.release',
      { staff: actorOf(staff), ...(reason ? { reason } : {}) },
      actionId(request, 'staff-release', staff, kase),
    );
    return { case: view };
  });

  app.post('/cases/:ref/reassign', async (request) => {
    assertSupervisor(caller(request), 'reassign cases');
    const { to } = parseInput(reassignBody, request.body, 'body');
    const { staff, kase } = await targetCase(runtime, request);
    const id = actionId(request, 'staff-reassign', staff, kase);
    return { case: await reassignCase(runtime, accounts, staff, kase, to, id) };
  });
};
