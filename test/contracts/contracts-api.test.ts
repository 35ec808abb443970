import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { customerIdFor, identityOf } from '../../src/conversation/keys.js';
import type { InboundMessage } from '../../src/port/messages.js';
import { type Caller, type StaffHarness, staffHarness, waitFor } from '../staff/harness.js';

let h: StaffHarness;
let alice: Caller;
let wang: Caller;
let sam: Caller;
let seq = 0;

/** One SMS from a customer, answered inline (as the terminal chat reads it). */
async function say(from: string, text: string) {
  seq += 1;
  const message: InboundMessage = {
    channel: 'sms',
    providerMessageId: `contracts-${seq}`,
    from,
    text,
    receivedAt: h.runtime.clock.now(),
    inline: true,
  };
  const result = await h.runtime.desk.receive(message);
  return { ...result, text: result.replies.map((reply) => reply.text).join('\n') };
}

const contract = (overrides: Record<string, unknown> = {}) => ({
  number: 'HT-2026-0101',
  customer: { name: '华东仓储有限公司', phone: '13800138101' },
  serials: ['PF2ABC12'],
  start: '2026-01-01',
  end: '2026-12-31',
  level: 'onsite',
  responseHours: 2,
  covers: ['主机维修'],
  excludes: ['耗材'],
  ...overrides,
});

beforeAll(async () => {
  h = await staffHarness();
  alice = await h.addStaff('alice', 'agent', ['support']);
  wang = await h.addStaff('wang', 'engineer', ['onsite']);
  sam = await h.addStaff('sam', 'supervisor', ['supervisor']);
  h.startOutbox();
});
afterAll(() => h.close());

describe('registering contracts', () => {
  it('201 for a new contract, 200 when it is registered again; engineers may read but not register', async () => {
    const created = await alice.post('/api/staff/contracts', contract());
    expect(created.statusCode).toBe(201);
    expect(created.json().contract).toMatchObject({
      number: 'HT-2026-0101',
      status: 'covered',
      lastDay: '2026-12-31',
      renewalDue: false,
      serials: ['PF2ABC12'],
      team: 'onsite',
    });
    expect((await alice.post('/api/staff/contracts', contract())).statusCode).toBe(200);
    expect((await wang.post('/api/staff/contracts', contract())).statusCode).toBe(403);
    expect((await wang.get('/api/staff/contracts/HT-2026-0101')).json().contract.number).toBe('HT-2026-0101');
  });

  it('400 names every bad field; 404 for an unknown number', async () => {
    const bad = await alice.post(
      '/api/staff/contracts',
      contract({ end: '2025-12-31', serials: [], level: 'x' }),
    );
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('SUPPORT_ERR_VALIDATION');
    expect(bad.json().error.message).toContain('level:');
    const phone = await alice.post(
      '/api/staff/contracts',
      contract({ number: 'HT-BAD', customer: { name: 'x', phone: '123' } }),
    );
    expect(phone.json().error.message).toContain('customer.phone: 123 is not a valid phone number');
    const missing = await alice.get('/api/staff/contracts/HT-NONE');
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.code).toBe('SUPPORT_ERR_CONTRACT_NOT_FOUND');
  });
});

