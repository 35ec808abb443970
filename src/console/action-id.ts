/**
 * Work item ids for console actions. Each rendered form carries a random key, so submitting the same
 * form twice (a double click, a resent POST after a reload) is one action: the desk's inbox
 * deduplicates on the id, as it does for the API's Idempotency-Key.
 */
import { createHash, randomUUID } from 'node:crypto';

export function newFormKey(): string {
  return randomUUID();
}

export function formActionId(kind: string, staff: string, ref: string, key: unknown): string {
  if (typeof key !== 'string' || key === '' || key.length > 200) return `${kind}-${randomUUID()}`;
  const digest = createHash('sha256').update(`console\n${staff}\n${ref}\n${kind}\n${key}`).digest('hex');
  return `${kind}-${digest.slice(0, 32)}`;
}
