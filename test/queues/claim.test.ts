/** Taking the next case: a claim that fails puts the job back in line instead of losing the case. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestRuntime, type TestRuntime } from '../support/runtime.js';

let runtime: TestRuntime;
beforeEach(() => {
  runtime = createTestRuntime();
});
afterEach(async () => {
  await runtime.close();
});

describe('claiming', () => {
  it('a claim that fails leaves the case waiting for the next person', async () => {
    const escalated = await runtime.desk.receive({
      channel: 'sms',
      providerMessageId: 'SM-claim-1',
      from: '+8613800138200',
      text: '转人工',
      receivedAt: runtime.clock.now(),
    });
    const ref = escalated.case!.ref;
    const key = `${runtime.config.REDIS_KEY_PREFIX}:{c:${escalated.customerId}}:case:${ref}`;
    // The case cannot be read for a moment (here: moved away), so assigning it fails.
    await runtime.redis.rename(key, `${key}:away`);
    await expect(runtime.claimer.next('support', { name: 'amy', role: 'agent' })).rejects.toThrow(ref);
    expect(await runtime.queues.waitingCount('support')).toBe(1);
    await runtime.redis.rename(`${key}:away`, key);
    const claimed = await runtime.claimer.next('support', { name: 'amy', role: 'agent' });
    expect(claimed).toMatchObject({ ref, status: 'assigned', owner: 'staff:amy' });
    expect(await runtime.queues.waitingCount('support')).toBe(0);
  });

  it('a case that moves to another queue leaves the first one, so promises there are not pushed back', async () => {
    const from = '+8613800138201';
    await runtime.desk.receive({
      channel: 'sms',
      providerMessageId: 'SM-move-1',
      from,
      text: '转人工',
      receivedAt: runtime.clock.now(),
    });
    expect(await runtime.queues.waitingCount('support')).toBe(1);
    const upset = await runtime.desk.receive({
      channel: 'sms',
      providerMessageId: 'SM-move-2',
      from,
      text: '我要投诉！',
      receivedAt: runtime.clock.now(),
    });
    expect(upset.case).toMatchObject({ team: 'supervisor', priority: 'high' });
    expect(await runtime.queues.waitingCount('support')).toBe(0);
    expect(await runtime.queues.waitingCount('supervisor')).toBe(1);
  });
});
