/**
 * `/console/engineer`: the engineer's day on a phone, and per visit: arrived / finished, photos from the
 * camera, and the customer's confirmation on the spot. Every change is a desk command in the customer's
 * inbox (`staff.onsite`, `staff.attach`, `staff.confirm_code`, `staff.confirm_onsite`).
 */
import { randomInt, randomUUID } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { SupportError } from '../../errors.js';
import type { Runtime } from '../../runtime.js';
import { actorOf } from '../../staff/access.js';
import { caseAudit } from '../../staff/audit.js';
import { caseDetail } from '../../staff/case-detail.js';
import { runStaffCommand } from '../../staff/commands.js';
import { parseInput } from '../../staff/validate.js';
import { formActionId } from '../action-id.js';
import { signatureJs, workplaceCss } from '../assets/workplace.js';
import { type ConsoleContext, type ConsoleRoutes, pageContext, sendPage, signedIn } from '../context.js';
import { dayVisit, visitsToday } from '../engineer-day.js';
import { keepPicture } from '../photo-store.js';
import { engineerDayPage, engineerVisitPage } from '../views/engineer.js';
import { visibleCase } from './case.js';

const DONE = ['arrived', 'finished', 'photo', 'signed', 'code', 'confirmed'] as const;
const doneQuery = z.object({ done: z.enum(DONE).optional() });
const codeForm = z.object({
  code: z
    .string()
    .trim()
    .regex(/^\d{6}$/, 'must be the 6 digits texted to the customer'),
});
const signatureForm = z.object({
  signature: z
    .string()
    .max(700_000, 'the signature is too large')
    .regex(/^data:image\/png;base64,[A-Za-z0-9+/=]+$/, 'draw the signature first'),
});
const stepParams = z.object({ step: z.enum(['arrived', 'finished']) });

/** Only a confirmation that took goes into the audit trail (a wrong code is a no, not a confirmation). */
async function confirmedInTrail(runtime: Runtime, ref: string, staff: string, method: string) {
  const at = runtime.clock.now().toISOString();
  await caseAudit(runtime).record(ref, { at, staff, action: 'confirmed_on_site', detail: method });
}

/** One visit's page: the card, photos, the record and the customer's confirmation. */
async function visitPage(
  ctx: ConsoleContext,
  request: FastifyRequest,
  notice?: { text: string; error?: boolean },
) {
  const { kase } = await visibleCase(ctx, request);
  if (!kase.appointment)
    throw new SupportError('SUPPORT_ERR_VALIDATION', `case ${kase.ref} has no visit booked`);
  return engineerVisitPage(
    pageContext(request, ctx.runtime),
    dayVisit(kase),
    await caseDetail(ctx.runtime, kase),
    notice,
  );
}

