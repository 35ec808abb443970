import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { chooseDatabase } from '../../src/db/choose.js';
import { locateBinaries } from '../../src/db/embedded-binaries.js';

const parent = mkdtempSync(join(tmpdir(), 'support-embedded-pg-'));
// Reachable by the postgres user the server runs as when the tests run as root.
chmodSync(parent, 0o755);
const dir = join(parent, 'pg');
afterAll(() => rmSync(parent, { recursive: true, force: true }));

async function query(url: string, text: string, values: unknown[] = []): Promise<pg.QueryResult> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await client.query(text, values);
  } finally {
    await client.end();
  }
}

describe('the embedded PostgreSQL', () => {
  it('keeps the record in its folder, shares one server, and is never opened twice', async () => {
    const first = await chooseDatabase({}, { dataDir: dir });
    expect(first.description).toMatch(
      /^record: embedded PostgreSQL 1\d\.\d+ in .*pg \(a new database, started\)$/,
    );
    await query(first.url, 'create table kept (n int)');
    await query(first.url, 'insert into kept values (42)');

    // A second process (the terminal chat, a CLI) uses the running server instead of starting one.
    const second = await chooseDatabase({}, { dataDir: dir });
    expect(second.description).toMatch(/\(shared with the process that started it\)$/);
    expect(second.url).toBe(first.url);
    expect((await query(second.url, 'select n from kept')).rows).toEqual([{ n: 42 }]);

    // A second server on the same files is refused by PostgreSQL's own lock.
    const bins = locateBinaries();
    const other = spawnSync(bins.postgres, ['-D', dir, '-p', '1'], { ...bins.runAs, encoding: 'utf8' });
    expect(other.status).not.toBe(0);
    expect(other.stderr).toMatch(/lock file "postmaster.pid" already exists/);
    bins.cleanup();

    // Only the owner stops it; a sharer that outlives it starts it again, with the data.
    await second.embedded!.stop();
    expect((await query(first.url, 'select count(*)::int as n from kept')).rows).toEqual([{ n: 1 }]);
    await first.embedded!.stop();
    await expect(query(first.url, 'select 1')).rejects.toThrow();
    await second.embedded!.ensureRunning();
    expect((await query(second.url, 'select n from kept')).rows).toEqual([{ n: 42 }]);
    expect(readFileSync(join(dir, 'support-desk.owner'), 'utf8')).toBe(String(process.pid));
    await second.embedded!.stop();
  }, 60_000);

  it('names the database it uses when DATABASE_URL is set, without the password', async () => {
    const choice = await chooseDatabase({
      DATABASE_URL: 'postgres://app:secret@db.example.test:5432/support',
      DATABASE_READ_URL: 'postgres://app:secret@replica.example.test:5432/support',
    });
    expect(choice.embedded).toBeUndefined();
    expect(choice.description).toBe(
      'record: PostgreSQL at postgres://app@db.example.test:5432/support (DATABASE_URL); reports from postgres://app@replica.example.test:5432/support',
    );
  });
});
