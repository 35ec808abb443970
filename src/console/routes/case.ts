/**
 * The case page and its actions. Every action is the staff API's desk command with the same payload
 * (`staff.reply`, `staff.note`, `staff.release`, and resolve through the shared `resolveCase`): the
 * desk checks ownership and transitions, so the console cannot change a case any other way.
 */
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Case } from '../../cases/types.js';
import { actorOf, assertCanSee } from '../../staff/access.js';
import type { StaffAccount } from '../../staff/accounts.js';
import { caseAudit } from '../../staff/audit.js';
import { caseDetail, loadCase } from '../../staff/case-detail.js';
import { runStaffCommand } from '../../staff/commands.js';
import { resolveCase } from '../../staff/resolve.js';
import { noteBody, refParams, replyBody } from '../../staff/schemas.js';
import { parseInput } from '../../staff/validate.js';
import { formActionId, newFormKey } from '../action-id.js';
import { type ConsoleContext, type ConsoleRoutes, pageContext, sendPage, signedIn } from '../context.js';
import { kbWords } from '../kb-words.js';
import { recordFromForm } from '../record-form.js';
import { casePage } from '../views/case.js';

const noticeQuery = z.object({ done: z.string().max(20).optional() });

export async function visibleCase(
  ctx: ConsoleContext,
  request: FastifyRequest,
): Promise<{ staff: StaffAccount; kase: Case }> {
  const { staff } = signedIn(request);
  const { ref } = parseInput(refParams, request.params, 'params');
  const kase = await loadCase(ctx.runtime, ref);
  assertCanSee(staff, kase);
  return { staff, kase };
}

export const caseRoutes: ConsoleRoutes = (app, ctx) => {
  const { runtime } = ctx;
  const form = (request: FastifyRequest) => (request.body ?? {}) as Record<string, unknown>;
  const back = (kase: Case, done: string) => `/console/cases/${kase.ref}?done=${done}`;

  app.get('/console/cases/:ref', async (request, reply) => {
    const { staff, kase } = await visibleCase(ctx, request);
    // Opening the page is the view the trail records (debounced per person), not the live stream.
    await caseAudit(runtime).viewed(kase.ref, staff.name, runtime.clock.now());
    const page = pageContext(request, runtime);
    const { done } = noticeQuery.parse(request.query ?? {});
    return sendPage(
      reply,
      casePage(
        page,
        await caseDetail(runtime, kase),
        newFormKey(),
        done === 'kb' ? kbWords[page.lang].drafted : done ? page.w.done : undefined,
      ),
    );
  });

  app.post('/console/cases/:ref/reply', async (request, reply) => {
    const { staff, kase } = await visibleCase(ctx, request);
    const { text } = parseInput(replyBody, form(request), 'body');
    // As in the API, the work item id doubles as the outbox message id: one reply, one message.
    const messageId = formActionId('staff-reply', staff.name, kase.ref, form(request)._key);
    await runStaffCommand(
      runtime,
      kase,
      'staff.reply',
      { staff: actorOf(staff), text, messageId },
      messageId,
    );
    return reply.redirect(back(kase, 'reply'), 303);
  });

  app.post('/console/cases/:ref/note', async (request, reply) => {
    const { staff, kase } = await visibleCase(ctx, request);
    const { text } = parseInput(noteBody, form(request), 'body');
    const id = formActionId('staff-note', staff.name, kase.ref, form(request)._key);
    await runStaffCommand(runtime, kase, 'staff.note', { staff: actorOf(staff), text }, id);
    return reply.redirect(back(kase, 'note'), 303);
  });

  app.post('/console/cases/:ref/release', async (request, reply) => {
    const { staff, kase } = await visibleCase(ctx, request);
    const id = formActionId('staff-release', staff.name, kase.ref, form(request)._key);
    await runStaffCommand(runtime, kase, 'staff.release', { staff: actorOf(staff) }, id);
    return reply.redirect('/console', 303);
  });

  app.post('/console/cases/:ref/resolve', async (request, reply) => {
    const { staff, kase } = await visibleCase(ctx, request);
    const zone = runtime.content.policy.hours.timezone;
    const record = recordFromForm(form(request), zone, runtime.clock.now());
    const id = formActionId('staff-resolve', staff.name, kase.ref, form(request)._key);
    await resolveCase(runtime, staff, kase, record, id);
    return reply.redirect(back(kase, 'resolve'), 303);
  });
};
