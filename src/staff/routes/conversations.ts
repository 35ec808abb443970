/**
 * `POST /conversations`: a staff member starts an SMS or email conversation (a callback after a call, a
 * proactive notice). A case opens, owned by them and waiting for the customer; a customer who opted out
 * cannot be written to (409 SUPPORT_ERR_OPTED_OUT).
 */
import { createHash, randomUUID } from 'node:crypto';
import { type CountryCode, parsePhoneNumberFromString } from 'libphonenumber-js';
import type { z } from 'zod';
import { conversationKeyOf, customerIdFor, identityOf } from '../../conversation/keys.js';
import { SupportError } from '../../errors.js';
import type { Runtime } from '../../runtime.js';
import { actorOf, assertTeamMember } from '../access.js';
import type { StaffAccount } from '../accounts.js';
import { caller } from '../auth.js';
import { startBody } from '../schemas.js';
import { parseInput } from '../validate.js';
import type { StaffRoutes } from './context.js';

const EMAIL = /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/;

/** The address as the channel delivers it: E.164 for a phone, lower-case for a mailbox. */
function addressOf(channel: 'sms' | 'email', to: string, region: string): string {
  if (channel === 'email') {
    if (!EMAIL.test(to))
      throw new SupportError('SUPPORT_ERR_VALIDATION', `to: ${to} is not an email address`);
    return to.toLowerCase();
  }
  const phone = parsePhoneNumberFromString(to, region as CountryCode);
  if (!phone?.isValid())
    throw new SupportError('SUPPORT_ERR_VALIDATION', `to: ${to} is not a valid phone number`);
  return phone.number;
}

/** Starts the conversation for a staff member (the API route and the console's customer page). */
export async function startConversation(
  runtime: Runtime,
  staff: StaffAccount,
  body: z.infer<typeof startBody>,
  idempotencyKey?: string,
): Promise<{ ref: string; messageId: string }> {
  const team = body.team ?? staff.teams[0] ?? null;
  if (team) assertTeamMember(staff, team);
  const address = addressOf(body.channel, body.to, runtime.config.DEFAULT_PHONE_REGION);
  if (await runtime.deliveries.isOptedOut(body.channel, address)) {
    throw new SupportError('SUPPORT_ERR_OPTED_OUT', `${address} opted out of ${body.channel}`);
  }
  const identity = identityOf(body.channel, address);
  // An Idempotency-Key makes a retried request a no-op that returns the first answer.
  const messageId = idempotencyKey
    ? `staff-start-${createHash('sha256').update(`${staff.name}\n${address}\n${idempotencyKey}`).digest('hex').slice(0, 32)}`
    : `staff-start-${randomUUID()}`;
  const lang = /\p{Script=Han}/u.test(body.text) ? 'zh' : 'en';
  return runtime.desk.command<{ ref: string; messageId: string }>(
    customerIdFor(identity),
    'staff.start',
    {
      staff: actorOf(staff),
      teams: staff.teams,
      team,
      channel: body.channel,
      address,
      identity,
      text: body.text,
      messageId,
      lang,
    },
    { id: messageId, conversation: conversationKeyOf(identity) },
  );
}

export const conversationRoutes: StaffRoutes = (app, { runtime }) => {
  app.post('/conversations', async (request, reply) => {
    const body = parseInput(startBody, request.body, 'body');
    const header = request.headers['idempotency-key'];
    const key = Array.isArray(header) ? header[0] : header;
    const result = await startConversation(runtime, caller(request), body, key);
    return reply.code(202).send({ ref: result.ref, messageId: result.messageId, status: 'queued' });
  });
};
