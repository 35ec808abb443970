import { afterAll, beforeAll, expect, it } from 'vitest';
import { type Caller, type StaffHarness, staffHarness, waitFor } from '../staff/harness.js';

let h: StaffHarness;
let alice: Caller;
let wang: Caller;

beforeAll(async () => {
  h = await staffHarness();
  alice = await h.addStaff('alice', 'agent', ['support']);
  wang = await h.addStaff('wang', 'engineer', ['onsite']);
  h.startOutbox();
});
afterAll(() => h.close());

it("a visit plan for a customer's product, without a contract, invites the customer like a contract's visit", async () => {
  const ref = await h.escalate('+8613800138301', '转人工');
  const customerId = (await h.runtime.cases.customerOf(ref))!;
  const body = {
    product: { serial: 'PF2ABC12' },
    visits: { dates: ['2026-12-04', '2027-06-04'] },
    start: '2026-11-01',
    end: '2027-10-31',
    engineer: 'wang',
  };
  expect((await wang.post(`/api/staff/customers/${customerId}/visit-plans`, body)).statusCode).toBe(403);
  expect((await alice.post('/api/staff/customers/0000000000000000/visit-plans', body)).statusCode).toBe(404);
  const bad = await alice.post(`/api/staff/customers/${customerId}/visit-plans`, { ...body, product: {} });
  expect(bad.json().error.message).toContain('product: name the serial number or the product category');

  const created = await alice.post(`/api/staff/customers/${customerId}/visit-plans`, body);
  expect(created.statusCode).toBe(201);
  const { plan } = created.json();
  expect(plan).toMatchObject({
    number: expect.stringMatching(/^VP-/),
    plannedVisits: ['2026-12-04', '2027-06-04'],
  });

  // 2026-12-04 is 8 days away: the invitation goes at once, to the customer's phone.
  const invite = await waitFor(() => h.sent.find((message) => message.text.includes('定期维护计划')));
  expect(invite).toMatchObject({ channel: 'sms', to: '+8613800138301' });
  expect(invite.text).toContain('2026年12月4日');
  const visit = (await h.runtime.cases.get(invite.caseRef!))!;
  expect(visit.visit).toEqual({ contract: null, plan: plan.number, due: '2026-12-04' });
  expect(visit.contract).toBeUndefined();

  const upcoming = (await wang.get('/api/staff/visits?days=365')).json();
  expect(upcoming.visits).toMatchObject([
    { date: '2026-12-04', state: 'booking', contract: plan.number, ref: invite.caseRef, engineer: 'wang' },
    { date: '2027-06-04', state: 'planned', contract: plan.number, engineer: 'wang' },
  ]);
});
