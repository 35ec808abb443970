/**
 * Brings the record's schema up to date at start-up. Kysely's Migrator holds a PostgreSQL advisory
 * lock while it works, so several processes starting at once apply each migration exactly once, and
 * runs each migration in a transaction (PostgreSQL has transactional DDL): a failed one leaves nothing
 * behind. It refuses to run when the database holds a migration this code does not know (a newer
 * release migrated it).
 */
import { type Kysely, type MigrationResult, Migrator } from 'kysely';
import { migrations } from './migrations/index.js';

const TABLE = 'record_migrations';

function migrator<DB>(db: Kysely<DB>): Migrator {
  return new Migrator({
    db: db as unknown as Kysely<unknown>,
    provider: { getMigrations: async () => ({ ...migrations }) },
    migrationTableName: TABLE,
    migrationLockTableName: `${TABLE}_lock`,
  });
}

export class MigrationError extends Error {
  constructor(
    message: string,
    override readonly cause: unknown,
  ) {
    super(message);
    this.name = 'MigrationError';
  }
}

function check(error: unknown, results: MigrationResult[] | undefined): string[] {
  if (error) {
    const failed = results?.find((result) => result.status === 'Error')?.migrationName;
    throw new MigrationError(
      `the record's schema could not be migrated${failed ? ` (${failed})` : ''}: ${
        error instanceof Error ? error.message : String(error)
      }`,
      error,
    );
  }
  return (results ?? []).filter((result) => result.status === 'Success').map((r) => r.migrationName);
}

/** Applies every pending migration; returns the names applied now. */
export async function migrateToLatest<DB>(db: Kysely<DB>): Promise<string[]> {
  const { error, results } = await migrator(db).migrateToLatest();
  return check(error, results);
}

/**
 * Applies migrations up to and including `name`: how a test builds the previous schema,
 * puts data in it, and then checks the next migration keeps that data.
 */
export async function migrateTo<DB>(db: Kysely<DB>, name: string): Promise<string[]> {
  if (!(name in migrations)) throw new Error(`no migration named ${name}`);
  const { error, results } = await migrator(db).migrateTo(name);
  return check(error, results);
}

/** The names of the migrations applied to this database, in order. */
export async function appliedMigrations<DB>(db: Kysely<DB>): Promise<string[]> {
  const all = await migrator(db).getMigrations();
  return all.filter((migration) => migration.executedAt !== undefined).map((m) => m.name);
}

/** Every migration this code knows, in order. */
export const knownMigrations = (): string[] => Object.keys(migrations);
