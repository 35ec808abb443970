/**
 * The staff CLI (`npm run staff -- …`), as a function of argv and an environment so tests run it
 * against the test Redis. Secrets are printed once, at creation or rotation, and never stored.
 *
 *   add <name> --role agent|engineer|supervisor --team <team>[,<team>] [--display <display name>] [--json]
 *   list [--json] · disable <name> · enable <name> · token <name> (rotate) [--json]
 *   password <name> (a new generated password) · set <name> [--role R] [--team T,…] [--json]
 *
 * Exit codes: 0 done, 1 refused (exists, unknown name, Redis down), 2 usage error.
 */
import { parseArgs } from 'node:util';
import type { Redis } from 'ioredis';
import { systemClock } from '../clock.js';
import { loadConfig } from '../config.js';
import { isSupportError } from '../errors.js';
import { connectRedis, redisTarget } from '../redis/connect.js';
import {
  createStaffAccounts,
  type StaffAccount,
  type StaffAccounts,
  type StaffRole,
  staffNameSchema,
  staffRoles,
  teamNameSchema,
} from './accounts.js';

export interface CliIo {
  env: NodeJS.ProcessEnv;
  out(text: string): void;
  err(text: string): void;
}

export const STAFF_USAGE = `usage: npm run staff -- <command>
  add <name> --role agent|engineer|supervisor --team <team>[,<team>] [--json]
  list [--json]
  disable <name> [--json]
  enable <name> [--json]
  token <name> [--json]      issue a new API token (the old one stops working)
  password <name> [--json]   issue a new console password (the old one stops working)
  set <name> [--role agent|engineer|supervisor] [--team <team>[,<team>]] [--display <display name>] [--json]`;

class UsageError extends Error {}

function nameArg(positionals: string[]): string {
  const name = positionals[1];
  if (!name) throw new UsageError(`${positionals[0]}: a staff name is required`);
  const parsed = staffNameSchema.safeParse(name);
  if (!parsed.success) throw new UsageError(`name ${name}: ${parsed.error.issues[0]!.message}`);
  return name;
}

function teamsArg(value: string | undefined): string[] {
  if (!value) throw new UsageError('add: --team <team>[,<team>] is required');
  const teams = [
    ...new Set(
      value
        .split(',')
        .map((team) => team.trim())
        .filter(Boolean),
    ),
  ];
  for (const team of teams) {
    const parsed = teamNameSchema.safeParse(team);
    if (!parsed.success) throw new UsageError(`--team ${team}: ${parsed.error.issues[0]!.message}`);
  }
  if (teams.length === 0) throw new UsageError('add: --team needs at least one team');
  return teams;
}

function roleArg(value: string | undefined): StaffRole {
  if (!value || !staffRoles.includes(value as StaffRole)) {
    throw new UsageError(`add: --role must be one of ${staffRoles.join(', ')}`);
  }
  return value as StaffRole;
}

const publicView = ({
  name,
  role,
  teams,
  disabled,
  createdAt,
  tokenIssuedAt,
  lastSignInAt,
  displayName,
}: StaffAccount) => ({ name, role, teams, disabled, createdAt, tokenIssuedAt, lastSignInAt, displayName });

async function execute(
  accounts: StaffAccounts,
  positionals: string[],
  values: { role?: string; team?: string; display?: string; json: boolean },
  io: CliIo,
): Promise<void> {
  const print = (json: unknown, text: string) => io.out(values.json ? JSON.stringify(json) : text);
  switch (positionals[0]) {
    case 'add': {
      const name = nameArg(positionals);
      const role = roleArg(values.role);
      const teams = teamsArg(values.team);
      const display = values.display ? { displayName: values.display } : {};
      const { account, password, token } = await accounts.add({ name, role, teams, ...display });
      print(
        { name: account.name, role: account.role, teams: account.teams, password, token },
        `added ${account.role} ${account.name} (teams: ${account.teams.join(', ')})\n` +
          `  password: ${password}\n  token:    ${token}\n` +
          'Keep them now: they are stored only as hashes and cannot be shown again.',
      );
      return;
    }
    case 'list': {
      const all = await accounts.list();
      print(
        all.map(publicView),
        all.length === 0
          ? 'no staff accounts'
          : all
              .map(
                (a) =>
                  `${a.name.padEnd(20)} ${a.role.padEnd(10)} ${a.teams.join(',').padEnd(24)} ${a.disabled ? 'disabled' : 'active'}`,
              )
              .join('\n'),
      );
      return;
    }
    case 'disable':
    case 'enable': {
      const account = await accounts.setDisabled(nameArg(positionals), positionals[0] === 'disable');
      print(publicView(account), `${account.name} is ${account.disabled ? 'disabled' : 'active'}`);
      return;
    }
    case 'token': {
      const { account, token } = await accounts.rotateToken(nameArg(positionals));
      print(
        { name: account.name, token },
        `new token for ${account.name}: ${token}\nThe previous token no longer works.`,
      );
      return;
    }
    case 'password': {
      const { account, password } = await accounts.resetPassword(nameArg(positionals));
      print(
        { name: account.name, password },
        `new password for ${account.name}: ${password}\nThe previous password no longer works.`,
      );
      return;
    }
    case 'set': {
      const name = nameArg(positionals);
      if (!values.role && !values.team && values.display === undefined)
        throw new UsageError('set: give --role, --team, --display or more');
      const account = await accounts.update(name, {
        ...(values.role ? { role: roleArg(values.role) } : {}),
        ...(values.team ? { teams: teamsArg(values.team) } : {}),
        ...(values.display !== undefined ? { displayName: values.display } : {}),
      });
      print(publicView(account), `${account.name}: ${account.role} (teams: ${account.teams.join(', ')})`);
      return;
    }
    case undefined:
      throw new UsageError('a command is required');
    default:
      throw new UsageError(`unknown command ${positionals[0]}`);
  }
}

export async function runStaffCli(argv: string[], io: CliIo): Promise<number> {
  let parsed: ReturnType<typeof parseCli>;
  try {
    parsed = parseCli(argv);
  } catch (error) {
    io.err(`staff: ${error instanceof Error ? error.message : String(error)}\n${STAFF_USAGE}`);
    return 2;
  }
  if (parsed.values.help) {
    io.out(STAFF_USAGE);
    return 0;
  }
  let redis: Redis | undefined;
  try {
    const config = loadConfig(io.env);
    // Bounded retries: a CLI should say Redis is down, not hang.
    redis = connectRedis(redisTarget(config), {
      maxRetriesPerRequest: 1,
      retryStrategy: (times) => (times > 3 ? null : 200),
    });
    redis.on('error', () => undefined);
    const accounts = createStaffAccounts(redis, config.REDIS_KEY_PREFIX, systemClock);
    await execute(accounts, parsed.positionals, parsed.values, io);
    return 0;
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`staff: ${error.message}\n${STAFF_USAGE}`);
      return 2;
    }
    const code = isSupportError(error) ? `${error.code}: ` : '';
    io.err(`staff: ${code}${error instanceof Error ? error.message : String(error)}`);
    return 1;
  } finally {
    redis?.disconnect();
  }
}

function parseCli(argv: string[]) {
  const { values, positionals } = parseArgs({
    args: argv,
    options: {
      role: { type: 'string' },
      team: { type: 'string' },
      display: { type: 'string' },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
    allowPositionals: true,
  });
  return { values: { ...values, json: values.json ?? false }, positionals };
}
