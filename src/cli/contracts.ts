/**
 * Service contracts from the terminal: `npm run contracts -- import contracts.csv`.
 * See src/cli/contracts-cli.ts for the commands.
 */
import { loadDotEnv } from '../config.js';
import { runContractsCli } from './contracts-cli.js';

loadDotEnv();
const code = await runContractsCli(process.argv.slice(2), {
  env: process.env,
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
});
process.exitCode = code;
