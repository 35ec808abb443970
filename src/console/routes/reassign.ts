/**
 * `POST /console/cases/:ref/reassign` (supervisors): to a person or to a team's queue, through the
 * staff API's shared `reassignCase` and its `reassignBody` schema. An agent gets 403 whatever the page
 * shows.
 */
import { assertSupervisor } from '../../staff/access.js';
import { reassignCase } from '../../staff/reassign.js';
import { reassignBody } from '../../staff/schemas.js';
import { parseInput } from '../../staff/validate.js';
import { formActionId } from '../action-id.js';
import { type ConsoleRoutes, signedIn } from '../context.js';
import { visibleCase } from './case.js';

export const reassignRoutes: ConsoleRoutes = (app, ctx) => {
  app.post('/console/cases/:ref/reassign', async (request, reply) => {
    assertSupervisor(signedIn(request).staff, 'reassign cases');
    const { staff, kase } = await visibleCase(ctx, request);
    const form = (request.body ?? {}) as Record<string, unknown>;
    const pick = (name: string) =>
      typeof form[name] === 'string' && form[name] !== '' ? (form[name] as string).trim() : undefined;
    const target = pick('to');
    // One field, "staff:<name>" or "team:<name>", so the form cannot name both.
    const to = target?.startsWith('team:')
      ? { team: target.slice(5) }
      : target?.startsWith('staff:')
        ? { staff: target.slice(6) }
        : {};
    const body = parseInput(reassignBody, { to }, 'body');
    const id = formActionId('staff-reassign', staff.name, kase.ref, form._key);
    await reassignCase(ctx.runtime, ctx.accounts, staff, kase, body.to, id);
    return reply.redirect(`/console/cases/${kase.ref}?done=reassign#case-actions`, 303);
  });
};
