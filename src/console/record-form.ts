/**
 * The maintenance-record form (flat HTML fields) turned into the staff API's `resolveBody` shape, then
 * validated by that same schema: one definition of a valid record for the API and the console.
 */
import { DateTime } from 'luxon';
import { resolveBody } from '../staff/schemas.js';
import { parseInput } from '../staff/validate.js';

type Form = Record<string, unknown>;

const str = (form: Form, name: string): string | undefined => {
  const value = form[name];
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
};

/** `datetime-local` has no zone: it is read in the policy's business timezone. */
export function isoIn(value: string | undefined, zone: string): string | undefined {
  if (!value) return undefined;
  const time = DateTime.fromISO(value, { zone });
  return time.isValid ? (time.toISO() ?? value) : value;
}

export function recordFromForm(form: Form, zone: string, now: Date) {
  const part = str(form, 'part');
  const amount = str(form, 'amount');
  const arrivedAt = isoIn(str(form, 'arrivedAt'), zone);
  const record = {
    faultReported: str(form, 'faultReported') ?? '',
    faultFound: str(form, 'faultFound') ?? '',
    cause: str(form, 'cause') ?? '',
    actions: str(form, 'actions') ?? '',
    engineer: str(form, 'engineer') ?? '',
    finishedAt: isoIn(str(form, 'finishedAt'), zone) ?? DateTime.fromJSDate(now, { zone }).toISO(),
    mode: str(form, 'mode'),
    kind: str(form, 'kind') ?? 'repair',
    partsReplaced: part
      ? [{ part, coverage: str(form, 'coverage'), ...(amount ? { amount: Number(amount) } : {}) }]
      : [],
    ...(arrivedAt ? { arrivedAt } : {}),
    ...(str(form, 'overBudgetReason') ? { overBudgetReason: str(form, 'overBudgetReason') } : {}),
  };
  return parseInput(resolveBody, { record }, 'body').record;
}
