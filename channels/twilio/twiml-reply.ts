/**
 * Answers to Twilio: TwiML documents, and the 400 every webhook gives a payload it cannot use (with the
 * log line saying what was missing).
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import twilio from 'twilio';
import type { z } from 'zod';
import type { Metrics } from '../../src/metrics.js';
import { describeIssues } from './payloads.js';

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

export function rejectPayload(
  request: FastifyRequest,
  reply: FastifyReply,
  channel: 'sms' | 'voice',
  error: z.ZodError,
  metrics?: Metrics,
): FastifyReply {
  const detail = describeIssues(error);
  metrics?.webhookRejected.inc({ channel, reason: 'bad_payload' });
  request.log.warn(
    { channel, url: request.url, problems: detail },
    'twilio webhook refused: required parameters missing',
  );
  return reply
    .code(400)
    .type('application/json')
    .send({
      error: {
        code: 'SUPPORT_ERR_WEBHOOK_PAYLOAD',
        message: `The webhook payload is missing required fields: ${detail}`,
      },
    });
}
