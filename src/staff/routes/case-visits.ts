/**
 * The on-site part of a case: `dispatch` (book the engineer; the customer hears the window, a reminder
 * goes the day before), `late` (tell the customer before the window passes — the plan says call ahead)
 * and `resolve` (the maintenance record; the customer confirms it and a follow-up is scheduled).
 */
import type { CaseView } from '../../desk/views.js';
import { actorOf } from '../access.js';
import { actionId, runStaffCommand } from '../commands.js';
import { dispatchBody, lateBody, resolveBody } from '../schemas.js';
import { parseInput } from '../validate.js';
import type { StaffRoutes } from './context.js';
import { targetCase } from './target.js';

export const caseVisitRoutes: StaffRoutes = (app, { runtime }) => {
  app.post('/cases/:ref/dispatch', async (request) => {
    const body = parseInput(dispatchBody, request.body, 'body');
    const { staff, kase } = await targetCase(runtime, request);
    const view = await runStaffCommand<CaseView>(
      runtime,
      kase,
      'staff.dispatch',
      { staff: actorOf(staff), engineer: body.engineer, window: body.window },
      actionId(request, 'staff-dispatch', staff, kase),
    );
    return { case: view };
  });

  app.post('/cases/:ref/late', async (request) => {
    const body = parseInput(lateBody, request.body, 'body');
    const { staff, kase } = await targetCase(runtime, request);
    const view = await runStaffCommand<CaseView>(
      runtime,
      kase,
      'staff.late',
      { staff: actorOf(staff), eta: body.eta },
      actionId(request, 'staff-late', staff, kase),
    );
    return { case: view };
  });

  app.post('/cases/:ref/resolve', async (request) => {
    const body = parseInput(resolveBody, request.body, 'body');
    const { staff, kase } = await targetCase(runtime, request);
    const view = await runStaffCommand<CaseView>(
      runtime,
      kase,
      'staff.resolve',
      { staff: actorOf(staff), record: body.record },
      actionId(request, 'staff-resolve', staff, kase),
    );
    return { case: view };
  });
};
