/**
 * A timer step in a flow test: the desk runs the same work item the BullMQ timer worker would
 * (src/queues/workers.ts → `timer.<kind>`), and what it sent the customer is read back from the outbox,
 * where timer messages go (there is no inbound message to answer inline).
 */

import type { JobType } from 'bullmq';
import { conversationKeyOf, identityOf, keySpace, slotKeys } from '../../conversation/keys.js';
import { caseView } from '../../desk/views.js';
import type { Session } from '../../engine/session.js';
import type { OutboundMessage } from '../../port/messages.js';
import type { Runtime } from '../../runtime.js';
import type { ObservedTurn } from './expect.js';

/** Outbox states a message can be in before a worker sends it (flow tests run no workers). */
const PENDING: JobType[] = ['wait', 'delayed', 'prioritized'];

export interface TimerTarget {
  customerId: string;
  ref: string;
  channel: OutboundMessage['channel'];
  address: string;
}

async function outboxFor(runtime: Runtime, customerId: string): Promise<OutboundMessage[]> {
  const jobs = await runtime.queues.outbox.getJobs(PENDING);
  return jobs
    .filter((job) => job?.data?.customerId === customerId)
    .sort((a, b) => a.timestamp - b.timestamp || String(a.id).localeCompare(String(b.id)))
    .map((job) => job.data);
}

export async function runTimer(
  runtime: Runtime,
  kind: 'followup',
  target: TimerTarget,
  itemId: string,
): Promise<ObservedTurn> {
  return observeCommand(runtime, target, async () => {
    await runtime.desk.command(
      target.customerId,
      `timer.${kind}`,
      { ref: target.ref, customerId: target.customerId, kind, key: itemId },
      { id: itemId, caseRef: target.ref },
    );
    return target.ref;
  });
}

/**
 * Runs a work item that is not a customer message (a timer, a staff action) and observes it as a turn:
 * what it sent the customer (from the outbox), the case (`run` returns its reference) and the
 * conversation afterwards.
 */
export async function observeCommand(
  runtime: Runtime,
  target: Omit<TimerTarget, 'ref'>,
  run: () => Promise<string>,
): Promise<ObservedTurn> {
  const before = new Set((await outboxFor(runtime, target.customerId)).map((message) => message.id));
  const ref = await run();
  const sent = (await outboxFor(runtime, target.customerId)).filter((message) => !before.has(message.id));
  const stored = await runtime.cases.get(ref);
  const sessionKey = `${keySpace(runtime.config.REDIS_KEY_PREFIX).customer(target.customerId)}${slotKeys.session(conversationKeyOf(identityOf(target.channel, target.address)))}`;
  const rawSession = await runtime.redis.get(sessionKey);
  const session = rawSession ? (JSON.parse(rawSession) as Session) : null;
  return {
    replies: sent.map((message) => ({
      text: message.text,
      ...(message.choices ? { choices: message.choices } : {}),
    })),
    session: {
      flow: session?.flow ?? null,
      step: session?.step ?? null,
      lang: session?.lang ?? stored?.lang ?? 'zh',
      slots: session?.slots ?? {},
    },
    case: caseView(stored),
    storedCase: stored,
    signals: {},
  };
}
