/**
 * Paid repairs through the staff API: a quote sent from the case reaches the customer on their channel
 * with the total and how to answer; the answer in words lands on the case; dispatch waits for an
 * accepted quote; an expired quote can be sent again; bad input is a 400, never a 5xx.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Caller, StaffHarness } from './harness.js';
import { staffHarness, waitFor } from './harness.js';

let h: StaffHarness;
let alice: Caller;
let bob: Caller;
let n = 0;

const DAY = 24 * 3600_000;
const window = { start: '2026-11-27T09:00:00+08:00', end: '2026-11-27T12:00:00+08:00' };
const ITEMS = [
  { description: '更换主板', amount: 1080 },
  { description: '上门工时', amount: 200 },
];

async function say(from: string, text: string) {
  n += 1;
  return h.runtime.desk.receive({
    channel: 'sms',
    providerMessageId: `SM-quote-${n}`,
    from,
    text,
    receivedAt: h.runtime.clock.now(),
    inline: true,
  });
}

/** A dropped laptop (paid repair) whose customer asked for a quote, claimed by alice. */
async function paidCase(from: string): Promise<string> {
  await say(from, '笔记本不小心摔了一下，开不了机了。序列号PF2DRP0' + from.slice(-2) + '，今年5月买的');
  const asked = await say(from, '好的，麻烦报个价');
  expect(asked.case).toMatchObject({ status: 'escalated', warranty: { decision: 'paid_repair' } });
  const claimed = await alice.post('/api/staff/cases/next', { team: 'support' });
  expect(claimed.json().case.ref).toBe(asked.case!.ref);
  return asked.case!.ref;
}

const sentTo = (ref: string) => h.sent.filter((message) => message.caseRef === ref);

beforeAll(async () => {
  h = await staffHarness();
  alice = await h.addStaff('alice', 'agent', ['support']);
  bob = await h.addStaff('bob', 'agent', ['support']);
  h.startOutbox();
});
afterAll(() => h.close());

