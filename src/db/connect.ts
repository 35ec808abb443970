/**
 * Connections to the record: a Kysely instance over a node-postgres pool, for the primary
 * (DATABASE_URL or the embedded server) and, when DATABASE_READ_URL is set, for a read replica that
 * serves reports. The same SQL runs on both and on the embedded server.
 */
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Logger } from '../logger.js';
import type { RecordDatabase } from './schema.js';

export type RecordDb = Kysely<RecordDatabase>;

export interface OpenOptions {
  /** Connections in the pool. @defaultValue 10 */
  max?: number;
  logger?: Logger;
  /** Name shown in pg_stat_activity. */
  applicationName?: string;
}

/** Opens a pool; nothing connects until the first query. */
export function openDatabase(url: string, options: OpenOptions = {}): RecordDb {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.max ?? 10,
    connectionTimeoutMillis: 5_000,
    idleTimeoutMillis: 30_000,
    application_name: options.applicationName ?? 'support-desk',
  });
  // An idle client whose server went away emits 'error' on the pool; unhandled, it would end the
  // process. The next query gets a fresh connection (or fails, and the caller retries).
  pool.on('error', (error) => options.logger?.warn({ err: error }, 'record connection lost'));
  return new Kysely<RecordDatabase>({ dialect: new PostgresDialect({ pool }) });
}

/** `postgres://user@host:port/db` without the password, for logs and the start-up line. */
export function describeDatabaseUrl(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.password = '';
    return `${parsed.protocol}//${parsed.username ? `${parsed.username}@` : ''}${parsed.host}${parsed.pathname}`;
  } catch {
    return 'postgres (unparsable URL)';
  }
}

/** Whether an error means PostgreSQL could not be reached (rather than a bad statement). */
export function isUnreachable(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string') {
    // Connection refused/reset, DNS, or PostgreSQL shutting down / starting up / too many clients.
    if (['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN'].includes(code))
      return true;
    if (code.startsWith('08') || code === '57P01' || code === '57P02' || code === '57P03' || code === '53300')
      return true;
  }
  const message = error instanceof Error ? error.message : String(error);
  return /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error/i.test(
    message,
  );
}
