/**
 * What staff do with contracts, shared by the staff API and the CLI: register (one or a whole import,
 * all or nothing), look up with the status and planned visits, and end early (plan 3(2): the company
 * may stop the service at any time, but keeps its duty for what was bought — cases opened under the
 * contract keep its terms and visits already booked go ahead; no fault after the end is covered and no
 * new visit is planned).
 */

import { createContractStore } from '../cases/contract-store.js';
import { SupportError } from '../errors.js';
import type { Contract, ContractInput } from '../policy/contract.js';
import { contractStatus, lastCoveredDay, renewalDay } from '../policy/contracts.js';
import { type IsoDate, localDate } from '../policy/dates.js';
import { visitDates } from '../policy/visit-schedule.js';
import type { Runtime } from '../runtime.js';
import { attachContract, toContract } from './register.js';

export interface ContractView extends Contract {
  status: ReturnType<typeof contractStatus>;
  lastDay: IsoDate;
  /** Inside the renewal window (policy `service_contracts.renewal_notice_days` before the last day). */
  renewalDue: boolean;
  plannedVisits: IsoDate[];
}

export function contractView(contract: Contract, today: IsoDate, renewalDays: number): ContractView {
  const status = contractStatus(contract, today);
  return {
    ...contract,
    status,
    lastDay: lastCoveredDay(contract),
    renewalDue: status === 'covered' && today >= renewalDay(contract, renewalDays),
    plannedVisits: visitDates(contract),
  };
}

/** A problem with one input (its index and what is wrong), or the contracts to store. */
export async function prepareContracts(
  runtime: Runtime,
  inputs: readonly ContractInput[],
): Promise<{ contracts: Contract[]; problems: Array<{ index: number; message: string }> }> {
  const store = createContractStore(runtime.redis, runtime.config.REDIS_KEY_PREFIX);
  const now = runtime.clock.now().toISOString();
  const contracts: Contract[] = [];
  const problems: Array<{ index: number; message: string }> = [];
  const seen = new Map<string, number>();
  for (const [index, input] of inputs.entries()) {
    const number = input.number.toUpperCase();
    const first = seen.get(number);
    if (first !== undefined) {
      problems.push({ index, message: `number: ${input.number} appears twice (also entry ${first + 1})` });
      continue;
    }
    seen.set(number, index);
    const prepared = toContract(
      input,
      runtime.config.DEFAULT_PHONE_REGION,
      now,
      await store.get(input.number),
    );
    if (prepared.problem) problems.push({ index, message: prepared.problem });
    else contracts.push(prepared.contract!);
  }
  return { contracts, problems };
}

export async function getContract(runtime: Runtime, number: string): Promise<Contract> {
  const contract = await createContractStore(runtime.redis, runtime.config.REDIS_KEY_PREFIX).get(number);
  if (!contract) throw new SupportError('SUPPORT_ERR_CONTRACT_NOT_FOUND', `no contract ${number}`);
  return contract;
}

export function today(runtime: Runtime): IsoDate {
  return localDate(runtime.clock.now(), runtime.content.policy.hours.timezone);
}

/** Ends a contract early: `on` is its last covered day (today or later). */
export async function endContract(
  runtime: Runtime,
  number: string,
  input: { on: IsoDate; reason: string; by: string },
): Promise<Contract> {
  const contract = await getContract(runtime, number);
  const day = today(runtime);
  if (contractStatus(contract, day) === 'expired' || (contract.endedEarly && contract.endedEarly.on < day)) {
    throw new SupportError(
      'SUPPORT_ERR_CONTRACT_ENDED',
      `contract ${number} ended on ${lastCoveredDay(contract)}`,
    );
  }
  if (input.on < day) {
    throw new SupportError(
      'SUPPORT_ERR_VALIDATION',
      `on: ${input.on} is in the past; end it today (${day}) or later`,
    );
  }
  if (input.on >= contract.end) {
    throw new SupportError(
      'SUPPORT_ERR_VALIDATION',
      `on: must be before the contract's end (${contract.end})`,
    );
  }
  const ended: Contract = {
    ...contract,
    endedEarly: { on: input.on, by: input.by, reason: input.reason, at: runtime.clock.now().toISOString() },
    updatedAt: runtime.clock.now().toISOString(),
  };
  await createContractStore(runtime.redis, runtime.config.REDIS_KEY_PREFIX).save([ended]);
  await attachContract(runtime, ended);
  return ended;
}