describe('a quote sent, accepted in words, then dispatched', () => {
  it('the customer reads the items, the total and how to accept; "可以，修吧" accepts it; dispatch is allowed after', async () => {
    const from = '+8613800177001';
    const ref = await paidCase(from);
    const refused = await alice.post(`/api/staff/cases/${ref}/dispatch`, { engineer: '王工', window });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error).toEqual({
      code: 'SUPPORT_ERR_QUOTE_NOT_ACCEPTED',
      message: `case ${ref} is a paid repair and has no quote: send a quote and wait for the customer to accept it`,
    });

    const sent = await alice.post(`/api/staff/cases/${ref}/quote`, {
      items: ITEMS,
      currency: 'CNY',
      validDays: 7,
    });
    expect(sent.statusCode).toBe(201);
    expect(sent.json().quote).toMatchObject({
      n: 1,
      status: 'sent',
      total: 1280,
      currency: 'CNY',
      items: ITEMS,
      decidedAt: null,
      // Seven days after Thursday 26 November, to the end of that day in Shanghai.
      validUntil: '2026-12-03T15:59:59.999Z',
    });
    const message = await waitFor(() => sentTo(ref).find((m) => m.text.includes('报价')));
    expect(message.text).toContain('1. 更换主板: 1,080.00 CNY');
    expect(message.text).toContain('合计：1,280.00 CNY，有效期至 2026年12月3日');
    expect(message.text).toContain('同意维修请回复“同意”');
    expect(message.notice).toEqual({
      kind: 'quote',
      values: { ref, total: '1,280.00 CNY', until: '2026年12月3日' },
    });

    const still = await alice.post(`/api/staff/cases/${ref}/dispatch`, { engineer: '王工', window });
    expect(still.json().error.message).toContain('its quote 1 is sent');

    const answer = await say(from, '可以，修吧');
    expect(answer.replies.map((r) => r.text).join('\n')).toContain('已确认您同意报价（合计 1,280.00 CNY）');
    const detail = (await alice.get(`/api/staff/cases/${ref}`)).json();
    expect(detail.quote).toMatchObject({
      status: 'accepted',
      total: 1280,
      currency: 'CNY',
      items: ITEMS,
      decidedAt: h.runtime.clock.now().toISOString(),
    });
    expect(detail.audit.map((entry: { action: string }) => entry.action)).toContain('quoted');
    expect(
      detail.transcript.some((e: { meta?: { event?: string } }) => e.meta?.event === 'quote_accepted'),
    ).toBe(true);

    const booked = await alice.post(`/api/staff/cases/${ref}/dispatch`, { engineer: '王工', window });
    expect(booked.statusCode).toBe(200);
    const again = await alice.post(`/api/staff/cases/${ref}/quote`, { items: ITEMS });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('SUPPORT_ERR_QUOTE_STATE');
  });

  it('"too expensive" declines it in English; the case shows declined with the words, and no charge', async () => {
    const from = '+8613800177002';
    await say(
      from,
      'I dropped my laptop and now it will not turn on, serial PF2DRP0EN2, bought in May this year',
    );
    const asked = await say(from, 'yes please send a quote');
    const ref = asked.case!.ref;
    expect((await alice.post('/api/staff/cases/next', { team: 'support' })).json().case.ref).toBe(ref);
    expect((await alice.post(`/api/staff/cases/${ref}/quote`, { items: ITEMS })).statusCode).toBe(201);
    const message = await waitFor(() => sentTo(ref).find((m) => m.text.includes('Total')));
    expect(message.text).toContain('Total: 1,280.00 CNY, valid until 3 December 2026.');
    const answer = await say(from, 'too expensive');
    expect(answer.replies.map((r) => r.text).join('\n')).toContain(
      'you declined the quote and nothing is charged',
    );
    const detail = (await alice.get(`/api/staff/cases/${ref}`)).json();
    expect(detail.quote).toMatchObject({ status: 'declined', reason: 'too expensive' });
    // The customer's page lists the quote with the case it belongs to.
    const customer = (await alice.get(`/api/staff/customers/${detail.customer.id}`)).json();
    expect(customer.quotes).toEqual([
      expect.objectContaining({ ref, status: 'declined', total: 1280, currency: 'CNY' }),
    ]);
  });
});

describe('expiry and sending again', () => {
  it('an unanswered quote reads expired after its last day; a late "同意" changes nothing; resend makes quote 2', async () => {
    const from = '+8613800177003';
    const ref = await paidCase(from);
    expect(
      (await alice.post(`/api/staff/cases/${ref}/quote`, { items: ITEMS, validDays: 2 })).statusCode,
    ).toBe(201);
    const early = await alice.post(`/api/staff/cases/${ref}/quote/resend`, {});
    expect(early.statusCode).toBe(409);
    expect(early.json().error.message).toContain('still valid');

    h.runtime.clock.advance(3 * DAY);
    expect((await alice.get(`/api/staff/cases/${ref}`)).json().quote.status).toBe('expired');
    const late = await say(from, '同意');
    expect(late.replies.map((r) => r.text).join('\n')).toContain('这份报价已过有效期');
    expect((await h.runtime.cases.get(ref))!.quote).toMatchObject({ status: 'expired', decidedAt: null });

    const resent = await alice.post(`/api/staff/cases/${ref}/quote/resend`, { validDays: 5 });
    expect(resent.statusCode).toBe(201);
    expect(resent.json().quote).toMatchObject({
      n: 2,
      status: 'sent',
      total: 1280,
      validUntil: expect.any(String),
    });
    await say(from, '同意');
    const kase = (await h.runtime.cases.get(ref))!;
    expect(kase.quote).toMatchObject({ n: 2, status: 'accepted' });
    expect(kase.quoteHistory).toMatchObject([{ n: 1, status: 'expired' }]);
    h.runtime.clock.set(new Date('2026-11-26T10:00:00+08:00'));
  });
});

