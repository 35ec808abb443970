/**
 * The contracts CLI (`npm run contracts -- …`), as a function of argv and an environment so tests run
 * it against the test Redis.
 *
 *   import FILE.csv [--json]     register every contract in the file, or none (each bad line named)
 *   list [--renewal-due] [--json]
 *   show NUMBER [--json]
 *   end NUMBER --on YYYY-MM-DD --reason TEXT --by NAME [--json]   (plan 3(2): end a contract early)
 *   visits [--days N] [--team T] [--engineer NAME] [--json]      upcoming visits
 *
 * Exit codes: 0 done, 1 refused (bad lines, unknown contract, Redis down), 2 usage error.
 */
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { createContractStore } from '../cases/contract-store.js';
import { loadConfig } from '../config.js';
import { importContracts } from '../contracts/import.js';
import { contractView, endContract, getContract, today } from '../contracts/service.js';
import { isSupportError, type SupportError } from '../errors.js';
import { createRuntime, type Runtime } from '../runtime.js';
import { countVisits } from '../staff/upcoming-visits.js';
import { loadUpcomingVisits } from '../staff/visits-loader.js';

export interface CliIo {
  env: NodeJS.ProcessEnv;
  out(text: string): void;
  err(text: string): void;
  /** A runtime to use instead of building one from `env` (tests). */
  runtime?: Runtime;
}

export const CONTRACTS_USAGE = `usage: npm run contracts -- <command>
  import FILE.csv [--json]
  list [--renewal-due] [--json]
  show NUMBER [--json]
  end NUMBER --on YYYY-MM-DD --reason TEXT --by NAME [--json]
  visits [--days N] [--team T] [--engineer NAME] [--json]`;

class UsageError extends Error {}

type Values = ReturnType<typeof parseCli>['values'];

/** What every command gets: the runtime, the arguments, and a printer for text or `--json`. */
interface Command {
  runtime: Runtime;
  positionals: string[];
  values: Values;
  io: CliIo;
  print(json: unknown, text: string): void;
  /** The command's argument (`show NUMBER`), or a usage error naming what is missing. */
  arg(what: string): string;
  renewalDays: number;
}

async function importCommand({ runtime, values, io, print, arg }: Command): Promise<number> {
  const file = arg('a CSV file');
  const text = await readFile(file, 'utf8');
  const result = await importContracts(runtime, file, text);
  if (result.problems.length > 0) {
    if (values.json) io.out(JSON.stringify({ imported: [], problems: result.problems }));
    for (const problem of result.problems) io.err(problem);
    io.err(
      `contracts: SUPPORT_ERR_IMPORT_INVALID: ${result.problems.length} problem(s); nothing was imported`,
    );
    return 1;
  }
  print(result, `imported ${result.imported.length} contract(s): ${result.imported.join(', ')}`);
  return 0;
}

async function listCommand({ runtime, values, print, renewalDays }: Command): Promise<number> {
  const day = today(runtime);
  const store = createContractStore(runtime.redis, runtime.config.REDIS_KEY_PREFIX);
  const views = (await store.list())
    .map((contract) => contractView(contract, day, renewalDays))
    .filter((view) => !values['renewal-due'] || view.renewalDue);
  const line = (v: (typeof views)[number]) =>
    `${v.number.padEnd(16)} ${v.customer.name.padEnd(24)} ${v.start} – ${v.lastDay}  ${v.status}${v.renewalDue ? '  renewal due' : ''}`;
  print(views, views.length === 0 ? 'no contracts' : views.map(line).join('\n'));
  return 0;
}

async function showCommand({ runtime, print, arg, renewalDays }: Command): Promise<number> {
  const view = contractView(
    await getContract(runtime, arg('a contract number')),
    today(runtime),
    renewalDays,
  );
  print(view, JSON.stringify(view, null, 2));
  return 0;
}

