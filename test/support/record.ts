/**
 * A runtime with the record: the private test Redis, a database of its own (test/support/database.ts)
 * and a recorder the test drives (`recorder.drain()` records everything committed so far).
 */
import { silentLogger } from '../../src/logger.js';
import { openRecord, type RecordConnection } from '../../src/record/open.js';
import { Recorder } from '../../src/record/recorder.js';
import { freshDatabase, type TestDatabase } from './database.js';
import { createTestRuntime, type TestRuntime } from './runtime.js';

export interface RecordedRuntime {
  runtime: TestRuntime;
  database: TestDatabase;
  record: RecordConnection;
  recorder: Recorder;
  close(): Promise<void>;
}

export async function createRecordedRuntime(
  options: Parameters<typeof createTestRuntime>[0] = {},
): Promise<RecordedRuntime> {
  const database = await freshDatabase();
  const record = openRecord(
    { url: database.url, description: database.name },
    { logger: silentLogger, poolSize: 4 },
  );
  await record.ready;
  const runtime = createTestRuntime({ ...options, record });
  const recorder = new Recorder({
    redis: runtime.redis,
    keys: runtime.desk.inbox.keys,
    db: record.db,
    logger: silentLogger,
  });
  return {
    runtime,
    database,
    record,
    recorder,
    async close() {
      await recorder.stop();
      await runtime.close();
      await record.close();
      await database.drop();
    },
  };
}
