/**
 * Reports read the record: the read replica when there is one. A process without the record, or with
 * PostgreSQL away, answers 503 SUPPORT_ERR_RECORD_UNAVAILABLE (retry later), never a 500.
 */
import { isUnreachable, type RecordDb } from '../db/connect.js';
import { SupportError } from '../errors.js';

export interface HasRecord {
  record?: { db: RecordDb; readDb: RecordDb } | undefined;
}

function unavailable(): SupportError {
  return new SupportError(
    'SUPPORT_ERR_RECORD_UNAVAILABLE',
    'the record (PostgreSQL) is not reachable: try again shortly',
  );
}

/** Runs `work` on the record (`read`: the replica, else the primary); an outage becomes a 503. */
export async function onRecord<T>(
  runtime: HasRecord,
  use: 'read' | 'write',
  work: (db: RecordDb) => Promise<T>,
): Promise<T> {
  const record = runtime.record;
  if (!record) throw unavailable();
  try {
    return await work(use === 'read' ? record.readDb : record.db);
  } catch (error) {
    if (isUnreachable(error) || isUnreachable((error as { cause?: unknown }).cause)) throw unavailable();
    throw error;
  }
}
