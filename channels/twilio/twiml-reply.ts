/**
 * Answers to Twilio: TwiML documents, and the 400 every webhook gives a payload it cannot use (with the
 * log line saying what was missing).
 */
import type { FastifyReply } from 'fastify';
import twilio from 'twilio';
import type { z } from 'zod';
import { describeIssues, type Refusal } from '../../src/port/refusal.js';

/** `<Response/>`: "nothing to do now" — SMS replies go out later through the outbox. */
export function emptyTwiml(): string {
  return new twilio.twiml.MessagingResponse().toString();
}

/** `<Response><Message>text</Message></Response>`: an SMS reply Twilio sends at once. */
export function messageTwiml(text: string): string {
  const response = new twilio.twiml.MessagingResponse();
  response.message(text);
  return response.toString();
}

export function sendTwiml(reply: FastifyReply, xml: string): FastifyReply {
  return reply.code(200).type('text/xml; charset=utf-8').send(xml);
}

/** The 400 every Twilio webhook gives a payload it cannot use, naming what was missing. */
export function payloadRefusal(channel: 'sms' | 'voice', error: z.ZodError): Refusal {
  const detail = describeIssues(error);
  return {
    channel,
    status: 400,
    code: 'SUPPORT_ERR_WEBHOOK_PAYLOAD',
    message: `The webhook payload is missing required fields: ${detail}`,
    event: 'twilio webhook refused: required parameters missing',
    reason: 'bad_payload',
    log: { problems: detail },
  };
}
