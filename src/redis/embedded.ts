/**
 * Redis for a first run on a bare machine: when REDIS_URL is not set and nothing answers on
 * 127.0.0.1:6379 (or REDIS_EMBEDDED=1), `npm start` starts a private `redis-server` with its data under
 * ./data/redis (AOF on, noeviction) and stops it on exit. When REDIS_URL is set, nothing is started.
 * A second process choosing the same folder while the server runs (`npm run chat` beside `npm start`)
 * uses that server and leaves it running.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { ConfigError } from '../config.js';

export interface RedisChoice {
  url: string;
  /** Set when this process started the server: stop it on exit. */
  embedded?: { dir: string; stop(): Promise<void> };
}

/** Whether something accepts TCP connections on a port of 127.0.0.1 (within a short time). */
export function answers(port: number, host = '127.0.0.1', timeoutMs = 500): Promise<boolean> {
  return new Promise((done) => {
    const socket = createConnection({ port, host });
    const finish = (ok: boolean) => {
      socket.destroy();
      done(ok);
    };
    socket.setTimeout(timeoutMs, () => finish(false));
    socket.once('connect', () => finish(true));
    socket.once('error', () => finish(false));
  });
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

/**
 * A server left running by a process that was killed (it could not stop its child) still holds the data
 * folder: stop it first, so two servers never write one AOF.
 */
async function stopLeftover(pidFile: string): Promise<void> {
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').trim());
  if (!Number.isInteger(pid) || pid <= 1) return;
  // Only a redis-server: a pid written long ago may belong to another program by now.
  const command = existsSync(`/proc/${pid}/cmdline`) ? readFileSync(`/proc/${pid}/cmdline`, 'utf8') : '';
  if (!command.includes('redis-server')) return;
  try {
    process.kill(pid, 'SIGTERM');
  } catch {
    return; // not running
  }
  for (let n = 0; n < 100; n++) {
    try {
      process.kill(pid, 0);
    } catch {
      return;
    }
    await new Promise((done) => setTimeout(done, 100));
  }
}

function alive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 1) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * The private server another process (the running app) started in this data folder, if it runs: its
 * pid is a live redis-server and its port answers. A CLI (the terminal chat, the staff tool) uses it
 * rather than stopping it to start its own — which would take the app's Redis away under it.
 */
async function runningServer(dir: string): Promise<number | null> {
  const pidFile = join(dir, 'redis.pid');
  const portFile = join(dir, 'redis.port');
  const ownerFile = join(dir, 'redis.owner');
  if (!existsSync(pidFile) || !existsSync(portFile) || !existsSync(ownerFile)) return null;
  // The process that started it must still run: a server a killed app left behind is stopped instead.
  if (!alive(Number(readFileSync(ownerFile, 'utf8').trim()))) return null;
  const pid = Number(readFileSync(pidFile, 'utf8').trim());
  const port = Number(readFileSync(portFile, 'utf8').trim());
  if (!Number.isInteger(pid) || pid <= 1 || !Number.isInteger(port) || port <= 0) return null;
  const command = existsSync(`/proc/${pid}/cmdline`) ? readFileSync(`/proc/${pid}/cmdline`, 'utf8') : '';
  if (!command.includes('redis-server') || !command.includes(`${port}`)) return null;
  return (await answers(port)) ? port : null;
}

function installed(): boolean {
  return spawnSync('redis-server', ['--version'], { stdio: 'ignore' }).status === 0;
}

async function waitUntilUp(port: number, child: ChildProcess): Promise<void> {
  for (let n = 0; n < 100; n++) {
    if (child.exitCode !== null) throw new Error(`redis-server exited with code ${child.exitCode}`);
    if (await answers(port)) return;
    await new Promise((done) => setTimeout(done, 100));
  }
  throw new Error('redis-server did not start within 10 s');
}

/**
 * The Redis to use: REDIS_URL when it is set; otherwise the one on 127.0.0.1:6379 if it answers; otherwise
 * (or with REDIS_EMBEDDED=1) a private redis-server started here.
 */
export async function chooseRedis(env: {
  REDIS_URL?: string | undefined;
  REDIS_EMBEDDED?: string | undefined;
  REDIS_CLUSTER_NODES?: string | undefined;
  REDIS_SENTINELS?: string | undefined;
  dataDir?: string;
}): Promise<RedisChoice> {
  const embedded = ['1', 'true', 'yes'].includes((env.REDIS_EMBEDDED ?? '').toLowerCase());
  if (env.REDIS_URL && !embedded) return { url: env.REDIS_URL };
  // A cluster or Sentinel is named by its own settings: never start a private server instead.
  if (env.REDIS_CLUSTER_NODES || env.REDIS_SENTINELS)
    return { url: env.REDIS_URL ?? 'redis://127.0.0.1:6379' };
  if (!embedded && (await answers(6379))) return { url: 'redis://127.0.0.1:6379' };
  if (!installed()) {
    throw new ConfigError([
      'REDIS_URL: not set and nothing answers on 127.0.0.1:6379 — set REDIS_URL=redis://HOST:6379, or install redis-server (apt-get install redis-server) and the bot starts its own',
    ]);
  }
  const dir = resolve(env.dataDir ?? 'data/redis');
  mkdirSync(dir, { recursive: true });
  // Already running for this folder (the app's, or one a killed app left): use it, never a second one.
  const running = await runningServer(dir);
  if (running !== null) return { url: `redis://127.0.0.1:${running}` };
  await stopLeftover(join(dir, 'redis.pid'));
  const port = await freePort();
  const child = spawn(
    'redis-server',
    [
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--dir',
      dir,
      '--appendonly',
      'yes',
      '--appendfsync',
      'everysec',
      '--maxmemory-policy',
      'noeviction',
      '--save',
      '',
      '--pidfile',
      join(dir, 'redis.pid'),
    ],
    { stdio: 'ignore' },
  );
  await waitUntilUp(port, child);
  writeFileSync(join(dir, 'redis.port'), `${port}\n`);
  writeFileSync(join(dir, 'redis.owner'), `${process.pid}\n`);
  return {
    url: `redis://127.0.0.1:${port}`,
    embedded: {
      dir,
      async stop() {
        if (child.exitCode !== null) return;
        const exited = new Promise((done) => child.once('exit', done));
        child.kill('SIGTERM');
        await exited;
      },
    },
  };
}
