/**
 * A customer's data on request and over time: export as JSON Lines, erase (anonymised traces stay for
 * the KPIs), and purging closed cases past the retention period — on real Redis through the inbox.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Case, TranscriptEntry } from '../../src/cases/types.js';
import { customerIdFor, slotKeys } from '../../src/conversation/keys.js';
import { eraseCustomer, exportCases, identityOfAddress, purgeClosedCases } from '../../src/desk/privacy.js';
import { createTestRuntime, type TestRuntime } from '../support/runtime.js';

let runtime: TestRuntime;
beforeEach(() => {
  runtime = createTestRuntime();
});
afterEach(async () => runtime.close());

async function escalate(from: string, text: string): Promise<string> {
  const result = await runtime.desk.receive({
    channel: 'sms',
    providerMessageId: `SM-${from}-${text.length}`,
    from,
    text,
    receivedAt: runtime.clock.now(),
    inline: true,
  });
  return result.case!.ref;
}

async function logOf(customerId: string): Promise<TranscriptEntry[]> {
  const raw = await runtime.redis.lrange(
    `${runtime.desk.inbox.keys.customer(customerId)}${slotKeys.log}`,
    0,
    -1,
  );
  return raw.map((line) => JSON.parse(line) as TranscriptEntry);
}

describe('customer data', () => {
  it('addresses are read as the identities channels record', () => {
    expect(identityOfAddress('Li@Example.cn', 'CN')).toBe('email:li@example.cn');
    expect(identityOfAddress('138 0013 8000', 'CN')).toBe('phone:+8613800138000');
    expect(identityOfAddress('webchat-user-7', 'CN')).toBe('chat:webchat-user-7');
  });

  it('export writes one JSON line per case with its transcript', async () => {
    const ref = await escalate('+8613800138600', '我的打印机卡纸了，转人工');
    const lines: string[] = [];
    const count = await exportCases(
      runtime.cases,
      { since: new Date('2026-01-01'), until: new Date('2027-01-01') },
      (line) => lines.push(line),
    );
    expect(count).toBe(1);
    const exported = JSON.parse(lines[0]!) as { case: Case; transcript: TranscriptEntry[] };
    expect(exported.case.ref).toBe(ref);
    expect(exported.transcript.map((entry) => entry.text)).toContain('我的打印机卡纸了，转人工');
  });

  it('erase removes what identifies the customer and keeps the case as an anonymised trace', async () => {
    const from = '+8613800138601';
    const ref = await escalate(from, '我叫王伟，ThinkPad 序列号PF2ABC12 开不了机，转人工');
    const customerId = customerIdFor('phone:+8613800138601');
    const result = await eraseCustomer(runtime.desk, '138 0013 8601', 'CN');
    expect(result).toMatchObject({ customerId, erased: true, cases: 1 });
    const profile = (await runtime.cases.customer(customerId))!;
    expect(profile.identities).toEqual([]);
    expect(profile.products).toEqual([]);
    expect(await logOf(customerId)).toEqual([]);
    const kase = (await runtime.cases.get(ref))!;
    expect(kase.route).toMatchObject({ identity: 'erased', address: 'erased' });
    expect(kase.slots).toEqual({});
    expect(JSON.stringify(kase)).not.toMatch(/PF2ABC12|13800138601|王伟/);
    expect(kase.flags).toContain('anonymised');
    // Still counted: the KPIs read cases by creation time.
    expect(
      (await runtime.cases.createdBetween(new Date('2026-01-01'), new Date('2027-01-01'))).map((c) => c.ref),
    ).toContain(ref);
  });

  it('purge anonymises closed cases past the retention period and drops their transcript lines only', async () => {
    const from = '+8613800138602';
    const oldRef = await escalate(from, '打印机卡纸，转人工');
    const customerId = customerIdFor('phone:+8613800138602');
    const old = (await runtime.cases.get(oldRef))!;
    await runtime.redis.set(
      `${runtime.desk.inbox.keys.customer(customerId)}${slotKeys.case(oldRef)}`,
      JSON.stringify({ ...old, status: 'closed', closedAt: '2026-01-05T10:00:00.000Z' }),
    );
    const before = await logOf(customerId);
    expect(before.some((entry) => entry.case === oldRef)).toBe(true);
    // A later message, on no case, stays.
    await runtime.redis.rpush(
      `${runtime.desk.inbox.keys.customer(customerId)}${slotKeys.log}`,
      JSON.stringify({ at: '2026-11-26T02:00:00.000Z', kind: 'in', channel: 'sms', text: 'hello again' }),
    );
    expect(await purgeClosedCases(runtime.desk, runtime.cases, 30, new Date('2026-12-01T00:00:00Z'))).toBe(0);
    // The case was created "now" (2026-11-26) by the test clock: it is purged once it is old enough.
    expect(await purgeClosedCases(runtime.desk, runtime.cases, 30, new Date('2027-02-01T00:00:00Z'))).toBe(1);
    const after = await logOf(customerId);
    expect(after.some((entry) => entry.case === oldRef)).toBe(false);
    expect(after.map((entry) => entry.text)).toContain('hello again');
    expect((await runtime.cases.get(oldRef))!.flags).toContain('anonymised');
    expect(await purgeClosedCases(runtime.desk, runtime.cases, 30, new Date('2027-02-01T00:00:00Z'))).toBe(0);
  });
});
