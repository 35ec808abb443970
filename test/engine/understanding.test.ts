/**
 * Understanding whole messages through the desk: real Redis, the shipped flows, a manual clock.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TranscriptEntry } from '../../src/cases/types.js';
import { customerIdFor, identityOf } from '../../src/conversation/keys.js';
import type { InboundMessage } from '../../src/port/messages.js';
import { createTestRuntime, type TestRuntime } from '../support/runtime.js';

let runtime: TestRuntime;
let sequence = 0;

beforeEach(() => {
  runtime = createTestRuntime();
});
afterEach(async () => {
  await runtime.close();
});

async function say(from: string, text: string) {
  sequence += 1;
  const message: InboundMessage = {
    channel: 'chat',
    providerMessageId: `u-${sequence}-${Math.random()}`,
    from,
    text,
    receivedAt: runtime.clock.now(),
    inline: true,
  };
  return runtime.desk.receive(message);
}

async function transcriptOf(from: string): Promise<TranscriptEntry[]> {
  const id = customerIdFor(identityOf('chat', from));
  const raw = await runtime.redis.lrange(`${runtime.config.REDIS_KEY_PREFIX}:{c:${id}}:log`, 0, -1);
  return raw.map((line) => JSON.parse(line) as TranscriptEntry);
}

describe('facts reach the case staff see', () => {
  it('when the fault began and the purchase date are both on the case, each in its own slot', async () => {
    await say(
      'u-1',
      'The printer has been jamming since last week; we purchased it on 2 May 2024, serial CNBX445566.',
    );
    const result = await say('u-1', 'no');
    const kase = await runtime.cases.get(result.case!.ref);
    expect(kase?.slots).toMatchObject({
      product: 'printer',
      serial: 'CNBX445566',
      purchase_date: { date: '2024-05-02', precision: 'day' },
      fault_began: { date: expect.any(String), precision: 'day' },
    });
    expect((kase!.slots.fault_began as { date: string }).date).not.toBe('2024-05-02');
  });

  it('facts written before the fault report started (on the menu) are on the case it opens', async () => {
    await say('u-2', '你好，我的电话是13800138000');
    const result = await say('u-2', '1');
    expect(result.session.flow).toBe('fault_report');
    const kase = await runtime.cases.get(result.case!.ref);
    expect(kase?.slots).toMatchObject({ contact_phone: '+8613800138000' });
  });

  it('records what the message was understood as, with its confidence, in the transcript', async () => {
    await say('u-3', "My tablet's charging port is loose, serial TB9KX771, got it last August.");
    const events = (await transcriptOf('u-3')).filter((entry) => entry.kind === 'event');
    expect(events.map((entry) => entry.text)).toContainEqual(
      expect.stringMatching(/^fault_report \(evidence, 0\.\d\d\)$/),
    );
  });
});

describe('a message that does not answer the question', () => {
  it('on the menu, is understood like a first message and keeps its facts', async () => {
    await say('u-4', 'hello');
    const result = await say('u-4', 'the printer smears toner on every page, serial CNB5551212');
    expect(result.session.flow).toBe('fault_report');
    expect(result.session.slots).toMatchObject({ product: 'printer', serial: 'CNB5551212' });
  });

  it('in a flow, a global intent recognised with high confidence interrupts', async () => {
    await say('u-5', 'My laptop will not turn on');
    const result = await say('u-5', "I'd rather talk to a real person");
    expect(result.session.flow).toBeNull();
    expect(result.replies.map((reply) => reply.text).join('\n')).toContain(
      'passing you to a member of our support team',
    );
  });
});
