/**
 * The staff API as an OpenAPI 3.1 document, served at `/api/staff/openapi.json`. Request bodies come
 * from the same zod schemas the routes parse with, so the document cannot drift from validation.
 */
import type { z } from 'zod';
import { groupFilterSchema } from '../reports/groups.js';
import { cannedPaths } from './openapi-canned.js';
import { type Json, schemaOf, staffOpenApiComponents } from './openapi-components.js';
import { kbPaths } from './openapi-kb.js';
import { quotePaths } from './openapi-quote.js';
import { recordPaths } from './openapi-record.js';
import { queryParameters, reportPaths } from './openapi-reports.js';
import { servicePlanPaths } from './openapi-service-plan.js';
import {
  absentBody,
  claimBody,
  dispatchBody,
  lateBody,
  linkBody,
  noteBody,
  reassignBody,
  releaseBody,
  replyBody,
  resolveBody,
  startBody,
} from './schemas.js';

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

/** An action whose body may be left out (every field optional). */
function optionalBody(path: ReturnType<typeof action>) {
  const post = path.post as Json & { requestBody?: Json };
  return { post: { ...post, requestBody: { ...(post.requestBody as object), required: false } } };
}

const caseChanged = {
  200: json({ type: 'object', properties: { case: ref('CaseView') } }, 'The case after the action'),
};

// biome-ignore lint/complexity/noExcessiveLinesPerFunction: a data table (the document's paths), read top to bottom; splitting it would only scatter it
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
        'Book an on-site visit; the customer is told the window and reminded the day before. A paid repair needs an accepted quote (409 SUPPORT_ERR_QUOTE_NOT_ACCEPTED)',
        dispatchBody,
        caseChanged,
      ),
      '/cases/{ref}/late': action('Tell the customer the engineer is running late', lateBody, caseChanged),
      '/cases/{ref}/absent': action(
        'The customer was not there: flag the case and offer the customer new windows',
        absentBody,
        caseChanged,
      ),
      '/cases/{ref}/resolve': action(
        'Resolve with the maintenance record; the customer confirms it, a follow-up is scheduled',
        resolveBody,
        caseChanged,
      ),
      '/cases/{ref}/release': optionalBody(
        action(
          "Hand the case back to its team's queue; `reason` (optional) is shown to the team on the case",
          releaseBody,
          caseChanged,
        ),
      ),
      '/cases/{ref}/reassign': action(
        'Supervisors: give the case to a person or another team',
        reassignBody,
        caseChanged,
      ),
      '/conversations': {
        post: {
          summary:
            'Start an SMS or email conversation with a customer who has not opted out; opens a case owned by the caller',
          requestBody: { required: true, content: { 'application/json': { schema: schemaOf(startBody) } } },
          responses: {
            202: { description: 'Queued: `{ref, messageId, status}`' },
            400: failures[400],
            401: failures[401],
            403: failures[403],
            409: errorResponse('SUPPORT_ERR_OPTED_OUT: the customer opted out of that channel'),
          },
        },
      },
      '/customers/{id}': {
        get: {
          summary:
            "The customer's record: name, phone, email, group, language, address; every identity with who linked it and when; products and serials with warranty state, contract and repairs; every case open and closed with its outcome; visits and visit plans",
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
          responses: {
            200: {
              description:
                '`{customer: {id, name, phone, email, lang, group, address, identities: [{identity, kind, linkedBy, linkedAt}], optedOut, createdAt}, products: [{category, serial, firstSeen, warranty: {decision, ref}, contract: {number, start, end, active}, repairs}], cases: [{ref, status, team, owner, channel, summary, product, serial, decision, outcome: {mode, kind, resolvedAt, closedAt}, satisfaction, createdAt, updatedAt, visible}], visits, visitPlans, contracts, quotes: [{ref, status, total, currency, sentAt, decidedAt}]}`',
            },
            401: failures[401],
            403: failures[403],
            404: failures[404],
          },
        },
      },
      '/customers/{id}/identities': {
        post: {
          summary: 'Link another phone number, email address or chat user to this customer (supervisors)',
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
          requestBody: { required: true, content: { 'application/json': { schema: schemaOf(linkBody) } } },
          responses: {
            200: { description: 'The customer id and all its identities' },
            400: failures[400],
            401: failures[401],
            403: failures[403],
            404: failures[404],
          },
        },
      },
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
            ...queryParameters(groupFilterSchema),
          ],
          responses: {
            200: json(ref('KpiReport'), 'The report'),
            400: failures[400],
            401: failures[401],
            403: failures[403],
          },
        },
      },
      ...recordPaths(),
      ...servicePlanPaths(),
      ...kbPaths(),
      ...quotePaths(),
      ...cannedPaths(),
      ...reportPaths(),
      '/openapi.json': {
        get: { summary: 'This document', security: [], responses: { 200: { description: 'OpenAPI 3.1' } } },
      },
    },
    components: staffOpenApiComponents(),
  };
}
