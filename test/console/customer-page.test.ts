/**
 * The customer page's form: staff write to a customer on their own phone (a new case opens and the
 * page lands on it); an address that is not the customer's is refused with a 400, not sent.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ConsoleHarness, consoleHarness } from './harness.js';

let h: ConsoleHarness;
beforeAll(async () => {
  h = await consoleHarness();
});
afterAll(async () => h?.close());

describe('writing to a customer from their page', () => {
  it('starts a conversation on their phone, and only theirs', async () => {
    const password = await h.addAccount('alice', 'agent', ['support']);
    const api = await h.addStaff('bob', 'agent', ['support']);
    const ref = await h.escalate('+8613800138077', '转人工');
    const customerId = (await h.runtime.cases.customerOf(ref))!;
    expect((await api.post('/api/staff/cases/next')).statusCode).toBe(200);
    h.runtime.clock.advance(20 * 60_000);
    const resolved = await api.post(`/api/staff/cases/${ref}/resolve`, {
      record: {
        faultReported: '咨询',
        faultFound: '无故障',
        cause: '-',
        actions: '电话说明',
        partsReplaced: [],
        engineer: 'bob',
        finishedAt: new Date(h.runtime.clock.now().getTime() - 60_000).toISOString(),
        mode: 'remote',
      },
    });
    expect(resolved.statusCode, resolved.body).toBe(200);

    const alice = await h.signIn('alice', password);
    const page = await alice.get(`/console/customers/${customerId}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('+86 138 0013 8077');
    const key = /name="_key" value="([^"]+)"/.exec(page.body)![1]!;

    const forged = await alice.post(`/console/customers/${customerId}/write`, {
      to: 'sms:+8613900000000',
      text: '您好',
      _key: key,
    });
    expect(forged.statusCode).toBe(400);

    const written = await alice.post(`/console/customers/${customerId}/write`, {
      to: 'sms:+8613800138077',
      text: '您好，回访一下上次的问题',
      _key: key,
    });
    expect(written.statusCode, written.body).toBe(303);
    const opened = written.headers.location!.replace('/console/cases/', '');
    expect(opened).not.toBe(ref);
    expect(await h.runtime.cases.get(opened)).toMatchObject({ owner: 'staff:alice', customerId });
  });
});
