/**
 * Reports, customer groups, service reviews and trips in the OpenAPI document. Query parameters and
 * bodies come from the zod schemas the routes parse with.
 */
import type { z } from 'zod';
import { groupFilterSchema, groupInputSchema } from '../reports/groups.js';
import { productReportQuery } from '../reports/product-query.js';
import { reviewInputSchema } from '../reports/reviews.js';
import { type Json, schemaOf } from './openapi-components.js';
import { sampleQuery, scoresQuery } from './routes/reviews.js';
import { figuresQuery, routeQuery, suggestQuery } from './routes/trips.js';
import { customerParams } from './schemas.js';

const error = (description: string) => ({
  description,
  content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
});
const common = {
  401: error('SUPPORT_ERR_AUTH_REQUIRED'),
  503: error('SUPPORT_ERR_RECORD_UNAVAILABLE: the record (PostgreSQL) is not reachable'),
};
const body = (schema: Json) => ({ required: true, content: { 'application/json': { schema } } });

/** Every field of a zod object as a query parameter. */
export function queryParameters(schema: z.ZodObject): Json[] {
  return Object.entries(schema.shape).map(([name, field]) => ({
    name,
    in: 'query',
    schema: schemaOf(field as z.ZodType),
  }));
}

const customerId = { name: 'id', in: 'path', required: true, schema: schemaOf(customerParams.shape.id) };
const contractNumber = {
  name: 'number',
  in: 'path',
  required: true,
  schema: { type: 'string', example: 'HT-2026-0042' },
};

const figures: Json = {
  type: 'object',
  properties: {
    faults: { type: 'integer' },
    repeats: { type: 'integer', description: 'The same serial reported within 90 days before' },
    withSerial: { type: 'integer' },
    repeatPercent: { type: ['number', 'null'] },
    deadOnArrival: { type: 'integer' },
    deadOnArrivalPercent: { type: ['number', 'null'] },
    coverage: {
      type: 'object',
      properties: {
        warranty: { type: 'integer' },
        paid: { type: 'integer' },
        contract: { type: 'integer' },
        undecided: { type: 'integer' },
      },
    },
  },
};

const productReport: Json = {
  type: 'object',
  properties: {
    from: { type: 'string', format: 'date-time' },
    to: { type: 'string', format: 'date-time', description: 'Exclusive' },
    category: { type: ['string', 'null'] },
    repeatWithinDays: { type: 'integer' },
    overall: figures,
    byCategory: {
      type: 'array',
      items: { allOf: [figures, { properties: { category: { type: 'string' } } }] },
    },
    breakdown: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          category: { type: 'string' },
          model: { type: 'string' },
          symptom: { type: 'string' },
          part: { type: 'string' },
          faults: { type: 'integer' },
        },
      },
    },
    byMonth: {
      type: 'array',
      items: {
        type: 'object',
        properties: { month: { type: 'string' }, category: { type: 'string' }, faults: { type: 'integer' } },
      },
    },
  },
};

const group = { description: '`{group}`: segment, region, industry, source (`staff` or `contract`)' };

const supervisorsOnly = error('SUPPORT_ERR_FORBIDDEN: only supervisors');

function reviewPaths(): Json {
  return {
    '/reviews/sample': {
      get: {
        summary:
          "Supervisors: the week's sample of handled cases per staff member (default: last week), with automatic flags (late_reply, no_name, word:…) and any scores given",
        parameters: queryParameters(sampleQuery),
        responses: {
          200: {
            description:
              '`{week, from, to, cases: [{ref, staff, summary, finishedAt, customerName, replies, flags, review}]}`',
          },
          400: error('SUPPORT_ERR_VALIDATION'),
          403: supervisorsOnly,
          ...common,
        },
      },
    },
    '/reviews': {
      post: {
        summary:
          'Supervisors: score one staff member on one case, 1–5 per rubric item, with a note (again: replaces)',
        requestBody: body(schemaOf(reviewInputSchema)),
        responses: {
          200: { description: '`{review}`: the case as sampled, with the scores' },
          400: error(
            'SUPPORT_ERR_VALIDATION: a score outside 1–5, or a staff member who did not handle the case',
          ),
          403: supervisorsOnly,
          404: error('SUPPORT_ERR_CASE_NOT_FOUND'),
          ...common,
        },
      },
    },
    '/reviews/scores': {
      get: {
        summary: 'Supervisors: average review scores per staff member over reviews given in [from, to]',
        parameters: queryParameters(scoresQuery),
        responses: { 200: { description: '`{from, to, byStaff}`' }, 403: supervisorsOnly, ...common },
      },
    },
  };
}

