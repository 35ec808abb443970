/**
 * The on-site part of a case: `dispatch` (book the engineer; the customer hears the window, a reminder
 * goes the day before), `late` (tell the customer before the window passes — the plan says call ahead),
 * `absent` (nobody was there: the bot offers new windows and the case is flagged for the next visit)
 * and `resolve` (the maintenance record; the customer confirms it and a follow-up is scheduled; an
 * inspection's findings may open fault cases at once).
 */

import type { CaseView } from '../../desk/views.js';
import { actorOf } from '../access.js';
import { actionId, runStaffCommand } from '../commands.js';
import { resolveCase } from '../resolve.js';
import { absentBody, dispatchBody, lateBody, resolveBody } from '../schemas.js';
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

  app.post('/cases/:ref/absent', async (request) => {
    const body = parseInput(absentBody, request.body, 'body');
    const { staff, kase } = await targetCase(runtime, request);
    const view = await runStaffCommand<CaseView>(
      runtime,
      kase,
      'staff.absent',
      { staff: actorOf(staff), ...(body.note ? { note: body.note } : {}) },
      actionId(request, 'staff-absent', staff, kase),
    );
    return { case: view };
  });

  app.post('/cases/:ref/resolve', async (request) => {
    const body = parseInput(resolveBody, request.body, 'body');
    const { staff, kase } = await targetCase(runtime, request);
    return resolveCase(runtime, staff, kase, body.record, actionId(request, 'staff-resolve', staff, kase));
  });
};
