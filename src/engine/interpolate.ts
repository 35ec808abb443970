/**
 * `{{name}}` in texts: slots (shown the way the customer understands them: a choice by its label, a date
 * in their language), action results (`{{warranty.explanation}}`), and values given by the caller.
 * Unknown names render as empty text rather than as raw braces.
 */
import type { Slot } from '../flows/schema.js';
import type { Lang } from '../port/messages.js';

export interface TemplateScope {
  lang: Lang;
  slots: Record<string, unknown>;
  vars: Record<string, unknown>;
  /** Slot definitions of the current flow, to show choice labels. */
  flowSlots?: Record<string, Slot>;
  formatDate?: (isoDate: string) => string;
  /** Values for this one text (deadline, ref…); they win over slots and vars. */
  extra?: Record<string, unknown>;
}

const PLACEHOLDER = /\{\{\s*([A-Za-z_][\w.]*)\s*\}\}/g;

function lookup(path: string, root: Record<string, unknown>): unknown {
  let value: unknown = root;
  for (const part of path.split('.')) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

function isDateValue(value: unknown): value is { date: string } {
  return (
    typeof value === 'object' && value !== null && typeof (value as { date?: unknown }).date === 'string'
  );
}

function isText(value: unknown): value is { zh: string; en: string } {
  return typeof value === 'object' && value !== null && 'zh' in value && 'en' in value;
}

/** Shows one value in the customer's language. */
export function display(value: unknown, scope: TemplateScope, slotName?: string): string {
  if (value === undefined || value === null) return '';
  const slot = slotName ? scope.flowSlots?.[slotName] : undefined;
  if (slot?.type === 'choice' && typeof value === 'string') {
    const option = slot.choices?.find((choice) => choice.value === value);
    if (option) return option.label[scope.lang];
  }
  if (typeof value === 'boolean') return scope.lang === 'zh' ? (value ? '是' : '否') : value ? 'yes' : 'no';
  if (isText(value)) return value[scope.lang];
  if (isDateValue(value)) return scope.formatDate ? scope.formatDate(value.date) : value.date;
  if (Array.isArray(value))
    return value.map((item) => display(item, scope)).join(scope.lang === 'zh' ? '、' : ', ');
  if (typeof value === 'object') return '';
  return String(value);
}

export function interpolate(template: string, scope: TemplateScope): string {
  return template.replace(PLACEHOLDER, (_match, path: string) => {
    const head = path.split('.')[0]!;
    if (scope.extra && head in scope.extra) return display(lookup(path, scope.extra), scope);
    if (path in scope.slots) return display(scope.slots[path], scope, path);
    if (head in scope.slots && path !== head) return display(lookup(path, scope.slots), scope);
    return display(lookup(path, scope.vars), scope);
  });
}
