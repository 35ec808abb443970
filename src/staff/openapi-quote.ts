/** The quote routes in the OpenAPI document; bodies come from the zod schemas the routes parse with. */
import { quoteInputSchema, quoteResendSchema, quoteStatuses } from '../cases/quote.js';
import { type Json, schemaOf } from './openapi-components.js';

const error = (description: string) => ({
  description,
  content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
});
const ref = {
  name: 'ref',
  in: 'path',
  required: true,
  schema: { type: 'string', example: 'SR-2611-0042' },
};
const idempotencyKey = {
  name: 'Idempotency-Key',
  in: 'header',
  required: false,
  description: 'A retried request with the same key does nothing again and returns the first answer.',
  schema: { type: 'string', maxLength: 200 },
};

export const quoteSchema: Json = {
  type: 'object',
  description: 'A quote as the case shows it; `expired` once its last day has passed unanswered',
  properties: {
    n: { type: 'integer', description: '1 for the first quote of the case, 2 for the next…' },
    status: { enum: [...quoteStatuses] },
    total: { type: 'number', example: 1280 },
    currency: { type: 'string', example: 'CNY' },
    items: {
      type: 'array',
      items: {
        type: 'object',
        properties: { description: { type: 'string' }, amount: { type: 'number' } },
      },
    },
    validUntil: { type: 'string', format: 'date-time' },
    sentAt: { type: 'string', format: 'date-time' },
    sentBy: { type: 'string' },
    decidedAt: { type: ['string', 'null'], format: 'date-time' },
    reason: { type: 'string', description: "The customer's words when they declined" },
  },
};

const sent = {
  201: {
    description: 'Sent: the customer receives it on their channel',
    content: {
      'application/json': {
        schema: {
          type: 'object',
          properties: { case: { $ref: '#/components/schemas/CaseView' }, quote: quoteSchema },
        },
      },
    },
  },
  400: error('SUPPORT_ERR_VALIDATION: an item without a description, a negative amount, a bad currency'),
  401: error('SUPPORT_ERR_AUTH_REQUIRED'),
  403: error('SUPPORT_ERR_FORBIDDEN or SUPPORT_ERR_CASE_NOT_OWNER'),
  404: error('SUPPORT_ERR_CASE_NOT_FOUND'),
  409: error(
    'SUPPORT_ERR_QUOTE_STATE: the case is resolved or closed, the customer already accepted a quote, or (resend) the last quote is still valid or there is none',
  ),
};

export function quotePaths(): Json {
  return {
    '/cases/{ref}/quote': {
      post: {
        summary:
          'Send a paid repair quote: the customer receives the items, the total, the last day and how to accept',
        parameters: [ref, idempotencyKey],
        requestBody: {
          required: true,
          content: { 'application/json': { schema: schemaOf(quoteInputSchema) } },
        },
        responses: sent,
      },
    },
    '/cases/{ref}/quote/resend': {
      post: {
        summary: 'Send the last quote again, for a new period, once it expired or was declined',
        parameters: [ref, idempotencyKey],
        requestBody: {
          required: false,
          content: { 'application/json': { schema: schemaOf(quoteResendSchema) } },
        },
        responses: sent,
      },
    },
  };
}
