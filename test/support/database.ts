/**
 * A database of the test run's own for one test file (or one test): a clone of the run's migrated
 * template (test/support/postgres-setup.ts), dropped by the run's teardown if not before.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { openDatabase, type RecordDb } from '../../src/db/connect.js';

export interface TestDatabase {
  url: string;
  name: string;
  db: RecordDb;
  drop(): Promise<void>;
}

function urlOf(name: string): string {
  const parsed = new URL(inject('pgAdminUrl'));
  parsed.pathname = `/${name}`;
  return parsed.toString();
}

async function admin(statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: inject('pgAdminUrl') });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/** A new database: migrated to the latest schema, or `empty` (for migration tests). */
export async function freshDatabase(options: { empty?: boolean } = {}): Promise<TestDatabase> {
  const name = `${inject('pgTemplate')}_${randomBytes(4).toString('hex')}`;
  await admin(
    options.empty ? `create database ${name}` : `create database ${name} template ${inject('pgTemplate')}`,
  );
  const url = urlOf(name);
  const db = openDatabase(url, { max: 4 });
  return {
    url,
    name,
    db,
    async drop() {
      await db.destroy();
      await admin(`drop database if exists ${name} with (force)`);
    },
  };
}
