/**
 * The staff API as an OpenAPI 3.1 document, served at `/api/staff/openapi.json`. Request bodies come
 * from the same zod schemas the routes parse with, so the document cannot drift from validation.
 */
import { z } from 'zod';
import { errorCatalogue } from '../errors.js';
import {
  claimBody,
  dispatchBody,
  lateBody,
  maintenanceRecord,
  noteBody,
  reassignBody,
  replyBody,
  resolveBody,
} from './schemas.js';

type Json = Record<string, unknown>;

function schemaOf(schema: z.ZodType): Json {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, {
    io: 'input',
    unrepresentable: 'any',
  }) as Json;
  return rest;
}

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: Json, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});
const errorResponse = (description: string) => json(ref('Error'), description);

const failures = {
  400: errorResponse('SUPPORT_ERR_VALIDATION: malformed body or query; the message names the field'),
  401: errorResponse('SUPPORT_ERR_AUTH_REQUIRED: missing, unknown, rotated or disabled token'),
  403: errorResponse('SUPPORT_ERR_FORBIDDEN (role or team) or SUPPORT_ERR_CASE_NOT_OWNER'),
  404: errorResponse('SUPPORT_ERR_CASE_NOT_FOUND or SUPPORT_ERR_STAFF_NOT_FOUND'),
  409: errorResponse('SUPPORT_ERR_CASE_TRANSITION (or SUPPORT_ERR_STAFF_DISABLED on reassign)'),
};

