/** The product report's query, shared by the staff API and the console page. */
import { z } from 'zod';
import { groupFilterSchema } from './groups.js';
import { dayOrTime } from './period.js';

export const categorySchema = z
  .string()
  .trim()
  .regex(/^[a-z0-9_-]{1,40}$/, 'must be a product category such as laptop')
  .optional()
  .or(z.literal('').transform(() => undefined));

export const productReportQuery = z.object({
  from: dayOrTime,
  to: dayOrTime,
  category: categorySchema,
  ...groupFilterSchema.shape,
  format: z.enum(['json', 'csv']).optional(),
});
export type ProductReportInput = z.infer<typeof productReportQuery>;
