import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { deliveryStore } from '../../src/cases/deliveries.js';
import { type StaffHarness, staffHarness, waitFor } from './harness.js';

let h: StaffHarness;
beforeEach(async () => {
  h = await staffHarness();
});
afterEach(async () => {
  await h.close();
});

describe('staff start an SMS or email conversation', () => {
  it('opens a case owned by the staff member; the customer answer lands on it', async () => {
    const amy = await h.addStaff('amy', 'agent', ['support']);
    h.startOutbox();
    const started = await amy.post('/api/staff/conversations', {
      channel: 'sms',
      to: '138 0013 8077',
      text: '您好，我是售后工程师Amy，关于您昨天来电反映的打印机问题…',
    });
    expect(started.statusCode).toBe(202);
    const { ref, messageId } = started.json();
    expect(ref).toMatch(/^SR-\d{4}-\d{4}$/);
    const sent = await waitFor(() => h.sent.find((m) => m.id === messageId));
    expect(sent).toMatchObject({ channel: 'sms', to: '+8613800138077', author: 'staff:amy', caseRef: ref });

    const kase = (await h.runtime.cases.get(ref))!;
    expect(kase).toMatchObject({
      status: 'waiting_customer',
      owner: 'staff:amy',
      team: 'support',
      handledBy: ['amy'],
    });

    const answer = await h.runtime.desk.receive({
      channel: 'sms',
      providerMessageId: 'SM-answer-1',
      from: '+8613800138077',
      text: '好的，打印机现在还是卡纸',
      receivedAt: h.runtime.clock.now(),
    });
    expect(answer.case).toMatchObject({ ref, status: 'assigned', owner: 'staff:amy' });
    expect(answer.replies).toHaveLength(0);
    const notes = await amy.get('/api/staff/notifications');
    expect(notes.json().items.map((n: { ref: string }) => n.ref)).toContain(ref);
  });

  it('refuses a customer who opted out, a bad number and other channels', async () => {
    const amy = await h.addStaff('amy', 'agent', ['support']);
    await deliveryStore(h.runtime.redis, h.runtime.config.REDIS_KEY_PREFIX).setOptOut(
      'sms',
      '+8613800138078',
      true,
    );
    const optedOut = await amy.post('/api/staff/conversations', {
      channel: 'sms',
      to: '+8613800138078',
      text: 'hi',
    });
    expect(optedOut.statusCode).toBe(409);
    expect(optedOut.json().error.code).toBe('SUPPORT_ERR_OPTED_OUT');
    const bad = await amy.post('/api/staff/conversations', { channel: 'sms', to: '12345', text: 'hi' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toMatch(/^to:/);
    const chat = await amy.post('/api/staff/conversations', { channel: 'chat', to: 'user-1', text: 'hi' });
    expect(chat.statusCode).toBe(400);
    expect(chat.json().error.message).toMatch(/channel/);
    const notEmail = await amy.post('/api/staff/conversations', { channel: 'email', to: 'a@', text: 'hi' });
    expect(notEmail.statusCode).toBe(400);
    expect(notEmail.json().error.message).toMatch(/^to:/);
  });

  it('by email too: the message goes out on the email medium to the normalised address', async () => {
    const amy = await h.addStaff('amy', 'agent', ['support']);
    h.startOutbox();
    const started = await amy.post('/api/staff/conversations', {
      channel: 'email',
      to: 'Li.Ming@Example.cn',
      text: 'Dear Mr Li, about the printer you reported yesterday…',
    });
    expect(started.statusCode).toBe(202);
    const { ref, messageId } = started.json();
    const sent = await waitFor(() => h.sent.find((m) => m.id === messageId));
    expect(sent).toMatchObject({ channel: 'email', to: 'li.ming@example.cn', caseRef: ref });
    expect((await h.runtime.cases.get(ref))!.route).toMatchObject({
      channel: 'email',
      identity: 'email:li.ming@example.cn',
    });
  });
});

describe('staff start a conversation with a customer who has an open case', () => {
  it('is refused: the answer would land on the wrong case', async () => {
    const amy = await h.addStaff('amy', 'agent', ['support']);
    const ref = await h.escalate('+8613800138079', '转人工');
    const started = await amy.post('/api/staff/conversations', {
      channel: 'sms',
      to: '+8613800138079',
      text: '您好',
    });
    expect(started.statusCode).toBe(409);
    expect(started.json().error.code).toBe('SUPPORT_ERR_CASE_OPEN');
    expect(started.json().error.message).toContain(ref);
  });

  it("does not name another team's case to an agent outside it; a supervisor hears the reference", async () => {
    const bob = await h.addStaff('bob', 'agent', ['onsite']);
    const sue = await h.addStaff('sue', 'supervisor', ['onsite']);
    const ref = await h.escalate('+8613800138081', '转人工');
    const body = { channel: 'sms', to: '+8613800138081', text: '您好', team: 'onsite' };
    const refused = await bob.post('/api/staff/conversations', body);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('SUPPORT_ERR_CASE_OPEN');
    expect(refused.json().error.message).not.toContain(ref);
    expect(refused.body).not.toMatch(/SR-\d{4}-\d{4}/);
    const told = await sue.post('/api/staff/conversations', body);
    expect(told.statusCode).toBe(409);
    expect(told.json().error.message).toContain(ref);
  });

  it('an Idempotency-Key sends once', async () => {
    const amy = await h.addStaff('amy', 'agent', ['support']);
    h.startOutbox();
    const body = { channel: 'sms', to: '+8613800138080', text: '您好，回访一下' };
    const first = await amy.post('/api/staff/conversations', body, { 'idempotency-key': 'k1' });
    const again = await amy.post('/api/staff/conversations', body, { 'idempotency-key': 'k1' });
    expect(first.statusCode).toBe(202);
    expect(again.json()).toEqual(first.json());
    await waitFor(() => h.sent.some((m) => m.id === first.json().messageId));
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(h.sent.filter((m) => m.to === '+8613800138080')).toHaveLength(1);
  });
});
