/**
 * The service-plan routes in the OpenAPI document: service contracts, visit plans and upcoming visits.
 * Bodies come from the zod schemas the routes parse with.
 */
import { visitPlanInputSchema } from '../cases/visit-plan.js';
import { contractInputSchema } from '../policy/contract.js';
import { type Json, schemaOf } from './openapi-components.js';
import { customerParams, endContractBody } from './schemas.js';

const error = (description: string) => ({
  description,
  content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
});
const contract = {
  description: 'The contract with `status`, `lastDay`, `renewalDue` and `plannedVisits`',
};
const number = {
  name: 'number',
  in: 'path',
  required: true,
  schema: { type: 'string', example: 'HT-2026-0042' },
};
const body = (schema: Json) => ({ required: true, content: { 'application/json': { schema } } });
const customerId = { name: 'id', in: 'path', required: true, schema: schemaOf(customerParams.shape.id) };
/** A visit plan as stored (the request's fields, defaults filled in) and the visit dates it plans. */
function visitPlanSchema(): Json {
  const stored = schemaOf(visitPlanInputSchema, 'output') as { properties: Json; required: string[] };
  return {
    type: 'object',
    required: [...stored.required, 'number', 'customerId', 'contacts', 'createdAt', 'plannedVisits'],
    properties: {
      ...stored.properties,
      number: { type: 'string', example: 'VP-3F2A9C01BE' },
      customerId: { type: 'string' },
      contacts: {
        type: 'array',
        description: "The customer's phone (by SMS), else their email: where the invitations go",
        items: {
          type: 'object',
          properties: {
            channel: { enum: ['sms', 'email'] },
            address: { type: 'string' },
            identity: { type: 'string' },
            customerId: { type: 'string' },
          },
        },
      },
      createdAt: { type: 'string', format: 'date-time' },
      plannedVisits: { type: 'array', items: { type: 'string', format: 'date' } },
    },
  };
}
const common = { 401: error('SUPPORT_ERR_AUTH_REQUIRED') };

export function servicePlanPaths(): Json {
  return {
    '/contracts': {
      post: {
        summary: 'Register a service contract, or replace the one with that number (agents and supervisors)',
        requestBody: body(schemaOf(contractInputSchema)),
        responses: {
          200: contract,
          201: contract,
          400: error('SUPPORT_ERR_VALIDATION: the message names each bad field'),
          403: error('SUPPORT_ERR_FORBIDDEN: engineers read contracts but do not register them'),
          ...common,
        },
      },
      get: {
        summary: 'Every contract, or those inside their renewal window (`renewal=due`)',
        parameters: [{ name: 'renewal', in: 'query', schema: { const: 'due' } }],
        responses: { 200: { description: '`{count, contracts}`' }, ...common },
      },
    },
    '/contracts/{number}': {
      get: {
        summary: 'One contract',
        parameters: [number],
        responses: { 200: contract, 404: error('SUPPORT_ERR_CONTRACT_NOT_FOUND'), ...common },
      },
    },
    '/contracts/{number}/end': {
      post: {
        summary: 'Supervisors: end a contract early; `on` becomes its last covered day',
        parameters: [number],
        requestBody: body(schemaOf(endContractBody)),
        responses: {
          200: contract,
          400: error('SUPPORT_ERR_VALIDATION: `on` in the past or not before the end'),
          403: error('SUPPORT_ERR_FORBIDDEN'),
          404: error('SUPPORT_ERR_CONTRACT_NOT_FOUND'),
          409: error('SUPPORT_ERR_CONTRACT_ENDED'),
          ...common,
        },
      },
    },
    '/customers/{id}/visit-plans': {
      post: {
        summary:
          "Plan visits for a customer's product without a contract (supervisors, and agents of the customer's cases); the customer is invited ahead of each visit",
        parameters: [customerId],
        requestBody: body(schemaOf(visitPlanInputSchema)),
        responses: {
          201: {
            description: 'The plan and its visit dates',
            content: {
              'application/json': {
                schema: { type: 'object', required: ['plan'], properties: { plan: visitPlanSchema() } },
              },
            },
          },
          400: error(
            'SUPPORT_ERR_VALIDATION: the message names each bad field, or the customer has no phone or email to be invited on',
          ),
          403: error("SUPPORT_ERR_FORBIDDEN: engineers, and agents who see none of the customer's cases"),
          404: error('SUPPORT_ERR_CASE_NOT_FOUND: no such customer'),
          ...common,
        },
      },
    },
    '/visits': {
      get: {
        summary: 'Upcoming visits (planned, waiting for a window, booked) with counts per engineer and team',
        parameters: [
          { name: 'team', in: 'query', schema: { type: 'string' } },
          { name: 'engineer', in: 'query', schema: { type: 'string' } },
          { name: 'days', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 366, default: 60 } },
        ],
        responses: { 200: { description: '`{from, days, count, visits, byEngineer, byTeam}`' }, ...common },
      },
    },
  };
}
