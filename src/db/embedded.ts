/**
 * The embedded PostgreSQL: with no DATABASE_URL, the record lives in a real PostgreSQL server whose
 * files are under ./data/pg, started by the app the way the embedded Redis is.
 *
 * One server per data folder, whoever asks: a process that finds the folder's server running (its
 * `postmaster.pid` names a live process and a port that answers) connects to it — the terminal chat,
 * the CLIs and a second app process all share the app's server. PostgreSQL itself locks the folder, so a
 * second server can never open it. Whoever started the server stops it when it exits; a server left by
 * a process that was killed is adopted by the next one. The server listens on 127.0.0.1 only, with a
 * password kept beside its files (mode 0600).
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  chownSync,
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import pg from 'pg';
import { ConfigError } from '../config.js';
import { answers } from '../redis/embedded.js';
import { locateBinaries, type PostgresBinaries } from './embedded-binaries.js';

const DATABASE = 'support';
const SECRET_FILE = 'support-desk.secret';
const OWNER_FILE = 'support-desk.owner';
/** The port the folder's server listens on, kept so a restart keeps the URL every pool was built with. */
const PORT_FILE = 'support-desk.port';

export interface EmbeddedPostgres {
  url: string;
  dir: string;
  /** "PostgreSQL 18.4". */
  version: string;
  /** How this process came to use it: it initialised the folder, started the server, or found it running. */
  how: 'initialised' | 'started' | 'shared' | 'adopted';
  /** Starts the server again if it stopped (someone else's process ended, or it was killed). */
  ensureRunning(): Promise<void>;
  /** Stops the server if this process owns it. */
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => done(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/** The server running on this folder: pid and port from its lock file, if it is alive and answers. */
async function runningServer(dir: string): Promise<{ pid: number; port: number } | null> {
  const lock = join(dir, 'postmaster.pid');
  if (!existsSync(lock)) return null;
  const lines = readFileSync(lock, 'utf8').split('\n');
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (!Number.isInteger(pid) || pid <= 1 || !alive(pid) || !Number.isInteger(port)) return null;
  return (await answers(port)) ? { pid, port } : null;
}

function ownerAlive(dir: string): boolean {
  const file = join(dir, OWNER_FILE);
  if (!existsSync(file)) return false;
  const pid = Number(readFileSync(file, 'utf8').trim());
  // This process counts as alive: another part of it (a test, a CLI inside the app) started the server.
  return Number.isInteger(pid) && (pid === process.pid || alive(pid));
}

function urlOf(dir: string, port: number): string {
  const secret = readFileSync(join(dir, SECRET_FILE), 'utf8').trim();
  return `postgres://postgres:${secret}@127.0.0.1:${port}/${DATABASE}`;
}

function runToEnd(command: string, args: string[], runAs: PostgresBinaries['runAs']): Promise<string> {
  return new Promise((done, fail) => {
    const child = spawn(command, args, { ...runAs, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.once('error', fail);
    child.once('exit', (code) =>
      code === 0 ? done(output) : fail(new Error(`${command} failed (${code}): ${output.slice(-500)}`)),
    );
  });
}

/**
 * Creates the cluster in a side folder and renames it into place, so two processes starting on an
 * empty folder at once never both write it: the second rename fails and that process uses the first.
 */
async function initialise(dir: string, bins: PostgresBinaries): Promise<void> {
  const side = `${dir}.init-${process.pid}`;
  rmSync(side, { recursive: true, force: true });
  mkdirSync(side, { recursive: true, mode: 0o700 });
  if (bins.runAs.uid !== undefined) chownSync(side, bins.runAs.uid, bins.runAs.gid!);
  const secret = randomBytes(24).toString('hex');
  const pwfile = join(side, 'pwfile');
  writeFileSync(pwfile, `${secret}\n`, { mode: 0o644 });
  const data = join(side, 'data');
  try {
    await runToEnd(
      bins.initdb,
      [
        `--pgdata=${data}`,
        '--username=postgres',
        `--pwfile=${pwfile}`,
        '--auth-host=scram-sha-256',
        '--auth-local=scram-sha-256',
        '--encoding=UTF8',
        // Independent of the system's locales; Chinese text search still sees words (checked).
        '--locale-provider=builtin',
        '--builtin-locale=C.UTF-8',
        '--locale=C',
      ],
      bins.runAs,
    );
    writeFileSync(join(data, SECRET_FILE), `${secret}\n`, { mode: 0o600 });
    try {
      renameSync(data, dir);
    } catch (error) {
      if (!existsSync(join(dir, 'PG_VERSION'))) throw error;
    }
  } finally {
    rmSync(side, { recursive: true, force: true });
  }
}

async function waitUntilReady(dir: string, port: number, child: ChildProcess): Promise<void> {
  for (let n = 0; n < 300; n++) {
    if (child.exitCode !== null) break;
    const client = new pg.Client({ connectionString: urlOf(dir, port).replace(`/${DATABASE}`, '/postgres') });
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
  const log = existsSync(join(dir, 'server.log')) ? readFileSync(join(dir, 'server.log'), 'utf8') : '';
  throw new Error(`the embedded PostgreSQL in ${dir} did not start: ${log.slice(-600)}`);
}

/** The folder's port: the one it had, unless something else took it meanwhile. */
async function portFor(dir: string): Promise<number> {
  const file = join(dir, PORT_FILE);
  const kept = existsSync(file) ? Number(readFileSync(file, 'utf8').trim()) : 0;
  if (Number.isInteger(kept) && kept > 0 && !(await answers(kept))) return kept;
  const port = await freePort();
  writeFileSync(file, String(port));
  return port;
}

/** Starts the server (detached: a Ctrl-C in the terminal reaches the app, which stops it last). */
async function startServer(dir: string, bins: PostgresBinaries): Promise<number> {
  const port = await portFor(dir);
  const log = openSync(join(dir, 'server.log'), 'a');
  if (bins.runAs.uid !== undefined) chownSync(join(dir, 'server.log'), bins.runAs.uid, bins.runAs.gid!);
  const child = spawn(
    bins.postgres,
    ['-D', dir, '-p', String(port), '-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    { ...bins.runAs, stdio: ['ignore', log, log], detached: true },
  );
  closeSync(log);
  child.unref();
  await waitUntilReady(dir, port, child);
  return port;
}

async function createDatabase(dir: string, port: number): Promise<void> {
  const client = new pg.Client({ connectionString: urlOf(dir, port).replace(`/${DATABASE}`, '/postgres') });
  await client.connect();
  try {
    const found = await client.query('select 1 from pg_database where datname = $1', [DATABASE]);
    if (found.rowCount === 0) await client.query(`create database ${DATABASE}`);
  } catch (error) {
    // Another process created it a moment ago.
    if ((error as { code?: string }).code !== '42P04') throw error;
  } finally {
    await client.end();
  }
}

async function stopServer(pid: number): Promise<void> {
  try {
    process.kill(pid, 'SIGINT'); // fast shutdown: sessions end, everything committed stays
  } catch {
    return;
  }
  for (let n = 0; n < 600 && alive(pid); n++) await new Promise((done) => setTimeout(done, 50));
}

/** Run as root, the server runs as the postgres user: it must be able to reach the data folder. */
function checkReachable(parent: string, bins: PostgresBinaries): void {
  if (bins.runAs.uid === undefined) return;
  const probe = spawnSync('test', ['-x', parent], { ...bins.runAs, stdio: 'ignore' });
  if (probe.status === 0) return;
  throw new ConfigError([
    `DATABASE_URL: not set, and the embedded PostgreSQL cannot use ${parent}: run as root, PostgreSQL runs as the postgres user, who cannot reach that folder — allow it (chmod o+x on the folders on the way), run the app as another user, or set DATABASE_URL=postgres://…`,
  ]);
}

/** Uses the folder's running server, or initialises and starts one. */
export async function startEmbeddedPostgres(options: { dir?: string } = {}): Promise<EmbeddedPostgres> {
  const dir = resolve(options.dir ?? 'data/pg');
  let bins: PostgresBinaries | null = null;
  let owned = false;
  let port = 0;
  let how: EmbeddedPostgres['how'] = 'shared';

  let exitHook = false;
  const becomeOwner = () => {
    owned = true;
    writeFileSync(join(dir, OWNER_FILE), String(process.pid));
    if (exitHook) return;
    exitHook = true;
    // However this process ends short of SIGKILL (a shutdown cut short by its time limit included), its
    // server gets PostgreSQL's fast shutdown: nothing committed is lost, and no server is left behind.
    process.once('exit', () => {
      if (!owned) return;
      const lock = join(dir, 'postmaster.pid');
      const pid = existsSync(lock) ? Number(readFileSync(lock, 'utf8').split('\n')[0]) : 0;
      if (pid > 1) {
        try {
          process.kill(pid, 'SIGINT');
        } catch {
          // already gone
        }
      }
    });
  };

  const ensureRunning = async () => {
    const running = await runningServer(dir);
    if (running) {
      port = running.port;
      if (!ownerAlive(dir) && !owned) {
        how = how === 'shared' ? 'adopted' : how;
        becomeOwner();
      }
      return;
    }
    bins ??= locateBinaries();
    if (!existsSync(join(dir, 'PG_VERSION'))) {
      mkdirSync(resolve(dir, '..'), { recursive: true });
      checkReachable(resolve(dir, '..'), bins);
      await initialise(dir, bins);
      how = 'initialised';
    } else if (how === 'shared') how = 'started';
    try {
      port = await startServer(dir, bins);
    } catch (error) {
      // Another process started it a moment ago: PostgreSQL's own lock turned this one away.
      const other = await runningServer(dir);
      if (!other) throw error;
      port = other.port;
      return;
    }
    becomeOwner();
    await createDatabase(dir, port);
  };

  await ensureRunning();
  const version = bins
    ? (bins as PostgresBinaries).version
    : `PostgreSQL ${readFileSync(join(dir, 'PG_VERSION'), 'utf8').trim()}`;
  return {
    get url() {
      return urlOf(dir, port);
    },
    dir,
    version,
    get how() {
      return how;
    },
    ensureRunning,
    async stop() {
      if (!owned) return;
      const running = await runningServer(dir);
      if (running) await stopServer(running.pid);
      owned = false;
      rmSync(join(dir, OWNER_FILE), { force: true });
      (bins as PostgresBinaries | null)?.cleanup();
    },
  };
}
