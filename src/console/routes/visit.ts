/**
 * The on-site part of a case from the console: dispatch an engineer with a time window, and tell the
 * customer the engineer is running late, or that the customer was not there. Same desk commands and
 * the same schemas as the staff API's `/dispatch`, `/late` and `/absent`; the form's local times are
 * read in the business timezone.
 */
import type { FastifyRequest } from 'fastify';
import { actorOf } from '../../staff/access.js';
import { runStaffCommand } from '../../staff/commands.js';
import { absentBody, dispatchBody, lateBody } from '../../staff/schemas.js';
import { parseInput } from '../../staff/validate.js';
import { formActionId } from '../action-id.js';
import type { ConsoleRoutes } from '../context.js';
import { isoIn } from '../record-form.js';
import { visibleCase } from './case.js';

const text = (form: Record<string, unknown>, name: string) =>
  typeof form[name] === 'string' ? (form[name] as string).trim() : undefined;

export const visitRoutes: ConsoleRoutes = (app, ctx) => {
  const { runtime } = ctx;
  const form = (request: FastifyRequest) => (request.body ?? {}) as Record<string, unknown>;
  const zone = () => runtime.content.policy.hours.timezone;

  app.post('/console/cases/:ref/dispatch', async (request, reply) => {
    const { staff, kase } = await visibleCase(ctx, request);
    const fields = form(request);
    const body = parseInput(
      dispatchBody,
      {
        engineer: text(fields, 'engineer'),
        window: { start: isoIn(text(fields, 'start'), zone()), end: isoIn(text(fields, 'end'), zone()) },
      },
      'body',
    );
    const id = formActionId('staff-dispatch', staff.name, kase.ref, fields._key);
    await runStaffCommand(
      runtime,
      kase,
      'staff.dispatch',
      { staff: actorOf(staff), engineer: body.engineer, window: body.window },
      id,
    );
    return reply.redirect(`/console/cases/${kase.ref}?done=dispatch#case-actions`, 303);
  });

  app.post('/console/cases/:ref/late', async (request, reply) => {
    const { staff, kase } = await visibleCase(ctx, request);
    const fields = form(request);
    const body = parseInput(lateBody, { eta: isoIn(text(fields, 'eta'), zone()) }, 'body');
    const id = formActionId('staff-late', staff.name, kase.ref, fields._key);
    await runStaffCommand(runtime, kase, 'staff.late', { staff: actorOf(staff), eta: body.eta }, id);
    return reply.redirect(`/console/cases/${kase.ref}?done=late#case-actions`, 303);
  });

  app.post('/console/cases/:ref/absent', async (request, reply) => {
    const { staff, kase } = await visibleCase(ctx, request);
    const fields = form(request);
    const note = text(fields, 'note');
    const body = parseInput(absentBody, note ? { note } : {}, 'body');
    const id = formActionId('staff-absent', staff.name, kase.ref, fields._key);
    await runStaffCommand(
      runtime,
      kase,
      'staff.absent',
      { staff: actorOf(staff), ...(body.note ? { note: body.note } : {}) },
      id,
    );
    return reply.redirect(`/console/cases/${kase.ref}?done=absent#case-actions`, 303);
  });
};
