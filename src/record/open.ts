/**
 * Opens the record for a process: pools for the primary and (DATABASE_READ_URL) the replica, the schema
 * migrated to the latest version, and the reader the case store falls back to. PostgreSQL being away at
 * start-up does not stop the bot — customers are served from Redis — so the migrations are retried in
 * the background and `ready` resolves once they are applied.
 */
import { sql } from 'kysely';
import { createRecordReader, type RecordReader } from '../cases/record-reader.js';
import { chooseDatabase, type DatabaseChoice } from '../db/choose.js';
import { isUnreachable, openDatabase, type RecordDb } from '../db/connect.js';
import { migrateToLatest } from '../db/migrate.js';
import type { Logger } from '../logger.js';

export interface RecordConnection {
  db: RecordDb;
  /** The replica for reports, or the primary when there is none. */
  readDb: RecordDb;
  reader: RecordReader;
  description: string;
  /** Resolves once the schema is up to date. */
  ready: Promise<void>;
  /** PostgreSQL answers (for /readyz). */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export interface OpenRecordOptions {
  logger: Logger;
  /** What to call when PostgreSQL cannot be reached (the embedded server restarts itself). */
  onUnreachable?: () => Promise<void>;
  /** Connections per pool. @defaultValue 10 */
  poolSize?: number;
}

async function migrateWhenReachable(db: RecordDb, options: OpenRecordOptions, closed: () => boolean) {
  for (let pause = 250; !closed(); pause = Math.min(pause * 2, 5_000)) {
    try {
      const applied = await migrateToLatest(db);
      if (applied.length > 0) options.logger.info({ migrations: applied }, 'record: schema migrated');
      return;
    } catch (error) {
      if (!isUnreachable(error) && !isUnreachable((error as { cause?: unknown }).cause)) throw error;
      options.logger.warn(
        { err: error },
        'record: PostgreSQL unreachable at start-up; the bot runs, the record catches up',
      );
      await options.onUnreachable?.().catch(() => undefined);
      await new Promise((done) => setTimeout(done, pause).unref());
    }
  }
}

export function openRecord(choice: DatabaseChoice, options: OpenRecordOptions): RecordConnection {
  const size = options.poolSize ?? 10;
  const db = openDatabase(choice.url, { max: size, logger: options.logger });
  const readDb = choice.readUrl ? openDatabase(choice.readUrl, { max: size, logger: options.logger }) : db;
  let closed = false;
  const ready = migrateWhenReachable(db, options, () => closed);
  // A failure here is a schema problem, not an outage: say so once; callers that await `ready` see it.
  ready.catch((error: unknown) => options.logger.error({ err: error }, 'record: schema not migrated'));
  return {
    db,
    readDb,
    reader: createRecordReader(db),
    description: choice.description,
    ready,
    async ping() {
      await sql`select 1`.execute(db);
    },
    async close() {
      closed = true;
      await db.destroy();
      if (readDb !== db) await readDb.destroy();
    },
  };
}

/**
 * The record for a process that has only its configuration: DATABASE_URL, or the embedded server
 * (started here, or shared with the app that runs it). `stop` closes the pools and, if this process
 * started the embedded server, stops it.
 */
export async function connectRecord(
  env: { DATABASE_URL?: string | undefined; DATABASE_READ_URL?: string | undefined },
  options: OpenRecordOptions & { dataDir?: string },
): Promise<{ choice: DatabaseChoice; record: RecordConnection; stop(): Promise<void> }> {
  const choice = await chooseDatabase(env, options.dataDir ? { dataDir: options.dataDir } : {});
  const embedded = choice.embedded;
  const record = openRecord(choice, {
    ...options,
    ...(embedded && !options.onUnreachable ? { onUnreachable: () => embedded.ensureRunning() } : {}),
  });
  return {
    choice,
    record,
    async stop() {
      await record.close();
      await embedded?.stop();
    },
  };
}
