/**
 * A PostgreSQL of a run's own (the embedded binaries the app ships), on a fixed port in a temporary
 * folder, trust authentication on loopback: the chaos suite kills it with SIGKILL and starts it again
 * on the same files while the apps run; the bench measures the record against it.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { chmodSync, chownSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { locateBinaries, type PostgresBinaries } from '../../src/db/embedded-binaries.js';

export class PrivatePostgres {
  private child: ChildProcess | null = null;
  private readonly bins: PostgresBinaries = locateBinaries();
  private readonly parent = mkdtempSync(join(tmpdir(), 'support-private-pg-'));
  private readonly dir = join(this.parent, 'data');

  constructor(readonly port: number) {
    // Run as root, the server runs as the postgres user: it must reach its folder.
    chmodSync(this.parent, 0o755);
    mkdirSync(this.dir, { mode: 0o700 });
    if (this.bins.runAs.uid !== undefined) chownSync(this.dir, this.bins.runAs.uid, this.bins.runAs.gid!);
    execFileSync(
      this.bins.initdb,
      ['-D', this.dir, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--locale=C'],
      {
        ...this.bins.runAs,
        stdio: 'ignore',
      },
    );
  }

  /** The postmaster's process id (while it runs). */
  get pid(): number | undefined {
    return this.child?.pid;
  }

  get url(): string {
    return `postgres://postgres@127.0.0.1:${this.port}/postgres`;
  }

  private spawnServer(): ChildProcess {
    return spawn(
      this.bins.postgres,
      [
        '-D',
        this.dir,
        '-p',
        String(this.port),
        '-c',
        'listen_addresses=127.0.0.1',
        '-c',
        'unix_socket_directories=',
      ],
      { ...this.bins.runAs, stdio: 'ignore' },
    );
  }

  async start(): Promise<void> {
    this.child = this.spawnServer();
    for (let n = 0; n < 300; n++) {
      // Backends of a killed server may still hold its shared memory a moment: try again.
      if (this.child.exitCode !== null) this.child = this.spawnServer();
      const client = new pg.Client({ connectionString: this.url });
      try {
        await client.connect();
        await client.query('select 1');
        return;
      } catch {
        await new Promise((done) => setTimeout(done, 100));
      } finally {
        await client.end().catch(() => undefined);
      }
    }
    throw new Error('the private PostgreSQL did not start');
  }

  /** SIGKILL: no shutdown checkpoint; the next start recovers from the WAL. */
  async kill(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((done) => child.once('exit', done));
    child.kill('SIGKILL');
    await exited;
    this.child = null;
    // The postmaster's children notice it is gone and exit on their own; wait for the port to free.
    await new Promise((done) => setTimeout(done, 500));
  }

  async close(): Promise<void> {
    const child = this.child;
    if (child && child.exitCode === null) {
      const exited = new Promise((done) => child.once('exit', done));
      child.kill('SIGINT');
      await exited;
    }
    this.bins.cleanup();
    rmSync(this.parent, { recursive: true, force: true });
  }
}

/** Every acknowledged inbound message in the record exactly once: its provider id on one `in` line. */
export async function inboundInRecord(url: string): Promise<Map<string, number>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ id: string; n: string }>(
      `select provider_message_id as id, count(*) as n from transcript_entries
        where kind = 'in' and provider_message_id is not null group by 1`,
    );
    return new Map(rows.map((row) => [row.id, Number(row.n)]));
  } finally {
    await client.end();
  }
}
