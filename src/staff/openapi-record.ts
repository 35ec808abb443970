/**
 * The routes that read the record (PostgreSQL) in the OpenAPI document: the case search and lists, and
 * the customer's page. Both read the replica when DATABASE_READ_URL is set.
 */
import type { Json } from './openapi-components.js';

const error = (description: string) => ({
  description,
  content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
});
const common = {
  400: error('SUPPORT_ERR_VALIDATION: a bad filter; the message names it'),
  401: error('SUPPORT_ERR_AUTH_REQUIRED'),
  503: error('SUPPORT_ERR_UNAVAILABLE: the record (PostgreSQL) is not configured or unreachable'),
};
const text = (name: string, description: string, extra: Json = {}) => ({
  name,
  in: 'query',
  description,
  schema: { type: 'string', ...extra },
});

const foundCase: Json = {
  type: 'object',
  properties: {
    ref: { type: 'string', example: 'SR-2611-0042' },
    status: { type: 'string' },
    team: { type: ['string', 'null'] },
    owner: { type: 'string', example: 'staff:amy' },
    channel: { type: 'string', example: 'sms' },
    priority: { type: 'string' },
    customer: {
      type: 'object',
      properties: {
        id: { type: 'string' },
        name: { type: ['string', 'null'], description: 'Their name, or the contact name a case recorded' },
        phone: { type: ['string', 'null'], description: 'E.164' },
      },
    },
    product: { type: ['string', 'null'], description: 'The product category' },
    serial: { type: ['string', 'null'] },
    decision: { type: ['string', 'null'], description: 'The warranty decision' },
    summary: { type: 'string' },
    createdAt: { type: 'string', format: 'date-time' },
    updatedAt: { type: 'string', format: 'date-time' },
    snippet: {
      type: 'string',
      description: 'The line of the conversation that matched (around the words), else the summary',
    },
  },
};

export function recordPaths(): Json {
  return {
    '/cases': {
      get: {
        summary:
          'Find cases: by reference, phone (any spelling), email, name, serial, contract number or words of the conversation (Chinese and English); best matches first, then newest. Without `q`, the filtered list, most recently changed first. Agents see their teams’ cases and those they own, handled or are booked on',
        parameters: [
          text('q', 'What to find (up to 200 characters)'),
          text('status', 'Comma-separated statuses, e.g. `escalated,assigned`'),
          text('team', 'Team name'),
          text('owner', '`alice` or `staff:alice`, `queue`, `bot`'),
          text('channel', 'The channel the case came in on', { enum: ['sms', 'voice', 'email', 'chat'] }),
          text('priority', 'Priority'),
          text('product', 'Product category (`printer`, `laptop`, …)'),
          text('decision', 'Warranty decision (`free_repair`, `paid_repair`, `replace`, …)'),
          text('risk', 'Open cases whose deadline is within the hour or passed, or was broken', {
            enum: ['at_risk', 'breached'],
          }),
          text('from', 'Created on or after: a date (UTC day) or a date-time'),
          text('to', 'Created on or before: a date (the whole UTC day) or a date-time'),
          {
            name: 'limit',
            in: 'query',
            schema: { type: 'integer', minimum: 1, maximum: 100, default: 20 },
          },
          text('cursor', 'The `next` of the previous page'),
        ],
        responses: {
          200: {
            description: 'A page of matching cases and how many match in all',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  properties: {
                    count: { type: 'integer' },
                    exact: {
                      type: 'boolean',
                      description:
                        'False when a common word matched more of the conversation than is read (the newest matches are): count is then a lower bound',
                    },
                    cases: { type: 'array', items: foundCase },
                    next: {
                      type: ['string', 'null'],
                      description: 'Cursor of the next page, null at the end',
                    },
                  },
                },
              },
            },
          },
          ...common,
        },
      },
    },
  };
}