async function endCommand({ runtime, values, print, arg, renewalDays }: Command): Promise<number> {
  const number = arg('a contract number');
  if (!values.on || !values.reason || !values.by)
    throw new UsageError('end: --on, --reason and --by are required');
  if (!/^\d{4}-\d{2}-\d{2}$/.test(values.on)) throw new UsageError('end: --on must be YYYY-MM-DD');
  const ended = await endContract(runtime, number, { on: values.on, reason: values.reason, by: values.by });
  print(contractView(ended, today(runtime), renewalDays), `contract ${number} now ends on ${values.on}`);
  return 0;
}

async function visitsCommand({ runtime, values, print }: Command): Promise<number> {
  const days = values.days ? Number(values.days) : 60;
  if (!Number.isInteger(days) || days < 1 || days > 366) throw new UsageError('visits: --days must be 1–366');
  const visits = (await loadUpcomingVisits(runtime, days)).filter(
    (visit) =>
      (!values.team || visit.team === values.team) &&
      (!values.engineer || visit.engineer === values.engineer),
  );
  const line = (v: (typeof visits)[number]) =>
    `${v.date}  ${v.state.padEnd(8)} ${v.kind.padEnd(10)} ${(v.engineer ?? '-').padEnd(12)} ${(v.team ?? '-').padEnd(8)} ${v.ref ?? v.contract ?? ''}`;
  print(
    { count: visits.length, visits, ...countVisits(visits) },
    visits.length === 0 ? 'no upcoming visits' : visits.map(line).join('\n'),
  );
  return 0;
}

const commands: Readonly<Record<string, (command: Command) => Promise<number>>> = {
  import: importCommand,
  list: listCommand,
  show: showCommand,
  end: endCommand,
  visits: visitsCommand,
};

async function execute(runtime: Runtime, positionals: string[], values: Values, io: CliIo): Promise<number> {
  const name = positionals[0];
  if (name === undefined) throw new UsageError('a command is required');
  const run = Object.hasOwn(commands, name) ? commands[name] : undefined;
  if (!run) throw new UsageError(`unknown command ${name}`);
  return run({
    runtime,
    positionals,
    values,
    io,
    print: (json, text) => io.out(values.json ? JSON.stringify(json) : text),
    arg(what) {
      const value = positionals[1];
      if (!value) throw new UsageError(`${name}: ${what} is required`);
      return value;
    },
    renewalDays: runtime.content.policy.service_contracts.renewal_notice_days,
  });
}

export async function runContractsCli(argv: string[], io: CliIo): Promise<number> {
  let parsed: ReturnType<typeof parseCli>;
  try {
    parsed = parseCli(argv);
  } catch (error) {
    io.err(`contracts: ${error instanceof Error ? error.message : String(error)}\n${CONTRACTS_USAGE}`);
    return 2;
  }
  if (parsed.values.help) {
    io.out(CONTRACTS_USAGE);
    return 0;
  }
  let runtime = io.runtime;
  try {
    runtime ??= createRuntime(loadConfig(io.env));
    return await execute(runtime, parsed.positionals, parsed.values, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`contracts: ${error.message}\n${CONTRACTS_USAGE}`);
      return 2;
    }
    const code = isSupportError(error) ? `${(error as SupportError).code}: ` : '';
    io.err(`contracts: ${code}${error instanceof Error ? error.message : String(error)}`);
    return 1;
  } finally {
    if (runtime && runtime !== io.runtime) await runtime.close();
  }
}

function parseCli(argv: string[]) {
  const { values, positionals } = parseArgs({
    args: argv,
    options: {
      json: { type: 'boolean', default: false },
      'renewal-due': { type: 'boolean', default: false },
      on: { type: 'string' },
      reason: { type: 'string' },
      by: { type: 'string' },
      days: { type: 'string' },
      team: { type: 'string' },
      engineer: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
    allowPositionals: true,
  });
  return { values, positionals };
}