describe('a fault on a contracted unit', () => {
  it("is a contract repair told with the plan's terms, and the contract's response time sets the deadline", async () => {
    await alice.post('/api/staff/contracts', contract());
    const from = '+8613800138101';
    await say(from, '我的ThinkPad X1 序列号PF2ABC12 2023年5月买的，开不了机');
    await say(from, '没有');
    const decided = await say(from, '没有');
    expect(decided.text).toContain('服务合同 HT-2026-0101');
    expect(decided.text).toContain('修复良好的回收零部件');
    expect(decided.case?.warranty?.decision).toBe('contract_repair');
    await say(from, '没有解决');
    await say(from, '不同意');
    await say(from, '上海市浦东新区张江路100号');
    await say(from, '王先生');
    await say(from, '13800138101');
    const escalated = await say(from, '明天上午');
    // Thursday 10:00 + the contract's 2 business hours (the normal SLA would be 4 hours and more).
    expect(escalated.case).toMatchObject({
      status: 'escalated',
      team: 'onsite',
      deadline: '2026-11-26T04:00:00.000Z',
    });
    const stored = (await h.runtime.cases.get(escalated.case!.ref))!;
    expect(stored.contract).toMatchObject({ number: 'HT-2026-0101', responseMinutes: 120 });
  });

  it('a supervisor may end a contract early; a fault after that day is paid, and says why', async () => {
    await alice.post('/api/staff/contracts', contract({ number: 'HT-2026-0102', serials: ['PF2ZZZ99'] }));
    const body = { on: '2026-11-26', reason: '客户公司搬迁' };
    expect((await alice.post('/api/staff/contracts/HT-2026-0102/end', body)).statusCode).toBe(403);
    const past = await sam.post('/api/staff/contracts/HT-2026-0102/end', { ...body, on: '2026-11-01' });
    expect(past.statusCode).toBe(400);
    const ended = await sam.post('/api/staff/contracts/HT-2026-0102/end', body);
    expect(ended.statusCode).toBe(200);
    expect(ended.json().contract).toMatchObject({
      lastDay: '2026-11-26',
      status: 'covered',
      endedEarly: { by: 'sam' },
    });

    h.runtime.clock.advance(24 * 3600_000);
    const again = await sam.post('/api/staff/contracts/HT-2026-0102/end', body);
    expect(again.json().error.code).toBe('SUPPORT_ERR_CONTRACT_ENDED');
    const from = '+8613800138102';
    await say(from, '我的ThinkPad 序列号PF2ZZZ99 2023年5月买的，开不了机');
    await say(from, '没有');
    const decided = await say(from, '没有');
    expect(decided.case?.warranty?.decision).toBe('paid_repair');
    expect(decided.text).toContain('服务合同 HT-2026-0102 已于 2026年11月26日 终止');
    h.runtime.clock.advance(-24 * 3600_000);
  });
});

describe('renewal', () => {
  it('a contract within 30 days of its end reminds staff, and the customer hears it once at their next contact', async () => {
    const created = await alice.post(
      '/api/staff/contracts',
      contract({
        number: 'HT-2026-0103',
        serials: ['PF2REN01'],
        end: '2026-12-20',
        customer: { name: '李女士', phone: '13800138103' },
      }),
    );
    expect(created.json().contract.renewalDue).toBe(true);
    const due = (await alice.get('/api/staff/contracts?renewal=due')).json();
    expect(due.contracts.map((c: { number: string }) => c.number)).toContain('HT-2026-0103');

    // The renewal timer is due already: the timer worker runs it.
    const note = await waitFor(async () => {
      const items = (await alice.get('/api/staff/notifications')).json().items as Array<{
        ref: string;
        text: string;
      }>;
      return items.find((item) => item.ref === 'HT-2026-0103');
    });
    expect(note.text).toContain('ends on 2026-12-20');
    const customerId = customerIdFor(identityOf('sms', '+8613800138103'));
    await waitFor(async () => (await h.runtime.cases.customer(customerId))?.notices?.length);
    const first = await say('+8613800138103', '你好');
    expect(first.text).toContain('您的服务合同 HT-2026-0103 将于 2026年12月20日 到期');
    const second = await say('+8613800138103', '我的打印机卡纸了');
    expect(second.replies.length).toBeGreaterThan(0);
    expect(second.text).not.toContain('到期');
  });

  it('a contract renewed before the customer heard the notice drops it', async () => {
    const renewal = contract({
      number: 'HT-2026-0104',
      serials: ['PF2REN02'],
      end: '2026-12-15',
      customer: { name: '周先生', phone: '13800138104' },
    });
    await alice.post('/api/staff/contracts', renewal);
    const customerId = customerIdFor(identityOf('sms', '+8613800138104'));
    await waitFor(async () => (await h.runtime.cases.customer(customerId))?.notices?.length);
    const renewed = await alice.post('/api/staff/contracts', { ...renewal, end: '2027-12-15' });
    expect(renewed.json().contract).toMatchObject({ lastDay: '2027-12-15', renewalDue: false });
    expect((await h.runtime.cases.customer(customerId))?.notices).toEqual([]);
    const next = await say('+8613800138104', '你好');
    expect(next.text).not.toContain('到期');
  });
});