const refParameter = {
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

function action(summary: string, body: z.ZodType | null, ok: Json, extra: Json = {}) {
  return {
    post: {
      summary,
      parameters: [refParameter, idempotencyKey],
      ...(body
        ? { requestBody: { required: true, content: { 'application/json': { schema: schemaOf(body) } } } }
        : {}),
      responses: {
        ...ok,
        400: failures[400],
        401: failures[401],
        403: failures[403],
        404: failures[404],
        409: failures[409],
      },
      ...extra,
    },
  };
}

const caseChanged = {
  200: json({ type: 'object', properties: { case: ref('CaseView') } }, 'The case after the action'),
};

const kpiFigures: Json = {
  type: 'object',
  properties: {
    cases: { type: 'integer' },
    firstResponse: ref('Durations'),
    resolution: ref('Durations'),
    promises: {
      type: 'object',
      properties: {
        kept: { type: 'integer' },
        breached: { type: 'integer' },
        keptPercent: { type: ['number', 'null'] },
      },
    },
    arrival: {
      type: 'object',
      properties: {
        onTime: { type: 'integer' },
        late: { type: 'integer' },
        punctualPercent: { type: ['number', 'null'] },
      },
    },
    satisfaction: {
      type: 'object',
      properties: { responses: { type: 'integer' }, average: { type: ['number', 'null'] } },
    },
    containment: {
      type: ['object', 'null'],
      properties: {
        finished: { type: 'integer' },
        withoutHuman: { type: 'integer' },
        percent: { type: ['number', 'null'] },
      },
    },
  },
};

export function staffOpenApiDocument(): Json {
  return {
    openapi: '3.1.0',
    info: {
      title: 'Support desk staff API',
      version: '1.0.0',
      description:
        'Queues, cases, replies, dispatch, resolution and KPIs for support staff. Every route except this document needs `Authorization: Bearer <token>` (issued by `npm run staff -- add`). Errors are `{"error":{"code","message"}}`.',
    },
    servers: [{ url: '/api/staff' }],
    security: [{ bearer: [] }],
    paths: {
      '/me': {
        get: {
          summary: 'Who the token belongs to',
          responses: { 200: json(ref('Me'), 'The caller'), 401: failures[401] },
        },
      },
      '/notifications': {
        get: {
          summary:
            'Deadline warnings, reassignments and delivery failures for the caller and their teams, newest first',
          parameters: [
            {
              name: 'limit',
              in: 'query',
              schema: { type: 'integer', minimum: 1, maximum: 200, default: 50 },
            },
          ],
          responses: {
            200: json(
              { type: 'object', properties: { items: { type: 'array', items: ref('Notification') } } },
              'Notifications',
            ),
            400: failures[400],
            401: failures[401],
          },
        },
      },
      '/queue': {
        get: {
          summary: "A team's waiting cases in the order they would be claimed (priority, then oldest first)",
          parameters: [
            {
              name: 'team',
              in: 'query',
              schema: { type: 'string' },
              description: "Default: the caller's first team",
            },
          ],
          responses: {
            200: json(ref('Queue'), 'Waiting cases'),
            400: failures[400],
            401: failures[401],
            403: failures[403],
          },
        },
      },
      '/cases/next': {
        post: {
          summary: 'Claim the next case of a team atomically (two callers never get the same case)',
          requestBody: { required: false, content: { 'application/json': { schema: schemaOf(claimBody) } } },
          responses: {
            200: json(ref('CaseDetail'), 'The claimed case, now assigned to the caller'),
            204: { description: 'Nothing is waiting' },
            400: failures[400],
            401: failures[401],
            403: failures[403],
          },
        },
      },
      '/cases/{ref}': {
        get: {
          summary: 'A case with its customer, transcript across channels, deadline and warranty',
          parameters: [refParameter],
          responses: {
            200: json(ref('CaseDetail'), 'The case'),
            401: failures[401],
            403: failures[403],
            404: failures[404],
          },
        },
      },
      '/cases/{ref}/reply': action(
        'Reply to the customer in their channel (through the outbox); keeps the pending promise',
        replyBody,
        {
          202: json(
            {
              type: 'object',
              properties: {
                ref: { type: 'string' },
                messageId: { type: 'string' },
                status: { const: 'queued' },
              },
            },
            'Queued for delivery',
          ),
        },
      ),
      '/cases/{ref}/notes': action('Internal note: recorded in the transcript, never sent', noteBody, {
        201: json(
          { type: 'object', properties: { ref: { type: 'string' }, note: { type: 'object' } } },
          'Recorded',
        ),
      }),
      '/cases/{ref}/dispatch': action(
        'Book an on-site visit; the customer is told the window and reminded the day before',
        dispatchBody,
        caseChanged,
      ),
      '/cases/{ref}/late': action('Tell the customer the engineer is running late', lateBody, caseChanged),
      '/cases/{ref}/resolve': action(
        'Resolve with the maintenance record; the customer confirms it, a follow-up is scheduled',
        resolveBody,
        caseChanged,
      ),
      '/cases/{ref}/release': action("Hand the case back to its team's queue", null, caseChanged),
      '/cases/{ref}/reassign': action(
        'Supervisors: give the case to a person or another team',
        reassignBody,
        caseChanged,
      ),
      '/kpis': {
        get: {
          summary:
            'Supervisors: KPIs over cases created in [from, to], overall, per team and per staff member',
          parameters: [
            {
              name: 'from',
              in: 'query',
              schema: { type: 'string', format: 'date-time' },
              description: 'Default: 30 days before `to`',
            },
            {
              name: 'to',
              in: 'query',
              schema: { type: 'string', format: 'date-time' },
              description: 'Default: now',
            },
            { name: 'team', in: 'query', schema: { type: 'string' } },
          ],
          responses: {
            200: json(ref('KpiReport'), 'The report'),
            400: failures[400],
            401: failures[401],
            403: failures[403],
          },
        },
      },
      '/openapi.json': {
        get: { summary: 'This document', security: [], responses: { 200: { description: 'OpenAPI 3.1' } } },
      },
    },
    components: {
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', description: 'A staff API token (sbt_…)' },
      },
      schemas: {
        Error: {
          type: 'object',
          required: ['error'],
          properties: {
            error: {
              type: 'object',
              required: ['code', 'message'],
              properties: {
                code: { type: 'string', enum: Object.keys(errorCatalogue) },
                message: { type: 'string' },
              },
            },
          },
        },
        Me: {
          type: 'object',
          properties: {
            name: { type: 'string' },
            role: { enum: ['agent', 'engineer', 'supervisor'] },
            teams: { type: 'array', items: { type: 'string' } },
          },
        },
        Notification: {
          type: 'object',
          properties: {
            to: { type: 'string' },
            ref: { type: 'string' },
            text: { type: 'string' },
            at: { type: 'string', format: 'date-time' },
          },
        },
        CaseView: {
          type: 'object',
          properties: {
            ref: { type: 'string' },
            status: { enum: ['open', 'waiting_customer', 'escalated', 'assigned', 'resolved', 'closed'] },
            priority: { enum: ['urgent', 'high', 'normal', 'low'] },
            team: { type: ['string', 'null'] },
            owner: { type: 'string', description: 'bot, queue or staff:<name>' },
            deadline: { type: ['string', 'null'], format: 'date-time' },
            warranty: { type: ['object', 'null'] },
          },
        },
        CaseDetail: {
          type: 'object',
          properties: {
            case: {
              type: 'object',
              description: 'The full case (status, owner, promises, SLA clocks, appointment, record…)',
            },
            customer: {
              type: ['object', 'null'],
              description: 'Identities on every channel, language, products, case history',
            },
            transcript: {
              type: 'array',
              items: { type: 'object', description: 'in | out (with delivery state) | event | note' },
            },
            deadline: { type: ['object', 'null'], description: 'The pending promise: due, kind, team' },
            warranty: { type: ['object', 'null'] },
          },
        },
        Queue: {
          type: 'object',
          properties: {
            team: { type: 'string' },
            count: { type: 'integer' },
            waiting: {
              type: 'array',
              items: {
                type: 'object',
                properties: {
                  position: { type: 'integer' },
                  ref: { type: 'string' },
                  priority: { type: 'string' },
                  reason: { type: 'string' },
                  waitingSince: { type: 'string', format: 'date-time' },
                  deadline: { type: ['string', 'null'], format: 'date-time' },
                  channel: { type: 'string' },
                  lang: { type: 'string' },
                  summary: { type: 'string' },
                  flags: { type: 'array', items: { type: 'string' } },
                },
              },
            },
          },
        },
        MaintenanceRecord: schemaOf(maintenanceRecord),
        Durations: {
          type: 'object',
          properties: {
            count: { type: 'integer' },
            medianMinutes: { type: ['number', 'null'] },
            p90Minutes: { type: ['number', 'null'] },
          },
        },
        KpiFigures: kpiFigures,
        KpiReport: {
          type: 'object',
          properties: {
            from: { type: 'string', format: 'date-time' },
            to: { type: 'string', format: 'date-time' },
            team: { type: ['string', 'null'] },
            overall: ref('KpiFigures'),
            byTeam: { type: 'object', additionalProperties: ref('KpiFigures') },
            byStaff: { type: 'object', additionalProperties: ref('KpiFigures') },
          },
        },
      },
    },
  };
}
