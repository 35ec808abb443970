/**
 * Which PostgreSQL holds the record: DATABASE_URL when it is set, otherwise the embedded server with
 * its files under ./data/pg (src/db/embedded.ts). DATABASE_READ_URL, when set, is a replica that
 * serves reports; everything else reads and writes the primary.
 */
import { describeDatabaseUrl } from './connect.js';
import { type EmbeddedPostgres, startEmbeddedPostgres } from './embedded.js';

export interface DatabaseChoice {
  url: string;
  /** A read replica for reports (DATABASE_READ_URL), if any. */
  readUrl?: string;
  /** One line for the start-up log: which database this is. */
  description: string;
  /** Set for the embedded server: stop it on exit (if this process owns it), restart it if it stops. */
  embedded?: EmbeddedPostgres;
}

const HOW = {
  initialised: 'a new database, started',
  started: 'started',
  shared: 'shared with the process that started it',
  adopted: 'left running by a process that ended, taken over',
} as const;

export async function chooseDatabase(
  env: { DATABASE_URL?: string | undefined; DATABASE_READ_URL?: string | undefined },
  options: { dataDir?: string } = {},
): Promise<DatabaseChoice> {
  const replica = env.DATABASE_READ_URL
    ? { readUrl: env.DATABASE_READ_URL, note: `; reports from ${describeDatabaseUrl(env.DATABASE_READ_URL)}` }
    : null;
  if (env.DATABASE_URL) {
    return {
      url: env.DATABASE_URL,
      ...(replica ? { readUrl: replica.readUrl } : {}),
      description: `record: PostgreSQL at ${describeDatabaseUrl(env.DATABASE_URL)} (DATABASE_URL)${replica?.note ?? ''}`,
    };
  }
  const embedded = await startEmbeddedPostgres(options.dataDir ? { dir: options.dataDir } : {});
  return {
    url: embedded.url,
    ...(replica ? { readUrl: replica.readUrl } : {}),
    description: `record: embedded ${embedded.version} in ${embedded.dir} (${HOW[embedded.how]})${replica?.note ?? ''}`,
    embedded,
  };
}
