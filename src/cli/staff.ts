/**
 * Staff accounts from the terminal: `npm run staff -- add alice --role agent --team support --json`.
 * See src/staff/cli.ts for the commands.
 */
import { loadDotEnv } from '../config.js';
import { runStaffCli } from '../staff/cli.js';

loadDotEnv();
const code = await runStaffCli(process.argv.slice(2), {
  env: process.env,
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
});
process.exitCode = code;
