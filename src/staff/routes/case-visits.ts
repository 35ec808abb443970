/**
 * The on-site part of a case: `dispatch` (book the engineer; the customer hears the window, a reminder
 * goes the day before), `late` (tell the customer before the window passes — the plan says call ahead),
 * `absent` (nobody was there: the bot offers new windows and the case is flagged for the next visit)
 * and `resolve` (the maintenance record; the customer confirms it and a follow-up is scheduled; an
 * inspection's findings may open fault cases at once).
 */

import { budgetCheck } from '../../cases/costs.js';
import type { MaintenanceRecord } from '../../cases/types.js';
import type { CaseView } from '../../desk/views.js';
import { SupportError } from '../../errors.js';
import { actorOf } from '../access.js';
import { actionId, runStaffCommand } from '../commands.js';
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
    const { findings, ...rest } = body.record;
    // The plan's cost review: materials over the advance must say where they went and why.
    const budget = budgetCheck(rest, runtime.content.policy.costs.parts_budget);
    if (budget.over > 0 && !rest.overBudgetReason) {
      throw new SupportError(
        'SUPPORT_ERR_VALIDATION',
        `record.overBudgetReason: parts and consumables cost ${budget.cost}, ${budget.over} over the budget of ${budget.budget}; say where they were used and why`,
      );
    }
    const record: MaintenanceRecord = {
      ...rest,
      budget: budget.budget,
      findings: findings.map(({ text, risk }) => ({ text, risk })),
    };
    const id = actionId(request, 'staff-resolve', staff, kase);
    const view = await runStaffCommand<CaseView>(
      runtime,
      kase,
      'staff.resolve',
      { staff: actorOf(staff), record },
      id,
    );
    // A finding that needs a repair opens its fault case at once (one per finding, idempotent).
    const faultCases: string[] = [];
    for (const [index, finding] of findings.entries()) {
      if (!finding.openCase) continue;
      const opened = await runStaffCommand<{ ref: string }>(
        runtime,
        kase,
        'visit.finding',
        { staff: actorOf(staff), text: finding.text, index },
        `${id}-finding-${index}`,
      );
      faultCases.push(opened.ref);
    }
    return { case: view, ...(faultCases.length ? { faultCases } : {}) };
  });
};
