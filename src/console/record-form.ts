/**
 * The maintenance-record form (flat HTML fields) turned into the staff API's `resolveBody` shape, then
 * validated by that same schema: one definition of a valid record for the API and the console.
 *
 * Lists (parts, consumables, trips, findings) are rows of same-named fields: the browser sends each
 * name once per row, in order, so the n-th values make the n-th row. A row whose text and number
 * fields are all empty is skipped (a select always sends something, so selects don't count).
 */
import { DateTime } from 'luxon';
import { SupportError } from '../errors.js';
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

function values(form: Form, name: string): string[] {
  const value = form[name];
  const list = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return list.map((item) => (typeof item === 'string' ? item.trim() : ''));
}

/** Rows of the named fields; `filled` are the fields that make a row count. */
function rows<K extends string>(
  form: Form,
  names: readonly K[],
  filled: readonly K[],
): Array<Record<K, string>> {
  const columns = names.map((name) => values(form, name));
  const count = Math.max(0, ...columns.map((column) => column.length));
  const all = Array.from({ length: count }, (_, i) =>
    Object.fromEntries(names.map((name, j) => [name, columns[j]![i] ?? ''])),
  ) as Array<Record<K, string>>;
  return all.filter((row) => filled.some((name) => row[name] !== ''));
}

/** An optional field: absent when empty; a number field's text is left for the schema to judge (NaN is refused). */
const opt = (key: string, value: string) => (value === '' ? {} : { [key]: value });
const optNum = (key: string, value: string) => (value === '' ? {} : { [key]: Number(value) });

/** A minute's grace: the browser's clock and ours differ a little. */
const CLOCK_GRACE_MS = 60_000;

export function recordFromForm(
  form: Form,
  zone: string,
  now: Date,
  futureMessage = 'must not be in the future',
) {
  const arrivedAt = isoIn(str(form, 'arrivedAt'), zone);
  const finished = isoIn(str(form, 'finishedAt'), zone);
  // A record says what happened: a finish time still to come is a slip (a wrong day or hour).
  if (finished && Date.parse(finished) > now.getTime() + CLOCK_GRACE_MS)
    throw new SupportError('SUPPORT_ERR_VALIDATION', `finishedAt: ${futureMessage}`);
  const record = {
    faultReported: str(form, 'faultReported') ?? '',
    faultFound: str(form, 'faultFound') ?? '',
    cause: str(form, 'cause') ?? '',
    actions: str(form, 'actions') ?? '',
    engineer: str(form, 'engineer') ?? '',
    finishedAt: finished ?? DateTime.fromJSDate(now, { zone }).toISO(),
    mode: str(form, 'mode'),
    kind: str(form, 'kind') ?? 'repair',
    partsReplaced: rows(form, ['part', 'coverage', 'amount', 'cost'], ['part', 'amount', 'cost']).map(
      (row) => ({
        part: row.part,
        coverage: row.coverage,
        ...optNum('amount', row.amount),
        ...optNum('cost', row.cost),
      }),
    ),
    consumables: rows(
      form,
      ['consumableItem', 'consumableQuantity', 'consumableCost'],
      ['consumableItem', 'consumableQuantity', 'consumableCost'],
    ).map((row) => ({
      item: row.consumableItem,
      ...optNum('quantity', row.consumableQuantity),
      // Required by the schema: an empty cost is "missing", not 0.
      cost: row.consumableCost === '' ? undefined : Number(row.consumableCost),
    })),
    trips: rows(form, ['tripVehicle', 'tripKm'], ['tripVehicle', 'tripKm']).map((row) => ({
      ...opt('vehicle', row.tripVehicle),
      ...optNum('distanceKm', row.tripKm),
    })),
    findings: rows(form, ['findingText', 'findingFlag'], ['findingText']).map((row) => ({
      text: row.findingText,
      risk: row.findingFlag === 'risk' || row.findingFlag === 'open',
      openCase: row.findingFlag === 'open',
    })),
    ...(arrivedAt ? { arrivedAt } : {}),
    ...(str(form, 'overBudgetReason') ? { overBudgetReason: str(form, 'overBudgetReason') } : {}),
  };
  return parseInput(resolveBody, { record }, 'body').record;
}
