/**
 * A paid repair's quote: `POST /cases/:ref/quote` sends one (items with amounts, currency, valid for N
 * days) to the customer on their channel; `POST /cases/:ref/quote/resend` sends the last one again once
 * it expired or was declined. The answer comes from the customer (src/actions/quote-answer.ts).
 */
import { quoteInputSchema, quoteResendSchema, quoteView } from '../../cases/quote.js';
import type { CaseView } from '../../desk/views.js';
import { actorOf } from '../access.js';
import { actionId, runStaffCommand } from '../commands.js';
import { parseInput } from '../validate.js';
import type { StaffRoutes } from './context.js';
import { targetCase } from './target.js';

export const quoteRoutes: StaffRoutes = (app, { runtime }) => {
  const sent = async (ref: string, view: CaseView) => {
    const kase = await runtime.cases.get(ref);
    return { case: view, quote: quoteView(kase?.quote, runtime.clock.now()) };
  };

  app.post('/cases/:ref/quote', async (request, reply) => {
    const body = parseInput(quoteInputSchema, request.body, 'body');
    const { staff, kase } = await targetCase(runtime, request);
    const view = await runStaffCommand<CaseView>(
      runtime,
      kase,
      'staff.quote',
      { staff: actorOf(staff), quote: body },
      actionId(request, 'staff-quote', staff, kase),
    );
    reply.code(201);
    return sent(kase.ref, view);
  });

  app.post('/cases/:ref/quote/resend', async (request, reply) => {
    const body = parseInput(quoteResendSchema, request.body ?? {}, 'body');
    const { staff, kase } = await targetCase(runtime, request);
    const view = await runStaffCommand<CaseView>(
      runtime,
      kase,
      'staff.quote',
      { staff: actorOf(staff), ...(body.validDays ? { validDays: body.validDays } : {}) },
      actionId(request, 'staff-quote-resend', staff, kase),
    );
    reply.code(201);
    return sent(kase.ref, view);
  });
};
