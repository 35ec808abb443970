/** Shared pieces of the staff API's OpenAPI document: security, errors and response shapes. */
import { z } from 'zod';
import { errorCatalogue } from '../errors.js';
import { staffRoles } from './accounts.js';
import { auditActions } from './audit.js';
import { maintenanceRecord } from './schemas.js';

export type Json = Record<string, unknown>;

/**
 * A zod schema as JSON Schema 2020-12 (OpenAPI 3.1's dialect): as the client sends it (`input`), or
 * as the server stores and returns it, defaults filled in (`output`).
 */
export function schemaOf(schema: z.ZodType, io: 'input' | 'output' = 'input'): Json {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, {
    io,
    unrepresentable: 'any',
  }) as Json;
  return rest;
}

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

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
    visits: {
      type: 'object',
      description: 'Preventive visits finished within the grace days of their planned date',
      properties: {
        done: { type: 'integer' },
        onTime: { type: 'integer' },
        late: { type: 'integer' },
        onTimePercent: { type: ['number', 'null'] },
      },
    },
    cost: {
      type: 'object',
      description:
        'Parts and consumables cost of maintenance records; records over their advance, with the reason',
      properties: {
        records: { type: 'integer' },
        total: { type: 'number' },
        perCase: { type: ['number', 'null'] },
        overBudget: { type: 'array', items: { type: 'object' } },
      },
    },
    trips: {
      type: 'object',
      properties: {
        trips: { type: 'integer' },
        distanceKm: { type: 'number' },
        onsiteResolved: { type: 'integer' },
        perResolvedOnsiteCase: { type: ['number', 'null'] },
      },
    },
  },
};

// biome-ignore lint/complexity/noExcessiveLinesPerFunction: a data table (the document's shared schemas), read top to bottom; splitting it would only scatter it
export function staffOpenApiComponents(): Json {
  return {
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
          role: { enum: [...staffRoles] },
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
          quote: {
            type: ['object', 'null'],
            description:
              'The paid repair quote: status (sent, accepted, declined, expired), total, currency, items, decidedAt',
          },
          audit: {
            type: 'array',
            description: 'Who viewed the case in the console and what staff did to it, oldest first',
            items: {
              type: 'object',
              properties: {
                at: { type: 'string', format: 'date-time' },
                staff: { type: 'string' },
                action: { enum: [...auditActions] },
                detail: {
                  type: 'string',
                  description:
                    'The engineer booked, where it was reassigned, or where the record was emailed',
                },
              },
            },
          },
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
          byEngineer: { type: 'object', additionalProperties: ref('KpiFigures') },
          reviews: {
            type: 'object',
            description:
              'Service-review scores per person (reviews given in the period; with the record only)',
            additionalProperties: {
              type: 'object',
              properties: {
                reviews: { type: 'integer' },
                greeting: { type: 'number' },
                promise: { type: 'number' },
                solution: { type: 'number' },
                record: { type: 'number' },
                average: { type: 'number' },
                flagged: { type: 'integer' },
              },
            },
          },
        },
      },
    },
  };
}