describe('an answer after the conversation went idle', () => {
  it('"可以" four days later (past the 72 idle hours, inside the 7 days) still accepts the quote', async () => {
    const from = '+8613800177006';
    const ref = await paidCase(from);
    expect((await alice.post(`/api/staff/cases/${ref}/quote`, { items: ITEMS })).statusCode).toBe(201);
    h.runtime.clock.advance(4 * DAY);
    const answer = await say(from, '可以');
    expect(answer.replies.map((r) => r.text).join('\n')).toContain('已确认您同意报价（合计 1,280.00 CNY）');
    expect((await h.runtime.cases.get(ref))!.quote).toMatchObject({ status: 'accepted' });
    // Anything else is for the staff member, as before.
    const other = await say(from, '师傅大概几点到？');
    expect(other.replies.map((r) => r.text).join('\n')).not.toContain('报价');
    h.runtime.clock.set(new Date('2026-11-26T10:00:00+08:00'));
  });
});

describe('who may quote, and bad input', () => {
  it('403 for someone who does not own the case; 400 for bad items, currency or days; 404 for no case', async () => {
    const from = '+8613800177004';
    const ref = await paidCase(from);
    const notOwner = await bob.post(`/api/staff/cases/${ref}/quote`, { items: ITEMS });
    expect(notOwner.statusCode).toBe(403);
    for (const body of [
      {},
      { items: [] },
      { items: [{ description: '', amount: 1 }] },
      { items: [{ description: 'x', amount: -1 }] },
      { items: [{ description: 'x', amount: 1.005 }] },
      { items: ITEMS, currency: 'yuan' },
      { items: ITEMS, validDays: 0 },
      { items: ITEMS, validDays: 3.5 },
    ]) {
      const response = await alice.post(`/api/staff/cases/${ref}/quote`, body);
      expect(response.statusCode, JSON.stringify(body)).toBe(400);
      expect(response.json().error.code).toBe('SUPPORT_ERR_VALIDATION');
    }
    expect((await alice.post('/api/staff/cases/SR-0000-0000/quote', { items: ITEMS })).statusCode).toBe(404);
    expect((await alice.post(`/api/staff/cases/${ref}/quote/resend`)).statusCode).toBe(409);
  });
});

describe("the maintenance record's paid parts follow the accepted quote", () => {
  const record = (partsReplaced: unknown[]) => ({
    record: {
      faultReported: '开不了机',
      faultFound: '主板损坏',
      cause: '摔落',
      actions: '更换主板',
      partsReplaced,
      engineer: '王工',
      finishedAt: '2026-11-27T11:00:00+08:00',
      mode: 'onsite',
    },
  });

  it('no paid parts given: the accepted items become the paid parts; more than accepted is refused', async () => {
    const from = '+8613800177005';
    const ref = await paidCase(from);
    await alice.post(`/api/staff/cases/${ref}/quote`, { items: ITEMS });
    const early = await alice.post(
      `/api/staff/cases/${ref}/resolve`,
      record([{ part: '主板', coverage: 'paid', amount: 1080 }]),
    );
    expect(early.statusCode).toBe(400);
    expect(early.json().error.message).toContain(
      'quote 1 is sent; paid parts are charged only on a quote the customer accepted',
    );
    await say(from, '同意');
    const over = await alice.post(
      `/api/staff/cases/${ref}/resolve`,
      record([{ part: '主板', coverage: 'paid', amount: 1500 }]),
    );
    expect(over.statusCode).toBe(400);
    expect(over.json().error.message).toContain(
      'the paid parts come to 1,500.00 CNY, more than the 1,280.00 CNY the customer accepted',
    );
    const done = await alice.post(
      `/api/staff/cases/${ref}/resolve`,
      record([{ part: '螺丝', coverage: 'warranty' }]),
    );
    expect(done.statusCode).toBe(200);
    expect((await h.runtime.cases.get(ref))!.record!.partsReplaced).toEqual([
      { part: '螺丝', coverage: 'warranty' },
      { part: '更换主板', coverage: 'paid', amount: 1080 },
      { part: '上门工时', coverage: 'paid', amount: 200 },
    ]);
  });
});