/** Proof of the work: photos from the camera, and the customer's confirmation on the spot. */
const engineerProofRoutes: ConsoleRoutes = (app, ctx) => {
  const { runtime } = ctx;
  const form = (request: FastifyRequest) => (request.body ?? {}) as Record<string, unknown>;
  const page = (request: FastifyRequest) => pageContext(request, runtime);

  app.post('/console/engineer/:ref/photo', async (request, reply) => {
    const { staff, kase } = await visibleCase(ctx, request);
    const file = form(request).file;
    if (!Buffer.isBuffer(file) || file.length === 0)
      throw new SupportError('SUPPORT_ERR_VALIDATION', 'file: take or choose a photo');
    const attachment = await keepPicture(runtime, kase, file, 'photo');
    await runStaffCommand(
      runtime,
      kase,
      'staff.attach',
      { staff: actorOf(staff), attachment, text: page(request).w.engineerPhoto },
      `staff-attach-${kase.ref}-${attachment.url.slice(-32)}`,
    );
    return reply.redirect(`/console/engineer/${kase.ref}?done=photo`, 303);
  });

  app.post('/console/engineer/:ref/sign', async (request, reply) => {
    const { staff, kase } = await visibleCase(ctx, request);
    const { signature } = parseInput(signatureForm, form(request), 'body');
    const bytes = Buffer.from(signature.slice(signature.indexOf(',') + 1), 'base64');
    const stored = await keepPicture(runtime, kase, bytes, 'signature');
    const id = formActionId('staff-sign', staff.name, kase.ref, form(request)._key);
    await runStaffCommand(
      runtime,
      kase,
      'staff.confirm_onsite',
      { staff: actorOf(staff), method: 'signature', signature: stored.url },
      id,
    );
    await confirmedInTrail(runtime, kase.ref, staff.name, 'signature');
    return reply.redirect(`/console/engineer/${kase.ref}?done=signed`, 303);
  });

  app.post('/console/engineer/:ref/code', async (request, reply) => {
    const { staff, kase } = await visibleCase(ctx, request);
    const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
    const id = formActionId('staff-code', staff.name, kase.ref, form(request)._key);
    await runStaffCommand(runtime, kase, 'staff.confirm_code', { staff: actorOf(staff), code }, id);
    return reply.redirect(`/console/engineer/${kase.ref}?done=code#code`, 303);
  });

  app.post('/console/engineer/:ref/code-check', async (request, reply) => {
    const { staff, kase } = await visibleCase(ctx, request);
    const { code } = parseInput(codeForm, form(request), 'body');
    const result = await runStaffCommand<{ confirmed: boolean }>(
      runtime,
      kase,
      'staff.confirm_onsite',
      { staff: actorOf(staff), method: 'code', code },
      `staff-code-check-${randomUUID()}`,
    );
    if (result.confirmed) {
      await confirmedInTrail(runtime, kase.ref, staff.name, 'code');
      return reply.redirect(`/console/engineer/${kase.ref}?done=confirmed`, 303);
    }
    return sendPage(
      reply,
      await visitPage(ctx, request, { text: page(request).w.engineerCodeWrong, error: true }),
      422,
    );
  });
};

export const engineerRoutes: ConsoleRoutes = (app, ctx) => {
  engineerProofRoutes(app, ctx);
  const { runtime } = ctx;
  const form = (request: FastifyRequest) => (request.body ?? {}) as Record<string, unknown>;
  const publicRoute = { config: { consolePublic: true } };
  const asset =
    (type: string, body: string) => async (_request: FastifyRequest, reply: import('fastify').FastifyReply) =>
      reply.type(type).header('cache-control', 'public, max-age=300').send(body);

  app.get('/console/assets/workplace.css', publicRoute, asset('text/css; charset=utf-8', workplaceCss));
  app.get('/console/assets/signature.js', publicRoute, asset('text/javascript; charset=utf-8', signatureJs));

  app.get('/console/engineer', async (request, reply) => {
    const { staff } = signedIn(request);
    const page = pageContext(request, runtime);
    const { done } = doneQuery.parse(request.query ?? {});
    return sendPage(
      reply,
      engineerDayPage(page, await visitsToday(runtime, staff.name), done ? page.w.engineerDone : undefined),
    );
  });

  app.get('/console/engineer/:ref', async (request, reply) => {
    const page = pageContext(request, runtime);
    const { done } = doneQuery.parse(request.query ?? {});
    const text =
      done === 'photo'
        ? page.w.engineerPhotoDone
        : done === 'code'
          ? page.w.engineerCodeSent
          : done
            ? page.w.engineerDone
            : undefined;
    return sendPage(reply, await visitPage(ctx, request, text ? { text } : undefined));
  });

  app.post('/console/engineer/:ref/:step', async (request, reply) => {
    const { step } = parseInput(stepParams, { step: (request.params as { step?: string }).step }, 'params');
    const { staff, kase } = await visibleCase(ctx, request);
    const id = formActionId(`staff-onsite-${step}`, staff.name, kase.ref, form(request)._key);
    await runStaffCommand(runtime, kase, 'staff.onsite', { staff: actorOf(staff), step }, id);
    return reply.redirect(`/console/engineer?done=${step}#v-${kase.ref}`, 303);
  });
};
