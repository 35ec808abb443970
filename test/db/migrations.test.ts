import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { appliedMigrations, knownMigrations, migrateTo, migrateToLatest } from '../../src/db/migrate.js';
import { freshDatabase, type TestDatabase } from '../support/database.js';
import { seedsBySchema } from './schema-seeds.js';

const made: TestDatabase[] = [];
async function database(options: { empty?: boolean } = {}): Promise<TestDatabase> {
  const created = await freshDatabase(options);
  made.push(created);
  return created;
}
afterAll(async () => {
  for (const created of made) await created.drop();
});

describe('the record schema', () => {
  it('is built from an empty database, once, even when several processes start together', async () => {
    const { url, db } = await database({ empty: true });
    const { openDatabase } = await import('../../src/db/connect.js');
    const others = [openDatabase(url, { max: 1 }), openDatabase(url, { max: 1 })];
    const applied = await Promise.all([
      migrateToLatest(db),
      ...others.map((other) => migrateToLatest(other)),
    ]);
    await Promise.all(others.map((other) => other.destroy()));
    // The advisory lock let one of them apply everything; the others found nothing left to do.
    expect(applied.flat().sort()).toEqual(knownMigrations());
    expect(await appliedMigrations(db)).toEqual(knownMigrations());
    expect(await migrateToLatest(db)).toEqual([]);
    const tables = await sql<{ table_name: string }>`
      select table_name from information_schema.tables where table_schema = 'public' order by 1`.execute(db);
    expect(tables.rows.map((row) => row.table_name)).toEqual(
      expect.arrayContaining(['cases', 'customers', 'transcript_entries', 'case_changes', 'audit_entries']),
    );
  });

  it('has a seed for every schema it ever had, so each upgrade is tested with data in it', () => {
    expect(Object.keys(seedsBySchema).sort()).toEqual(knownMigrations());
  });

  for (const schema of knownMigrations()) {
    it(`keeps the data of schema ${schema} through every later migration`, async () => {
      const { db } = await database({ empty: true });
      await migrateTo(db, schema);
      const seed = seedsBySchema[schema]!;
      await seed.put(db);
      await migrateToLatest(db);
      expect(await appliedMigrations(db)).toEqual(knownMigrations());
      await seed.check(db);
    });
  }

  it('refuses a database migrated by a newer release', async () => {
    const { db } = await database();
    await sql`insert into record_migrations (name, timestamp) values ('9999-from-the-future', now()::text)`.execute(
      db,
    );
    await expect(migrateToLatest(db)).rejects.toThrow(/could not be migrated/);
  });
});
