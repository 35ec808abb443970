/**
 * Which template message (模板消息) or subscription message (订阅通知) carries each later notice once
 * the 48-hour window of the customer-service API has closed. Configured in a YAML file
 * (WECHAT_TEMPLATES_FILE) because the template ids and their field names are the account's own:
 *
 *   appointment_booked:
 *     type: template            # or subscribe
 *     template_id: Xy9...
 *     data: { first: "{{text}}", keyword1: "{{ref}}", keyword2: "{{start}}" }
 *
 * `{{text}}` is the notice as the customer would have read it; the other names are the notice's values
 * (ref, deadline, start, end, engineer, eta…).
 */
import { parse } from 'yaml';
import { z } from 'zod';
import type { Notice } from '../../src/port/messages.js';

const noticeKinds = [
  'deadline_update',
  'appointment_booked',
  'appointment_reminder',
  'engineer_late',
  'record_confirmation',
  'followup',
  'finding_case',
  'quote',
] as const satisfies readonly Notice['kind'][];

const templateSchema = z.object({
  type: z.enum(['template', 'subscribe']).default('template'),
  template_id: z.string().min(1).max(128),
  url: z.url().optional(),
  data: z.record(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/), z.string().max(500)),
});

const fileSchema = z.partialRecord(z.enum(noticeKinds), templateSchema);

export type NoticeTemplate = z.infer<typeof templateSchema>;
export type NoticeTemplates = Partial<Record<Notice['kind'], NoticeTemplate>>;

export function parseTemplates(yamlText: string): NoticeTemplates {
  const parsed = fileSchema.safeParse(parse(yamlText) ?? {});
  if (!parsed.success)
    throw new Error(
      parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; '),
    );
  return parsed.data;
}

/**
 * Subscription-message fields have WeChat's length limits by their name's kind (thing: 20 characters,
 * character_string: 32, phrase: 5, name: 10): longer values are refused, so they are shortened.
 */
const FIELD_LIMITS: Array<[RegExp, number]> = [
  [/^thing/, 20],
  [/^character_string/, 32],
  [/^phrase/, 5],
  [/^name/, 10],
];

function shorten(name: string, value: string, type: NoticeTemplate['type']): string {
  const limit = type === 'subscribe' ? FIELD_LIMITS.find(([pattern]) => pattern.test(name))?.[1] : undefined;
  const chars = [...value];
  return limit && chars.length > limit ? `${chars.slice(0, limit - 1).join('')}…` : value;
}

/** The template's `data` filled with the notice's values and its text. */
export function templateData(template: NoticeTemplate, notice: Notice, text: string) {
  const values: Record<string, string> = { ...notice.values, text };
  const data: Record<string, { value: string }> = {};
  for (const [field, pattern] of Object.entries(template.data)) {
    const value = pattern.replace(/\{\{\s*([A-Za-z_]+)\s*\}\}/g, (_, name: string) => values[name] ?? '');
    data[field] = { value: shorten(field, value, template.type) };
  }
  return data;
}