function tripPaths(): Json {
  return {
    '/trips/route': {
      get: {
        summary:
          "An engineer's day as a route: their booked visits district by district, in order (engineers: their own)",
        parameters: queryParameters(routeQuery),
        responses: {
          200: {
            description:
              '`{engineer, day, stops: [{n, ref, district, address, window, summary}], districts}`',
          },
          400: error('SUPPORT_ERR_VALIDATION'),
          403: error('SUPPORT_ERR_FORBIDDEN: an engineer asking for another engineer'),
          ...common,
        },
      },
    },
    '/trips/suggest': {
      get: {
        summary:
          "When dispatching a case: engineers booked that day with visits in its district first, and the district's cases still waiting",
        parameters: queryParameters(suggestQuery),
        responses: {
          200: {
            description:
              '`{ref, district, day, engineers: [{engineer, sameDistrict, visits, route}], waiting}`',
          },
          403: error('SUPPORT_ERR_FORBIDDEN: the case belongs to another team'),
          404: error('SUPPORT_ERR_CASE_NOT_FOUND'),
          ...common,
        },
      },
    },
    '/trips/figures': {
      get: {
        summary:
          'Supervisors: trips per on-site case and visits per trip over on-site records finished in [from, to]',
        parameters: queryParameters(figuresQuery),
        responses: {
          200: { description: '`{from, to, visits, trips, onsiteCases, tripsPerOnsiteCase, visitsPerTrip}`' },
          403: supervisorsOnly,
          ...common,
        },
      },
    },
  };
}

export function reportPaths(): Json {
  return {
    ...reviewPaths(),
    ...tripPaths(),
    '/reports/products': {
      get: {
        summary:
          'Supervisors: faults by product category and model × symptom × part, repeat faults, dead on arrival, warranty against paid, by month (`format=csv` for a file)',
        parameters: queryParameters(productReportQuery),
        responses: {
          200: {
            description: 'The report (or CSV with `format=csv`)',
            content: {
              'application/json': { schema: productReport },
              'text/csv': { schema: { type: 'string' } },
            },
          },
          400: error('SUPPORT_ERR_VALIDATION: the message names the field'),
          403: error('SUPPORT_ERR_FORBIDDEN: only supervisors'),
          ...common,
        },
      },
    },
    '/customers/{id}/group': {
      get: {
        summary: "A customer's group, or null",
        parameters: [customerId],
        responses: { 200: group, ...common },
      },
      post: {
        summary: "Agents and supervisors: set a customer's group (segment, region, industry)",
        parameters: [customerId],
        requestBody: body(schemaOf(groupInputSchema)),
        responses: {
          200: group,
          400: error('SUPPORT_ERR_VALIDATION'),
          403: error('SUPPORT_ERR_FORBIDDEN: engineers read groups but do not set them'),
          404: error('SUPPORT_ERR_CASE_NOT_FOUND: no such customer'),
          ...common,
        },
      },
    },
    '/contracts/{number}/group': {
      post: {
        summary: 'Agents and supervisors: give every holder of a contract the group (source `contract`)',
        parameters: [contractNumber],
        requestBody: body(schemaOf(groupInputSchema)),
        responses: {
          200: { description: '`{contract, groups}`' },
          403: error('SUPPORT_ERR_FORBIDDEN'),
          404: error('SUPPORT_ERR_CONTRACT_NOT_FOUND'),
          ...common,
        },
      },
    },
    '/groups/customers': {
      get: {
        summary: 'The customers of a group (every grouped customer without a filter)',
        parameters: queryParameters(groupFilterSchema),
        responses: {
          200: { description: '`{count, customers: [{customerId, name, group, cases}]}`' },
          ...common,
        },
      },
    },
  };
}
