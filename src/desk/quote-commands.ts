/**
 * `staff.quote`: staff send a paid repair's quote from the case (or send the last one again once it
 * expired or was declined). The customer receives it on their latest channel with the items, the total,
 * the last day and how to answer, as the `quote_reply` flow's question, so a reply in words or a tap on
 * a button lands on it. A quote is a response to the customer: it keeps a pending reply promise.
 */
import { isActive } from '../cases/lifecycle.js';
import { settlePromise } from '../cases/operations.js';
import { newQuote, type QuoteInput, quoteAt, quoteValues } from '../cases/quote.js';
import type { Case } from '../cases/types.js';
import { SupportError } from '../errors.js';
import { CaseWork } from './case-work.js';
import type { CommandContext, CommandHandler } from './desk.js';
import { assertMayAct, type StaffActor } from './staff-commands.js';

/** The flow that asks the customer to accept or decline (flows/quote_reply.yaml). */
export const QUOTE_FLOW = 'quote_reply';

interface QuotePayload {
  staff: StaffActor;
  /** A new quote; absent: the last one again (`resend`). */
  quote?: QuoteInput;
  validDays?: number;
}

function quotable(ctx: CommandContext, staff: StaffActor): Case {
  const kase = ctx.case;
  if (!kase) throw new SupportError('SUPPORT_ERR_CASE_NOT_FOUND', `no case ${ctx.state.item.caseRef ?? ''}`);
  assertMayAct(kase, staff);
  if (!isActive(kase.status))
    throw new SupportError(
      'SUPPORT_ERR_QUOTE_STATE',
      `case ${kase.ref} is ${kase.status}: no quote can be sent`,
    );
  const current = kase.quote ? quoteAt(kase.quote, ctx.now) : null;
  if (current?.status === 'accepted')
    throw new SupportError('SUPPORT_ERR_QUOTE_STATE', `the customer already accepted quote ${current.n}`);
  return kase;
}

/** What is sent again: the last quote's items, for a new period; only once it expired or was declined. */
function resendInput(kase: Case, validDays: number | undefined, now: Date): QuoteInput {
  const last = kase.quote ? quoteAt(kase.quote, now) : null;
  if (!last) throw new SupportError('SUPPORT_ERR_QUOTE_STATE', `case ${kase.ref} has no quote to send again`);
  if (last.status === 'sent')
    throw new SupportError(
      'SUPPORT_ERR_QUOTE_STATE',
      `quote ${last.n} is still valid until ${last.validUntil}: send a new quote to change it`,
    );
  return { items: last.items, currency: last.currency, validDays: validDays ?? last.validDays };
}

export const sendQuote: CommandHandler = async (ctx) => {
  const payload = ctx.state.item.payload as QuotePayload;
  const kase = quotable(ctx, payload.staff);
  const input = payload.quote ?? resendInput(kase, payload.validDays, ctx.now);
  const { services } = ctx.deps;
  const previous = kase.quote ? quoteAt(kase.quote, ctx.now) : null;
  const quote = newQuote(input, {
    staff: payload.staff.name,
    now: ctx.now,
    timezone: services.timezone,
    previous,
  });
  const work = new CaseWork(ctx, kase);
  const settled = settlePromise(kase, work.nowIso);
  work.effects.push(...settled.effects);
  work.case = {
    ...settled.case,
    quote,
    ...(previous ? { quoteHistory: [...(kase.quoteHistory ?? []), previous] } : {}),
    sla: {
      ...settled.case.sla,
      firstResponseAt: settled.case.sla.firstResponseAt ?? work.nowIso,
      lastStaffReplyAt: work.nowIso,
    },
    handledBy: kase.handledBy.includes(payload.staff.name)
      ? kase.handledBy
      : [...kase.handledBy, payload.staff.name],
  };
  const values = quoteValues(quote, services.formatDate, services.timezone);
  const total = values.total;
  work.event(
    'quote_sent',
    `quote ${quote.n} sent by ${payload.staff.name}: ${total}`,
    {
      n: quote.n,
      total: quote.total,
      currency: quote.currency,
    },
    payload.staff.name,
  );
  const notice = work.notice('quote', { total, until: values.valid_until[kase.lang] });
  await work.runFlow(QUOTE_FLOW, { quote: values }, ctx.state.item.id, notice);
  return work.finish();
};
