/**
 * The service plan's steps in a flow test: contracts registered before the conversation (held by a
 * transcript customer, whose address becomes the contract's phone or email), the invitation for a
 * contract's next planned visit, and staff booking a visit or marking the customer absent — each run
 * through the same desk work items the timers and the staff API use.
 */

import { createContractStore } from '../../cases/contract-store.js';
import { quoteInputSchema } from '../../cases/quote.js';
import { registerContracts } from '../../contracts/register.js';
import { prepareContracts } from '../../contracts/service.js';
import { customerIdFor, identityOf } from '../../conversation/keys.js';
import { contractInputSchema } from '../../policy/contract.js';
import { localDate } from '../../policy/dates.js';
import { nextVisit } from '../../policy/visit-schedule.js';
import type { Runtime } from '../../runtime.js';
import { maintenanceRecord } from '../../staff/schemas.js';
import { customerAddress } from './addresses.js';
import type { ObservedTurn } from './expect.js';
import type { LoadedTranscript } from './load.js';
import type { StaffStep } from './schema.js';
import { observeCommand, type TimerTarget } from './timers.js';

/** The supervisor staff steps act as. */
const DISPATCHER = { name: 'dispatcher', role: 'supervisor' as const };

/** A transcript customer as the runner knows them. */
export function transcriptCustomer(loaded: LoadedTranscript, name: string) {
  const channel = loaded.transcript.channel;
  const address = customerAddress(channel, loaded.file, name);
  return { channel, address, customerId: customerIdFor(identityOf(channel, address)) };
}

/** Registers the transcript's contracts; returns the problems (none when all were registered). */
export async function registerTranscriptContracts(
  runtime: Runtime,
  loaded: LoadedTranscript,
): Promise<string[]> {
  const entries = loaded.transcript.contracts;
  if (entries.length === 0) return [];
  const problems: string[] = [];
  const inputs = entries.flatMap((entry, n) => {
    const { holder, ...fields } = entry;
    const { channel, address } = transcriptCustomer(loaded, holder);
    const contact = channel === 'email' ? { email: address } : { phone: address };
    const parsed = contractInputSchema.safeParse({
      customer: { name: `customer ${holder}`, ...contact },
      ...fields,
    });
    if (parsed.success) return [parsed.data];
    problems.push(
      ...parsed.error.issues.map((issue) => `contracts[${n}].${issue.path.join('.')}: ${issue.message}`),
    );
    return [];
  });
  if (loaded.transcript.channel === 'chat')
    problems.push('contracts: use the sms, voice or email channel (a contract needs a phone or email)');
  if (problems.length > 0) return problems;
  const prepared = await prepareContracts(runtime, inputs);
  if (prepared.problems.length > 0)
    return prepared.problems.map((problem) => `contracts[${problem.index}]: ${problem.message}`);
  await registerContracts(runtime, prepared.contracts);
  return [];
}

/** The invitation for the next planned visit of a contract the customer holds. */
export async function runVisitInvite(
  runtime: Runtime,
  loaded: LoadedTranscript,
  from: string,
  itemId: string,
): Promise<{ observed: ObservedTurn; ref: string } | { problem: string }> {
  const entry = loaded.transcript.contracts.find((contract) => contract.holder === from && contract.visits);
  if (!entry) return { problem: `timer visit_invite: ${from} holds no contract with visits` };
  const contract = await createContractStore(runtime.redis, runtime.config.REDIS_KEY_PREFIX).get(
    entry.number,
  );
  const today = localDate(runtime.clock.now(), runtime.content.policy.hours.timezone);
  const date = contract && nextVisit(contract, today);
  if (!contract || !date)
    return { problem: `timer visit_invite: contract ${entry.number} plans no more visits` };
  const customer = transcriptCustomer(loaded, from);
  let ref = '';
  const observed = await observeCommand(runtime, customer, async () => {
    const result = await runtime.desk.command<{ ref?: string }>(
      customer.customerId,
      'timer.visit_invite',
      {
        ref: contract.number,
        customerId: customer.customerId,
        kind: 'visit_invite',
        key: `${contract.number}-${date}`,
      },
      { id: itemId, caseRef: contract.number },
    );
    ref = result.ref ?? '';
    return ref;
  });
  if (!ref) return { problem: `timer visit_invite: no visit was opened for contract ${contract.number}` };
  return { observed, ref };
}

/** The desk command's payload for a staff step, as the staff API builds it. */
function staffPayload(staff: StaffStep): Record<string, unknown> {
  switch (staff.action) {
    case 'dispatch':
      return { staff: DISPATCHER, engineer: staff.engineer, window: staff.window };
    case 'quote':
      return {
        staff: DISPATCHER,
        quote: quoteInputSchema.parse({
          items: staff.items,
          ...(staff.currency ? { currency: staff.currency } : {}),
          ...(staff.validDays ? { validDays: staff.validDays } : {}),
        }),
      };
    case 'resolve': {
      const { findings: _findings, ...record } = maintenanceRecord.parse(staff.record);
      return { staff: DISPATCHER, record: { ...record, findings: [] } };
    }
    default:
      return { staff: DISPATCHER, ...(staff.note ? { note: staff.note } : {}) };
  }
}

/** Staff act on the customer's latest case. */
export async function runStaffStep(
  runtime: Runtime,
  staff: StaffStep,
  target: TimerTarget,
  itemId: string,
): Promise<ObservedTurn> {
  const payload = staffPayload(staff);
  return observeCommand(runtime, target, async () => {
    const result = await runtime.desk.command<{ error?: { message: string } }>(
      target.customerId,
      `staff.${staff.action}`,
      payload,
      { id: itemId, caseRef: target.ref },
    );
    if (result && typeof result === 'object' && 'error' in result && result.error) {
      throw new Error(result.error.message);
    }
    return target.ref;
  });
}
