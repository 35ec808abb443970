/**
 * The test run's PostgreSQL: the machine's server on 127.0.0.1:5432 (user postgres, trust; or
 * TEST_DATABASE_URL), never a database anyone else uses. Global setup creates one database for the run,
 * migrated to the latest schema, as a template; each test file clones it (test/support/database.ts);
 * teardown drops them all.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../../src/db/connect.js';
import { migrateToLatest } from '../../src/db/migrate.js';

const ADMIN_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

function withDatabase(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}

async function admin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: ADMIN_URL, connectionTimeoutMillis: 3000 });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Creates and migrates the run's template database; returns the teardown that drops every database of the run. */
export async function setupTestDatabases(project: TestProject): Promise<() => Promise<void>> {
  try {
    await admin((client) => client.query('select 1'));
  } catch (error) {
    // One line, no stack: the fix is a running server, not a code change.
    process.stderr.write(
      `PostgreSQL is not reachable at ${ADMIN_URL.replace(/:[^:@/]*@/, '@')} (${
        error instanceof Error ? error.message : String(error)
      }): start it (pg_ctlcluster 15 main start) or set TEST_DATABASE_URL\n`,
    );
    process.exit(1);
  }
  const run = `sbtest_${randomBytes(4).toString('hex')}`;
  await admin((client) => client.query(`create database ${run}`));
  const db = openDatabase(withDatabase(ADMIN_URL, run), { max: 1 });
  await migrateToLatest(db);
  await db.destroy();
  project.provide('pgAdminUrl', ADMIN_URL);
  project.provide('pgTemplate', run);
  return async () => {
    await admin(async (client) => {
      const { rows } = await client.query<{ datname: string }>(
        `select datname from pg_database where datname = $1 or datname like $2`,
        [run, `${run}\\_%`],
      );
      for (const { datname } of rows) await client.query(`drop database if exists ${datname} with (force)`);
    });
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    pgAdminUrl: string;
    pgTemplate: string;
  }
}
