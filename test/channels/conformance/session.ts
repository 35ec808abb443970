/** What every conformance check shares: the driver's session, the customer's transcript, the outbox. */
import { afterAll, beforeAll } from 'vitest';
import type { TranscriptEntry } from '../../../src/cases/types.js';
import { customerIdFor, identityOf, slotKeys } from '../../../src/conversation/keys.js';
import type { OutboundMessage } from '../../../src/port/messages.js';
import type { ConformanceDriver, ConformanceSession } from './driver.js';

export type SessionOf = () => ConformanceSession;

/** Opens the driver's session before the checks of its describe block and closes it after them. */
export function useSession(driver: ConformanceDriver): SessionOf {
  let session: ConformanceSession | undefined;
  beforeAll(async () => {
    session = await driver.open();
  });
  afterAll(async () => session?.close());
  return () => {
    if (!session) throw new Error(`${driver.name}: the session did not open`);
    return session;
  };
}

export const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let ids = 0;
export const uniqueId = (what: string) => `${what}-${Date.now().toString(36)}-${ids++}`;

export function customerOf(session: ConformanceSession, address: string): string {
  return customerIdFor(identityOf(session.adapter.kind, address));
}

export async function transcriptOf(session: ConformanceSession, address: string): Promise<TranscriptEntry[]> {
  const { runtime } = session;
  const raw = await runtime.redis.lrange(
    `${runtime.desk.inbox.keys.customer(customerOf(session, address))}${slotKeys.log}`,
    0,
    -1,
  );
  return raw.map((line) => JSON.parse(line) as TranscriptEntry);
}

/** Puts a message to `address` on the outbox, as a staff reply or a notice goes; returns its id. */
export async function sendThroughOutbox(
  session: ConformanceSession,
  address: string,
  text: string,
  extra: Partial<OutboundMessage> = {},
): Promise<string> {
  const { adapter, runtime } = session;
  const id = uniqueId('conformance');
  await runtime.queues.apply({
    type: 'send',
    message: {
      id,
      channel: adapter.kind,
      provider: adapter.provider,
      to: address,
      lang: 'en',
      text,
      customerId: customerOf(session, address),
      author: 'system',
      createdAt: runtime.clock.now().toISOString(),
      ...extra,
    },
  });
  return id;
}
