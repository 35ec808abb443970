/**
 * Registering contracts (staff API, CSV import): validate everything first, store all of them in one
 * MULTI, then tell each holder's inbox (desk command `contract.attach`), which records the contract on
 * the customer's profile and schedules its renewal reminder and first preventive visit. Re-registering
 * a contract replaces it; the inbox commands are idempotent per contract version.
 */
import { createHash } from 'node:crypto';
import { createContractStore } from '../cases/contract-store.js';
import type { Contract, ContractInput } from '../policy/contract.js';
import type { Runtime } from '../runtime.js';
import { contractHolders } from './identities.js';

export interface RegisterOptions {
  by: string;
}

export function toContract(
  input: ContractInput,
  region: string,
  now: string,
  previous: Contract | null,
): { contract?: Contract; problem?: string } {
  const { holders, problem } = contractHolders(input.customer, region);
  if (problem) return { problem };
  return {
    contract: {
      ...input,
      serials: [...new Set(input.serials.map((serial) => serial.toUpperCase()))],
      holders: holders.map((holder) => holder.customerId),
      contacts: holders,
      ...(previous?.endedEarly ? { endedEarly: previous.endedEarly } : {}),
      createdAt: previous?.createdAt ?? now,
      updatedAt: now,
    },
  };
}

/** Stores the contracts and attaches them to their customers. Inputs must already be valid. */
export async function registerContracts(runtime: Runtime, contracts: readonly Contract[]): Promise<void> {
  const store = createContractStore(runtime.redis, runtime.config.REDIS_KEY_PREFIX);
  await store.save(contracts);
  for (const contract of contracts) await attachContract(runtime, contract);
}

/** Tells each holder's inbox about the contract (as it is now). */
export async function attachContract(runtime: Runtime, contract: Contract): Promise<void> {
  const { createdAt: _created, updatedAt: _updated, ...content } = contract;
  const version = createHash('sha256').update(JSON.stringify(content)).digest('hex').slice(0, 20);
  for (const [n, holder] of contract.contacts.entries()) {
    await runtime.desk.command(
      holder.customerId,
      'contract.attach',
      { contract, identity: holder.identity, primary: n === 0 },
      // One work item per version of the contract: the same content again is a no-op, a change is not.
      { id: `contract-attach-${contract.number}-${holder.customerId}-${version}` },
    );
  }
}
