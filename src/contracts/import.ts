/**
 * Importing a contract file: every line is checked (columns, values, phone numbers, numbers repeated
 * in the file) before anything is stored; one bad line means nothing is imported, and every problem is
 * reported as `FILE:LINE: field: message`.
 */

import type { ContractInput } from '../policy/contract.js';
import type { Runtime } from '../runtime.js';
import { readContractCsv } from './csv.js';
import { registerContracts } from './register.js';
import { prepareContracts } from './service.js';

export interface ImportResult {
  imported: string[];
  problems: string[];
}

export async function importContracts(runtime: Runtime, file: string, text: string): Promise<ImportResult> {
  const { lines } = readContractCsv(text);
  const problems = lines.flatMap((line) =>
    line.problems.map((problem) => `${file}:${line.line}: ${problem}`),
  );
  const valid = lines.filter(
    (line): line is typeof line & { input: ContractInput } => line.input !== undefined,
  );
  const prepared = await prepareContracts(
    runtime,
    valid.map((line) => line.input),
  );
  problems.push(
    ...prepared.problems.map(({ index, message }) => `${file}:${valid[index]!.line}: ${message}`),
  );
  if (problems.length > 0) {
    problems.sort((a, b) => Number(a.split(':')[1]) - Number(b.split(':')[1]));
    return { imported: [], problems };
  }
  if (prepared.contracts.length === 0)
    return { imported: [], problems: [`${file}: no contracts in the file`] };
  await registerContracts(runtime, prepared.contracts);
  return { imported: prepared.contracts.map((contract) => contract.number), problems: [] };
}
