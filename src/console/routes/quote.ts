/**
 * Sending a paid repair's quote from the console's case page, or sending an expired or declined one
 * again: the same desk command and schema as the staff API's `/quote` and `/quote/resend`.
 */
import type { FastifyRequest } from 'fastify';
import { quoteInputSchema } from '../../cases/quote.js';
import { actorOf } from '../../staff/access.js';
import { runStaffCommand } from '../../staff/commands.js';
import { parseInput } from '../../staff/validate.js';
import { formActionId } from '../action-id.js';
import type { ConsoleRoutes } from '../context.js';
import { QUOTE_ROWS } from '../views/quote.js';
import { visibleCase } from './case.js';

const field = (form: Record<string, unknown>, name: string) =>
  typeof form[name] === 'string' ? (form[name] as string).trim() : '';

/** The filled rows of the form as items; a number field sends text, so amounts are read here. */
function itemsOf(form: Record<string, unknown>) {
  return Array.from({ length: QUOTE_ROWS }, (_, n) => n)
    .map((n) => ({ description: field(form, `description_${n}`), amount: field(form, `amount_${n}`) }))
    .filter((row) => row.description !== '' || row.amount !== '')
    .map((row) => ({
      description: row.description,
      amount: row.amount === '' ? Number.NaN : Number(row.amount),
    }));
}

export const quoteRoutes: ConsoleRoutes = (app, ctx) => {
  const { runtime } = ctx;
  const form = (request: FastifyRequest) => (request.body ?? {}) as Record<string, unknown>;

  app.post('/console/cases/:ref/quote', async (request, reply) => {
    const { staff, kase } = await visibleCase(ctx, request);
    const fields = form(request);
    const days = field(fields, 'validDays');
    const quote = parseInput(
      quoteInputSchema,
      {
        items: itemsOf(fields),
        currency: field(fields, 'currency') || 'CNY',
        validDays: days === '' ? 7 : Number(days),
      },
      'body',
    );
    const id = formActionId('staff-quote', staff.name, kase.ref, fields._key);
    await runStaffCommand(runtime, kase, 'staff.quote', { staff: actorOf(staff), quote }, id);
    return reply.redirect(`/console/cases/${kase.ref}?done=quote`, 303);
  });

  app.post('/console/cases/:ref/quote/resend', async (request, reply) => {
    const { staff, kase } = await visibleCase(ctx, request);
    const id = formActionId('staff-quote-resend', staff.name, kase.ref, form(request)._key);
    await runStaffCommand(runtime, kase, 'staff.quote', { staff: actorOf(staff) }, id);
    return reply.redirect(`/console/cases/${kase.ref}?done=quote`, 303);
  });
};
