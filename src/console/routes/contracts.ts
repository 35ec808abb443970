/**
 * `/console/contracts`: the list (`?renewal=due` for renewals), importing a CSV file from the page
 * (all lines or none, through the same import as `npm run contracts -- import`), and ending a contract
 * early (supervisors). Engineers read; agents and supervisors import.
 */
import type { FastifyRequest } from 'fastify';
import { createContractStore } from '../../cases/contract-store.js';
import { importContracts } from '../../contracts/import.js';
import { type ContractView, contractView, endContract, today } from '../../contracts/service.js';
import { SupportError } from '../../errors.js';
import type { Runtime } from '../../runtime.js';
import { assertSupervisor } from '../../staff/access.js';
import { contractParams, endContractBody } from '../../staff/schemas.js';
import { parseInput } from '../../staff/validate.js';
import { type ConsoleRoutes, pageContext, sendPage, signedIn } from '../context.js';
import { type ContractsPageInput, contractsPage } from '../views/contracts.js';

const IMPORT_NAME = 'csv';

async function listed(runtime: Runtime, renewalOnly: boolean): Promise<ContractView[]> {
  const day = today(runtime);
  const days = runtime.content.policy.service_contracts.renewal_notice_days;
  const store = createContractStore(runtime.redis, runtime.config.REDIS_KEY_PREFIX);
  const views = (await store.list()).map((contract) => contractView(contract, day, days));
  return (renewalOnly ? views.filter((view) => view.renewalDue) : views).sort((a, b) =>
    a.lastDay.localeCompare(b.lastDay),
  );
}

/** `csv:12: start: must be…` → line 12 and the message; a problem with the whole file has no line. */
export function importProblem(text: string): { line: number | null; message: string } {
  const match = /^[^:]*:(\d+): (.*)$/s.exec(text);
  if (match) return { line: Number(match[1]), message: match[2]! };
  return { line: null, message: text.replace(/^[^:]*: /, '') };
}

/** The uploaded file (multipart, read by the console's parser), or a pasted `csv` field. */
function uploaded(request: FastifyRequest): string {
  const body = (request.body ?? {}) as Record<string, unknown>;
  const file = body.file ?? body.csv;
  if (Buffer.isBuffer(file)) return file.toString('utf8');
  if (typeof file === 'string') return file;
  throw new SupportError('SUPPORT_ERR_VALIDATION', 'file: choose a CSV file to import');
}

export const contractPageRoutes: ConsoleRoutes = (app, { runtime }) => {
  const show = async (input: Omit<ContractsPageInput, 'contracts' | 'today'>) => ({
    ...input,
    contracts: await listed(runtime, input.renewalOnly),
    today: today(runtime),
  });

  app.get('/console/contracts', async (request, reply) => {
    signedIn(request);
    const query = request.query as Record<string, unknown>;
    const ctx = pageContext(request, runtime);
    const notice = query.done === 'end' ? ctx.w.contractEndDone : undefined;
    const input = await show({
      renewalOnly: query.renewal === 'due',
      ...(notice ? { notice } : {}),
    });
    return sendPage(reply, contractsPage(ctx, input));
  });

  app.post('/console/contracts/import', async (request, reply) => {
    const { staff } = signedIn(request);
    if (staff.role === 'engineer')
      throw new SupportError('SUPPORT_ERR_FORBIDDEN', 'only agents and supervisors may import contracts');
    const result = await importContracts(runtime, IMPORT_NAME, uploaded(request));
    const input = await show({
      renewalOnly: false,
      imported: result.imported,
      problems: result.problems.map(importProblem),
    });
    return sendPage(
      reply,
      contractsPage(pageContext(request, runtime), input),
      result.problems.length ? 422 : 200,
    );
  });

  app.post('/console/contracts/:number/end', async (request, reply) => {
    const { staff } = signedIn(request);
    assertSupervisor(staff, 'end a contract early');
    const { number } = parseInput(contractParams, request.params, 'params');
    const form = (request.body ?? {}) as Record<string, unknown>;
    const body = parseInput(endContractBody, { on: form.on, reason: form.reason }, 'body');
    await endContract(runtime, number, { ...body, by: staff.name });
    return reply.redirect(`/console/contracts?done=end#contract-${number}`, 303);
  });
};
