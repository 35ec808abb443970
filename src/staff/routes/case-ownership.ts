/**
 * `POST /cases/:ref/release` (back to the team's queue, keeping the customer's promise) and
 * `POST /cases/:ref/reassign` (supervisors: to a person, or to another team's queue).
 */
import type { CaseView } from '../../desk/views.js';
import { SupportError } from '../../errors.js';
import { actorOf, assertSupervisor } from '../access.js';
import { caller } from '../auth.js';
import { actionId, runStaffCommand } from '../commands.js';
import { reassignBody } from '../schemas.js';
import { parseInput } from '../validate.js';
import type { StaffRoutes } from './context.js';
import { targetCase } from './target.js';

export const caseOwnershipRoutes: StaffRoutes = (app, { runtime, accounts }) => {
  app.post('/cases/:ref/release', async (request) => {
    const { staff, kase } = await targetCase(runtime, request);
    const view = await runStaffCommand<CaseView>(
      runtime,
      kase,
      'staff.release',
      { staff: actorOf(staff) },
      actionId(request, 'staff-release', staff, kase),
    );
    return { case: view };
  });

  app.post('/cases/:ref/reassign', async (request) => {
    assertSupervisor(caller(request), 'reassign cases');
    const { to } = parseInput(reassignBody, request.body, 'body');
    const { staff, kase } = await targetCase(runtime, request);
    if (to.staff) {
      const target = await accounts.get(to.staff);
      if (!target)
        throw new SupportError('SUPPORT_ERR_STAFF_NOT_FOUND', `to.staff: no staff member ${to.staff}`);
      if (target.disabled)
        throw new SupportError('SUPPORT_ERR_STAFF_DISABLED', `to.staff: ${to.staff} is disabled`);
    }
    const view = await runStaffCommand<CaseView>(
      runtime,
      kase,
      'staff.reassign',
      { staff: actorOf(staff), to },
      actionId(request, 'staff-reassign', staff, kase),
    );
    return { case: view };
  });
};
