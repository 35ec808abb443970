/**
 * The staff API and console over a record of their own: a fresh test database (migrated), the real
 * runtime reading it, and the console mounted beside the API.
 */
import { silentLogger } from '../../src/logger.js';
import { openRecord, type RecordConnection } from '../../src/record/open.js';
import { type ConsoleHarness, consoleHarness } from '../console/harness.js';
import { freshDatabase, type TestDatabase } from '../support/database.js';

export interface ReportHarness extends ConsoleHarness {
  database: TestDatabase;
  record: RecordConnection;
}

export async function reportHarness(options: { now?: string; env?: Record<string, string> } = {}) {
  const database = await freshDatabase();
  const record = openRecord(
    { url: database.url, description: database.name },
    { logger: silentLogger, poolSize: 4 },
  );
  await record.ready;
  const h = await consoleHarness({}, { ...options, record });
  const close = h.close;
  return Object.assign(h, {
    database,
    record,
    async close() {
      await close();
      await record.close();
      await database.drop();
    },
  }) as ReportHarness;
}
