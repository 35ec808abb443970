/** Reads a labelled message set (test/nlu/heldout*.yaml): a YAML list of {text, intent, slots?, kind?, asked?}. */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { z } from 'zod';
import type { LabelledMessage } from './nlu-evaluate.js';

const date = z.union([z.string(), z.date().transform((d) => d.toISOString().slice(0, 10))]);
const messageSchema = z.strictObject({
  text: z.union([z.string(), z.number().transform(String)]),
  intent: z.string().min(1),
  kind: z.string().min(1).optional(),
  asked: z.string().min(1).optional(),
  slots: z
    .strictObject({
      product: z.string().optional(),
      serial: z.union([z.string(), z.number().transform(String)]).optional(),
      purchase_date: date
        .refine((value) => /^\d{4}-\d{2}(?:-\d{2})?$/.test(value), 'YYYY-MM-DD or YYYY-MM')
        .optional(),
      phone: z.string().optional(),
      symptom: z.string().optional(),
    })
    .optional(),
});

export function readLabelledSet(file: string): LabelledMessage[] {
  return z.array(messageSchema).parse(parse(readFileSync(file, 'utf8'))) as LabelledMessage[];
}
