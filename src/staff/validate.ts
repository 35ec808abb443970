/** Parses a request body or query with zod; a failure is a 400 whose message names each bad field. */
import type { z } from 'zod';
import { SupportError } from '../errors.js';

export function parseInput<S extends z.ZodType>(
  schema: S,
  value: unknown,
  where: 'body' | 'query' | 'params',
): z.infer<S> {
  const parsed = schema.safeParse(value ?? {});
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map(
    (issue) => `${issue.path.length ? issue.path.join('.') : where}: ${issue.message}`,
  );
  throw new SupportError('SUPPORT_ERR_VALIDATION', problems.join('; '), {
    fields: parsed.error.issues.map((issue) => issue.path.join('.')),
  });
}
