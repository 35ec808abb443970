import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type StaffHarness, staffHarness } from './harness.js';

let h: StaffHarness;
beforeEach(async () => {
  h = await staffHarness();
});
afterEach(async () => {
  await h.close();
});

describe('customers', () => {
  it('a supervisor links an email address to a phone customer; agents may not', async () => {
    const sam = await h.addStaff('sam', 'supervisor', ['supervisor']);
    const amy = await h.addStaff('amy', 'agent', ['support']);
    const ref = await h.escalate('+8613800138055', '转人工');
    const customerId = (await h.runtime.cases.customerOf(ref))!;

    const refused = await amy.post(`/api/staff/customers/${customerId}/identities`, {
      channel: 'email',
      address: 'wang@example.cn',
    });
    expect(refused.statusCode).toBe(403);

    const bad = await sam.post(`/api/staff/customers/${customerId}/identities`, {
      channel: 'fax',
      address: '',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toMatch(/channel/);

    const linked = await sam.post(`/api/staff/customers/${customerId}/identities`, {
      channel: 'email',
      address: 'Wang@Example.cn',
    });
    expect(linked.statusCode).toBe(200);
    expect(linked.json().identities).toEqual(['phone:+8613800138055', 'email:wang@example.cn']);

    const viewed = await amy.get(`/api/staff/customers/${customerId}`);
    expect(viewed.statusCode).toBe(200);
    expect(viewed.json().cases).toEqual([
      expect.objectContaining({ ref, status: 'escalated', team: 'support' }),
    ]);

    // Mail from the linked address now belongs to the same customer.
    const mail = await h.runtime.desk.receive({
      channel: 'email',
      providerMessageId: '<m1@example.cn>',
      from: 'wang@example.cn',
      text: '查询进度',
      receivedAt: h.runtime.clock.now(),
      inline: true,
    });
    expect(mail.customerId).toBe(customerId);
  });

  it('an unknown customer is 404', async () => {
    const sam = await h.addStaff('sam', 'supervisor', ['supervisor']);
    expect((await sam.get('/api/staff/customers/0123456789abcdef')).statusCode).toBe(404);
  });
});
