/**
 * Customers' data from the terminal:
 *
 *   npm run export -- --since 2026-01-01 [--until 2026-12-31] [--out cases.jsonl]
 *   npm run erase -- --customer +8613800138000|li@example.cn|<chat user id>
 *   npm run purge -- [--days N]        (default RETENTION_DAYS)
 *
 * Reads REDIS_URL, REDIS_KEY_PREFIX and DATABASE_URL like the server (with no DATABASE_URL, the
 * embedded PostgreSQL under ./data/pg — the running app's, if it runs). Covers Redis and the record.
 * Exit codes: 0 done, 1 failed, 2 usage error.
 */
import { createWriteStream } from 'node:fs';
import { parseArgs } from 'node:util';
import { loadConfig, loadDotEnv } from '../config.js';
import { exportCases } from '../desk/privacy.js';
import { silentLogger } from '../logger.js';
import { connectRecord } from '../record/open.js';
import { eraseCustomerEverywhere, purgeClosedCasesEverywhere } from '../record/retention.js';
import { createRuntime } from '../runtime.js';

function usage(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(2);
}

async function main(): Promise<void> {
  const [command, ...rest] = process.argv.slice(2);
  const { values } = parseArgs({
    args: rest,
    options: {
      since: { type: 'string' },
      until: { type: 'string' },
      out: { type: 'string' },
      customer: { type: 'string' },
      days: { type: 'string' },
    },
  });
  loadDotEnv();
  const config = loadConfig();
  // The record too: what left Redis after HOT_DAYS is only there (the app's embedded server is shared).
  const { record, stop } = await connectRecord(config, { logger: silentLogger });
  const runtime = createRuntime(config, { record });
  try {
    await record.ready;
    if (command === 'export') {
      const since = new Date(values.since ?? '');
      const until = values.until ? new Date(values.until) : new Date();
      if (Number.isNaN(since.getTime()) || Number.isNaN(until.getTime()))
        usage('export: --since DATE is required (and --until, if given, must be a date)');
      const out = values.out ? createWriteStream(values.out) : process.stdout;
      const count = await exportCases(runtime.cases, { since, until }, (line) => out.write(`${line}\n`));
      if (values.out) await new Promise((done) => (out as ReturnType<typeof createWriteStream>).end(done));
      process.stderr.write(`exported ${count} cases\n`);
    } else if (command === 'erase') {
      if (!values.customer) usage('erase: --customer ADDRESS is required (phone, email or chat user id)');
      const result = await eraseCustomerEverywhere(
        runtime.desk,
        record.db,
        values.customer,
        config.DEFAULT_PHONE_REGION,
        new Date(),
      );
      process.stderr.write(
        result.erased
          ? `erased customer ${result.customerId}: ${result.cases} cases kept as anonymised traces\n`
          : `no customer found for ${values.customer}\n`,
      );
    } else if (command === 'purge') {
      const days = Number(values.days ?? config.RETENTION_DAYS);
      if (!Number.isFinite(days) || days <= 0)
        usage('purge: --days N (or RETENTION_DAYS) must be a positive number');
      const purged = await purgeClosedCasesEverywhere(runtime.desk, record.db, days, new Date());
      process.stderr.write(`purged ${purged} closed cases older than ${days} days\n`);
    } else {
      usage(
        'usage: privacy export --since DATE [--until DATE] [--out FILE] | erase --customer ADDRESS | purge [--days N]',
      );
    }
  } finally {
    await runtime.close();
    await stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
