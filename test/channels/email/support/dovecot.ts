/**
 * A private Dovecot for one test file: a throw-away config, user and maildir in a temporary folder, on
 * a free port (STACK-NOTES §5). `dovecotMissing` says, in one line, why the email tests skip on a
 * machine without the `dovecot-imapd` package; CI installs it.
 */
import { execFileSync } from 'node:child_process';
import {
  chmodSync,
  chownSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ImapFlow } from 'imapflow';
import { freePort } from '../../../support/global-setup.js';

function findDovecot(): string | null {
  for (const path of ['/usr/sbin/dovecot', '/usr/local/sbin/dovecot']) if (existsSync(path)) return path;
  try {
    return execFileSync('sh', ['-c', 'command -v dovecot'], { encoding: 'utf8' }).trim() || null;
  } catch {
    return null;
  }
}

const binary = findDovecot();
const rootUser = process.getuid?.() === 0;

/** Why the email tests cannot run here, or null. */
export const dovecotMissing: string | null = !binary
  ? 'dovecot is not installed: apt-get install dovecot-imapd (email tests skipped)'
  : !rootUser
    ? 'dovecot tests need root (mail is stored as uid 65534): email tests skipped'
    : null;

if (dovecotMissing) process.stderr.write(`${dovecotMissing}\n`);

export const MAILBOX_USER = 'support@example.test';
export const MAILBOX_PASSWORD = 'secret123';

export interface Dovecot {
  port: number;
  dir: string;
  stop(): Promise<void>;
  start(): Promise<void>;
  /** Drops every connection of the mailbox user (doveadm kick). */
  kick(): void;
  /** A fresh client logged in as the mailbox user (the caller logs out). */
  client(): Promise<ImapFlow>;
  /** Delivers a raw mail to INBOX as a mail client or MTA would. */
  append(raw: string | Buffer, folder?: string): Promise<void>;
  /** The number of messages in a folder. */
  count(folder: string): Promise<number>;
  close(): Promise<void>;
}

function config(dir: string, port: number): string {
  return `protocols = imap
listen = 127.0.0.1
base_dir = ${dir}/run
state_dir = ${dir}/state
log_path = ${dir}/dovecot.log
info_log_path = ${dir}/dovecot.log
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
mail_location = maildir:~/Maildir
first_valid_uid = 65534
mail_uid = 65534
mail_gid = 65534
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u ${dir}/users
}
userdb {
  driver = static
  args = uid=65534 gid=65534 home=${dir}/mail/%u
}
namespace inbox {
  inbox = yes
  separator = /
}
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = ${port}
  }
  inet_listener imaps {
    port = 0
  }
}
service anvil {
  chroot =
}
imap_idle_notify_interval = 2 mins
`;
}

async function waitForPort(port: number, open: boolean): Promise<void> {
  const { connect } = await import('node:net');
  for (let attempt = 0; attempt < 200; attempt++) {
    const ok = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (ok === open) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`dovecot did not ${open ? 'open' : 'close'} port ${port}`);
}

export async function startDovecot(): Promise<Dovecot> {
  if (!binary) throw new Error(dovecotMissing ?? 'no dovecot');
  const dir = mkdtempSync(join(tmpdir(), 'support-bot-dovecot-'));
  chmodSync(dir, 0o755); // dovecot's auth process must traverse it
  for (const sub of ['run', 'state', 'mail']) mkdirSync(join(dir, sub));
  chownSync(join(dir, 'mail'), 65534, 65534);
  const port = await freePort();
  writeFileSync(join(dir, 'dovecot.conf'), config(dir, port));
  writeFileSync(join(dir, 'users'), `${MAILBOX_USER}:{PLAIN}${MAILBOX_PASSWORD}\n`);
  const conf = join(dir, 'dovecot.conf');

  const start = async () => {
    execFileSync(binary, ['-c', conf], { stdio: 'ignore' });
    await waitForPort(port, true);
  };
  const stop = async () => {
    const pidFile = join(dir, 'run', 'master.pid');
    if (!existsSync(pidFile)) return;
    const pid = Number(readFileSync(pidFile, 'utf8').trim());
    // A master stopped with SIGTERM lets running imap processes finish; a restart drops clients.
    try {
      execFileSync('doveadm', ['-c', conf, 'kick', MAILBOX_USER], { stdio: 'ignore' });
    } catch {
      // nobody connected
    }
    try {
      process.kill(pid, 'SIGTERM');
    } catch {
      return;
    }
    for (let n = 0; n < 200; n++) {
      try {
        process.kill(pid, 0);
      } catch {
        break;
      }
      await new Promise((r) => setTimeout(r, 25));
    }
    await waitForPort(port, false);
  };
  await start();

  const client = async () => {
    const imap = new ImapFlow({
      host: '127.0.0.1',
      port,
      secure: false,
      auth: { user: MAILBOX_USER, pass: MAILBOX_PASSWORD },
      logger: false,
    });
    imap.on('error', () => undefined);
    await imap.connect();
    return imap;
  };
  const withClient = async <T>(work: (imap: ImapFlow) => Promise<T>): Promise<T> => {
    const imap = await client();
    try {
      return await work(imap);
    } finally {
      await imap.logout().catch(() => imap.close());
    }
  };

  return {
    port,
    dir,
    start,
    stop,
    kick: () => {
      execFileSync('doveadm', ['-c', conf, 'kick', MAILBOX_USER], { stdio: 'ignore' });
    },
    client,
    append: (raw, folder = 'INBOX') =>
      withClient(async (imap) => {
        await imap.append(folder, typeof raw === 'string' ? Buffer.from(raw.replace(/\r?\n/g, '\r\n')) : raw);
      }),
    count: (folder) =>
      withClient(async (imap) => {
        try {
          const status = await imap.status(folder, { messages: true });
          return status ? (status.messages ?? 0) : 0;
        } catch {
          return 0;
        }
      }),
    async close() {
      await stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
