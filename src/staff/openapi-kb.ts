/**
 * The knowledge-base routes in the OpenAPI document: drafting an entry from a resolved case, and the
 * supervisors' list, edit, approve, reject, retire and export. Bodies come from the route's zod schema.
 */
import { type Json, schemaOf } from './openapi-components.js';
import { kbEntryBody } from './routes/kb.js';

const error = (description: string) => ({
  description,
  content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
});
const record = {
  description:
    'The entry: `{id, status (draft|approved|rejected|retired), fields, source: {caseRef}, author, createdAt, updatedAt, updatedBy, decidedBy, decidedAt}`',
};
const id = {
  name: 'id',
  in: 'path',
  required: true,
  schema: { type: 'string', example: 'case_sr_2611_0042' },
};
const ref = { name: 'ref', in: 'path', required: true, schema: { type: 'string', example: 'SR-2611-0042' } };
const common = {
  401: error('SUPPORT_ERR_AUTH_REQUIRED'),
  403: error('SUPPORT_ERR_FORBIDDEN: supervisors only'),
};
const decision = (summary: string, from: string) => ({
  post: {
    summary,
    parameters: [id],
    responses: {
      200: record,
      400: error('SUPPORT_ERR_VALIDATION (approve): every problem the flows/kb schema finds, by field'),
      404: error('SUPPORT_ERR_NOT_FOUND: no such entry'),
      409: error(`SUPPORT_ERR_CASE_TRANSITION: the entry is not ${from}`),
      ...common,
    },
  },
});

export function kbPaths(): Json {
  return {
    '/cases/{ref}/kb-draft': {
      post: {
        summary:
          'Drafts a knowledge-base entry from a resolved case (anyone who may see it); the case records who did it. The same case again returns its draft (200)',
        parameters: [ref],
        responses: {
          200: { description: '`{id, created: false, entry}`: the draft made before' },
          201: { description: '`{id, created: true, entry}`' },
          403: error('SUPPORT_ERR_FORBIDDEN: another team’s case'),
          404: error('SUPPORT_ERR_CASE_NOT_FOUND'),
          409: error('SUPPORT_ERR_CASE_TRANSITION: the case is not resolved'),
          401: error('SUPPORT_ERR_AUTH_REQUIRED'),
        },
      },
    },
    '/kb': {
      get: {
        summary: 'Every knowledge-base entry written in the console, newest first (supervisors)',
        responses: { 200: { description: '`{count, entries}`' }, ...common },
      },
    },
    '/kb/export': {
      get: {
        summary:
          'The approved entries as a flows/kb YAML file that `npm run flows:check` accepts (supervisors)',
        responses: {
          200: { description: 'YAML', content: { 'application/yaml': { schema: { type: 'string' } } } },
          404: error('SUPPORT_ERR_NOT_FOUND: nothing approved to export'),
          ...common,
        },
      },
    },
    '/kb/{id}': {
      put: {
        summary:
          'Replaces a draft’s or an approved entry’s fields (supervisors); an approved entry changes for the bot at once',
        parameters: [id],
        requestBody: { required: true, content: { 'application/json': { schema: schemaOf(kbEntryBody) } } },
        responses: {
          200: record,
          400: error('SUPPORT_ERR_VALIDATION: every problem the flows/kb schema finds, by field'),
          404: error('SUPPORT_ERR_NOT_FOUND: no such entry'),
          409: error('SUPPORT_ERR_CASE_TRANSITION: rejected or retired'),
          ...common,
        },
      },
    },
    '/kb/{id}/approve': decision(
      'Approves a draft: the bot suggests it from the next customer on, in every process',
      'a draft',
    ),
    '/kb/{id}/reject': decision('Rejects a draft (kept for the record)', 'a draft'),
    '/kb/{id}/retire': decision('Retires an approved entry: the bot no longer suggests it', 'approved'),
  };
}
