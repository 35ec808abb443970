/**
 * A serial's repair record for the 三包 decision (src/policy/repeat-failure.ts): the maintenance records
 * in the record (PostgreSQL, every customer) together with the customer's own cases as they are now —
 * Redis first — so a repair resolved minutes ago, not yet written behind, counts as well. A case in
 * both is taken from Redis, which is never older than the record.
 */
import { DateTime } from 'luxon';
import type { RepairEntry } from '../policy/repeat-failure.js';
import type { RecordedRepair } from './record-reader.js';
import type { Case } from './types.js';

const sameSerial = (a: unknown, b: string) => typeof a === 'string' && a.toUpperCase() === b.toUpperCase();

export function repairHistory(input: {
  serial: string;
  /** The customer's cases (hot ones from Redis, the rest from the record). */
  cases: readonly Case[];
  /** The record's maintenance records of the serial (empty without a record). */
  recorded: readonly RecordedRepair[];
  /** The case being decided now: its own record, if any, is not history. */
  current?: string | null;
  timezone: string;
}): RepairEntry[] {
  const day = (at: Date | string) =>
    (typeof at === 'string'
      ? DateTime.fromISO(at, { zone: input.timezone })
      : DateTime.fromJSDate(at, { zone: input.timezone })
    ).toISODate()!;
  const entries = new Map<string, RepairEntry>();
  for (const row of input.recorded) {
    if (!row.finishedAt || row.ref === input.current) continue;
    entries.set(row.ref, {
      ref: row.ref,
      finishedOn: day(row.finishedAt),
      kind: row.kind,
      decision: row.decision,
    });
  }
  for (const kase of input.cases) {
    if (kase.ref === input.current || !kase.record || !sameSerial(kase.slots?.serial, input.serial)) continue;
    entries.set(kase.ref, {
      ref: kase.ref,
      finishedOn: day(kase.record.finishedAt),
      kind: kase.record.kind ?? 'repair',
      decision: kase.warranty?.decision ?? null,
    });
  }
  return [...entries.values()].sort((a, b) => a.finishedOn.localeCompare(b.finishedOn));
}
