/** The saved replies (常用语) in the OpenAPI document. The body comes from the route's zod schema. */
import { cannedBody } from './canned.js';
import { type Json, schemaOf } from './openapi-components.js';

const error = (description: string) => ({
  description,
  content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
});
const reply = {
  description:
    'A saved reply: `{id, team, title, zh?, en?, updatedAt, updatedBy}`; `{customer}`, `{ref}`, `{deadline}`, `{engineer}` and `{window}` in its text are filled from the case when inserted',
};
const path = [
  { name: 'team', in: 'path', required: true, schema: { type: 'string', example: 'support' } },
  { name: 'id', in: 'path', required: true, schema: { type: 'string', example: 'greeting' } },
];
const common = {
  401: error('SUPPORT_ERR_AUTH_REQUIRED'),
  403: error('SUPPORT_ERR_FORBIDDEN: supervisors only (reading: another team’s replies)'),
};

export function cannedPaths(): Json {
  return {
    '/canned': {
      get: {
        summary: 'Saved replies of the caller’s teams, or of one team (`team`), by team and title',
        parameters: [{ name: 'team', in: 'query', required: false, schema: { type: 'string' } }],
        responses: {
          200: { description: '`{items: [saved reply]}`' },
          400: error('SUPPORT_ERR_VALIDATION'),
          ...common,
        },
      },
    },
    '/canned/{team}/{id}': {
      put: {
        summary: 'Creates or replaces a team’s saved reply (supervisors)',
        parameters: path,
        requestBody: { required: true, content: { 'application/json': { schema: schemaOf(cannedBody) } } },
        responses: {
          200: reply,
          400: error('SUPPORT_ERR_VALIDATION: no text, an unknown {variable}, a bad team or id'),
          ...common,
        },
      },
      delete: {
        summary: 'Removes a team’s saved reply (supervisors)',
        parameters: path,
        responses: {
          204: { description: 'Removed' },
          404: error('SUPPORT_ERR_NOT_FOUND: no such reply'),
          ...common,
        },
      },
    },
  };
}
