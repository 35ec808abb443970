/**
 * The printable maintenance record and emailing it to the customer. The mail goes through the desk
 * (`staff.email_record`) and the outbox on the email channel like every reply, to the address the
 * customer wrote from by email, else to one typed on the page. Anyone who may see the case may send it;
 * the audit trail and the timeline say who sent it where. Without an email channel (no SMTP settings)
 * the form is not shown and the action answers 409.
 */
import { z } from 'zod';
import type { Case } from '../../cases/types.js';
import { customerEmailOf } from '../../desk/email-record.js';
import { SupportError } from '../../errors.js';
import type { Runtime } from '../../runtime.js';
import { actorOf } from '../../staff/access.js';
import { caseDetail } from '../../staff/case-detail.js';
import { runStaffCommand } from '../../staff/commands.js';
import { parseInput } from '../../staff/validate.js';
import { formActionId, newFormKey } from '../action-id.js';
import { caseLabels } from '../case-labels.js';
import { type ConsoleRoutes, pageContext, sendPage } from '../context.js';
import { recordPage } from '../views/record.js';
import { visibleCase } from './case.js';

const address = z.email({ message: 'must be an email address' }).max(254);
const emailForm = z.object({ to: z.string().trim().max(254).optional() });
const sentQuery = z.object({ sent: address.optional().catch(undefined) });

/** Email is configured when the email channel has a sender (its SMTP settings are given). */
export function canEmail(runtime: Runtime): boolean {
  return runtime.channels.some((adapter) => adapter.kind === 'email' && adapter.sender !== undefined);
}

async function customerEmail(runtime: Runtime, kase: Case): Promise<string | null> {
  const profile = await runtime.cases.customer(kase.customerId);
  return customerEmailOf(kase, profile?.identities ?? []);
}

export const recordRoutes: ConsoleRoutes = (app, ctx) => {
  const { runtime } = ctx;

  app.get('/console/cases/:ref/record', async (request, reply) => {
    const { kase } = await visibleCase(ctx, request);
    const { sent } = sentQuery.parse(request.query ?? {});
    const mail =
      kase.record && canEmail(runtime)
        ? { key: newFormKey(), to: await customerEmail(runtime, kase), ...(sent ? { sentTo: sent } : {}) }
        : undefined;
    const page = pageContext(request, runtime);
    const labels = caseLabels(runtime.content.bundle, page.lang);
    return sendPage(reply, recordPage(page, await caseDetail(runtime, kase), mail, labels));
  });

  app.post('/console/cases/:ref/record/email', async (request, reply) => {
    const { staff, kase } = await visibleCase(ctx, request);
    if (!canEmail(runtime)) throw new SupportError('SUPPORT_ERR_EMAIL_OFF');
    const body = (request.body ?? {}) as Record<string, unknown>;
    const typed = parseInput(emailForm, body, 'body').to;
    // The customer's own address wins: a record goes where they wrote from, not to a mistyped one.
    const to =
      (await customerEmail(runtime, kase)) ?? parseInput(z.object({ to: address }), { to: typed }, 'body').to;
    const messageId = formActionId('staff-email-record', staff.name, kase.ref, body._key);
    await runStaffCommand(
      runtime,
      kase,
      'staff.email_record',
      { staff: actorOf(staff), to, messageId },
      messageId,
    );
    return reply.redirect(`/console/cases/${kase.ref}/record?sent=${encodeURIComponent(to)}`, 303);
  });
};
