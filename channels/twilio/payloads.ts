/**
 * The Twilio webhook parameters we rely on, parsed with zod at the boundary. Twilio sends many more
 * (FromCity, ApiVersion…); they are allowed and ignored. A repeated parameter arrives as an array and
 * fails the parse, which is what a forged or garbled request deserves.
 * Names: https://www.twilio.com/docs/messaging/guides/webhook-request,
 * https://www.twilio.com/docs/voice/twiml#request-parameters, …/voice/twiml/gather, …/voice/twiml/dial.
 */
import { z } from 'zod';

const required = z
  .string({ error: (issue) => (issue.input === undefined ? 'is required' : 'must be one text value') })
  .trim()
  .min(1, 'is required');
const optional = z.string().optional();

export const smsWebhookSchema = z.looseObject({
  MessageSid: required,
  AccountSid: required,
  From: required,
  To: required,
  Body: optional,
  NumMedia: optional,
});
export type SmsWebhook = z.infer<typeof smsWebhookSchema>;

/** Every MessageStatus in Twilio's API; anything else is a malformed callback. */
export const messageStatuses = [
  'queued',
  'sending',
  'sent',
  'failed',
  'delivered',
  'undelivered',
  'receiving',
  'received',
  'accepted',
  'scheduled',
  'read',
  'partially_delivered',
  'canceled',
] as const;
export type MessageStatus = (typeof messageStatuses)[number];

export const smsStatusSchema = z.looseObject({
  MessageSid: required,
  MessageStatus: required,
  ErrorCode: optional,
  To: optional,
});
export type SmsStatus = z.infer<typeof smsStatusSchema>;

/** Every CallStatus Twilio documents; an unknown one is logged and the call is treated as live. */
export const callStatuses = [
  'queued',
  'initiated',
  'ringing',
  'in-progress',
  'completed',
  'busy',
  'failed',
  'no-answer',
  'canceled',
] as const;
export const finishedCallStatuses = new Set(['completed', 'busy', 'failed', 'no-answer', 'canceled']);

export const voiceWebhookSchema = z.looseObject({
  CallSid: required,
  AccountSid: required,
  From: required,
  To: optional,
  CallStatus: optional,
});
export type VoiceWebhook = z.infer<typeof voiceWebhookSchema>;

export const gatherSchema = voiceWebhookSchema.extend({
  Digits: optional,
  SpeechResult: optional,
  Confidence: optional,
});
export type GatherWebhook = z.infer<typeof gatherSchema>;

/** `<Dial action>` outcome. `completed`/`answered`: somebody took the call. */
export const dialStatuses = ['completed', 'answered', 'busy', 'no-answer', 'failed', 'canceled'] as const;

export const dialStatusSchema = voiceWebhookSchema.extend({
  DialCallStatus: required,
  DialCallDuration: optional,
});
export type DialStatusWebhook = z.infer<typeof dialStatusSchema>;

/** Query of our own voice callback URLs: the answer counter, the case reference, the language. */
export const voiceQuerySchema = z.looseObject({
  n: z.coerce.number().int().min(0).max(10_000).optional(),
  ref: z
    .string()
    .regex(/^SR-\d{4}-\d{4,}$/)
    .optional(),
  lang: z.enum(['zh', 'en']).optional(),
});
