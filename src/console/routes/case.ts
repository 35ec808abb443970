/**
 * The case page and its actions. Every action is the staff API's desk command with the same payload
 * (`staff.reply`, `staff.note`, `staff.release`, and resolve through the shared `resolveCase`): the
 * desk checks ownership and transitions, so the console cannot change a case any other way. Each
 * action lands back on the page at the place it was taken from (`#composer`, `#case-actions`), so
 * without script the page does not jump to the top either.
 */
import type { FastifyRequest } from 'fastify';
import { DateTime } from 'luxon';
import { z } from 'zod';
import type { Case } from '../../cases/types.js';
import { actorOf, assertCanSee } from '../../staff/access.js';
import type { StaffAccount } from '../../staff/accounts.js';
import { caseAudit } from '../../staff/audit.js';
import { loadCase } from '../../staff/case-detail.js';
import { runStaffCommand } from '../../staff/commands.js';
import { createNotifications, mentionedIn } from '../../staff/notifications.js';
import { resolveCase } from '../../staff/resolve.js';
import { noteBody, refParams, replyBody } from '../../staff/schemas.js';
import { parseInput } from '../../staff/validate.js';
import { formActionId, newFormKey } from '../action-id.js';
import { casePageData } from '../case-data.js';
import { type ConsoleContext, type ConsoleRoutes, pageContext, sendPage, signedIn } from '../context.js';
import { words } from '../i18n.js';
import { kbWords } from '../kb-words.js';
import { recordFromForm } from '../record-form.js';
import { casePage } from '../views/case.js';

const noticeQuery = z.object({ done: z.string().max(20).optional() });
const releaseForm = z.object({ reason: z.string().trim().min(1, 'say why').max(300) });
const enquiryForm = z.object({ what: z.string().trim().max(2000).optional() });

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

/** Where an action lands: the case page, at the part of it the action was taken from. */
export const backTo = (kase: Case, done: string, place = 'case-actions') =>
  `/console/cases/${kase.ref}?done=${done}#${place}`;

/** A pure enquiry closes with a short record that says so: nothing for an engineer to fill in. */
function enquiryRecord(kase: Case, staff: StaffAccount, what: string | undefined, now: Date, zone: string) {
  const c = words[kase.lang].c;
  return {
    faultReported: (kase.summary || what || c.enquiry).slice(0, 2000),
    faultFound: (what || c.enquiryAnswered).slice(0, 2000),
    cause: c.enquiry,
    actions: c.enquiryRecordNote,
    partsReplaced: [],
    engineer: staff.displayName ?? staff.name,
    finishedAt: DateTime.fromJSDate(now, { zone }).toISO()!,
    mode: 'remote' as const,
    kind: 'enquiry' as const,
    findings: [],
    consumables: [],
    trips: [],
  };
}

export const caseRoutes: ConsoleRoutes = (app, ctx) => {
  const { runtime } = ctx;
  const form = (request: FastifyRequest) => (request.body ?? {}) as Record<string, unknown>;
  const notifications = createNotifications(runtime.redis, runtime.config.REDIS_KEY_PREFIX);

  app.get('/console/cases/:ref', async (request, reply) => {
    const { staff, kase } = await visibleCase(ctx, request);
    // Opening the page is the view the trail records (debounced per person), not the live stream.
    await caseAudit(runtime).viewed(kase.ref, staff.name, runtime.clock.now());
    const page = pageContext(request, runtime);
    const { done } = noticeQuery.parse(request.query ?? {});
    const data = await casePageData(ctx, staff, kase, page.lang, newFormKey());
    const notice = done === 'kb' ? kbWords[page.lang].drafted : done ? page.w.done : undefined;
    return sendPage(reply, casePage(page, { ...data, ...(notice ? { notice } : {}) }));
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
    return reply.redirect(backTo(kase, 'reply', 'composer'), 303);
  });

  app.post('/console/cases/:ref/note', async (request, reply) => {
    const { staff, kase } = await visibleCase(ctx, request);
    const { text } = parseInput(noteBody, form(request), 'body');
    const id = formActionId('staff-note', staff.name, kase.ref, form(request)._key);
    await runStaffCommand(runtime, kase, 'staff.note', { staff: actorOf(staff), text }, id);
    // Each colleague the note names hears of it on their bell (once per note: the id is the form's).
    const named = mentionedIn(text, await ctx.accounts.list(), staff.name);
    await Promise.all(
      named.map((person) =>
        notifications.push(person.name, {
          ref: kase.ref,
          text: text.slice(0, 300),
          at: runtime.clock.now().toISOString(),
          kind: 'mentioned',
          by: staff.name,
        }),
      ),
    );
    return reply.redirect(backTo(kase, 'note', 'composer'), 303);
  });

  app.post('/console/cases/:ref/release', async (request, reply) => {
    const { staff, kase } = await visibleCase(ctx, request);
    const { reason } = parseInput(releaseForm, form(request), 'body');
    const id = formActionId('staff-release', staff.name, kase.ref, form(request)._key);
    await runStaffCommand(runtime, kase, 'staff.release', { staff: actorOf(staff), reason }, id);
    return reply.redirect('/console', 303);
  });

  app.post('/console/cases/:ref/close-enquiry', async (request, reply) => {
    const { staff, kase } = await visibleCase(ctx, request);
    const { what } = parseInput(enquiryForm, form(request), 'body');
    const zone = runtime.content.policy.hours.timezone;
    const record = enquiryRecord(kase, staff, what || undefined, runtime.clock.now(), zone);
    const id = formActionId('staff-resolve', staff.name, kase.ref, form(request)._key);
    await resolveCase(runtime, staff, kase, record, id);
    return reply.redirect(backTo(kase, 'resolve', 'case-h'), 303);
  });

  app.post('/console/cases/:ref/resolve', async (request, reply) => {
    const { staff, kase } = await visibleCase(ctx, request);
    const zone = runtime.content.policy.hours.timezone;
    const future = words[request.consoleLang].c.finishInFuture;
    const record = recordFromForm(form(request), zone, runtime.clock.now(), future);
    const id = formActionId('staff-resolve', staff.name, kase.ref, form(request)._key);
    await resolveCase(runtime, staff, kase, record, id);
    return reply.redirect(backTo(kase, 'resolve', 'case-h'), 303);
  });
};
