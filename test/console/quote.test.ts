/**
 * The quote panel on the console's case page: staff fill in items and amounts, the customer receives
 * the quote and accepts it in words, and the page shows it accepted; a bad amount is a 400; an expired
 * quote offers "send it again"; the KPI page shows paid repairs.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../staff/harness.js';
import { type ConsoleClient, type ConsoleHarness, consoleHarness, formKeyOf } from './harness.js';

let h: ConsoleHarness;
let alice: ConsoleClient;
let sam: ConsoleClient;
let n = 0;

async function say(from: string, text: string) {
  n += 1;
  return h.runtime.desk.receive({
    channel: 'sms',
    providerMessageId: `SM-console-quote-${n}`,
    from,
    text,
    receivedAt: h.runtime.clock.now(),
    inline: true,
  });
}

/** A dropped laptop whose customer asked for a quote, taken by alice; returns its ref and page. */
async function paidCase(from: string): Promise<{ ref: string; body: string }> {
  await say(from, `笔记本不小心摔了一下，开不了机了。序列号PF2CON${from.slice(-3)}，今年5月买的`);
  await say(from, '好的，麻烦报个价');
  const taken = await alice.post('/console/take', { team: 'support' });
  const location = String(taken.headers.location);
  const page = await alice.get(location);
  return { ref: location.split('/').pop()!, body: page.body };
}

beforeAll(async () => {
  h = await consoleHarness();
  alice = await h.signIn('alice', await h.addAccount('alice', 'agent', ['support']));
  sam = await h.signIn('sam', await h.addAccount('sam', 'supervisor', ['supervisor']));
  h.startOutbox();
});
afterAll(() => h.close());

describe('the quote panel', () => {
  it('sends the items typed on the case page; the customer accepts; the page shows it accepted', async () => {
    const from = '+8613800188001';
    const { ref, body } = await paidCase(from);
    expect(body).toContain('Quote for a paid repair');
    expect(body).toContain('No quote sent yet.');
    const sent = await alice.post(`/console/cases/${ref}/quote`, {
      _key: formKeyOf(body, 'quote'),
      description_0: '更换主板',
      amount_0: '1080',
      description_1: '上门工时',
      amount_1: '200',
      description_2: '',
      amount_2: '',
      currency: 'CNY',
      validDays: '7',
    });
    expect(sent.statusCode).toBe(303);
    expect(sent.headers.location).toBe(`/console/cases/${ref}?done=quote`);
    const message = await waitFor(() => h.sent.find((m) => m.caseRef === ref && m.text.includes('报价如下')));
    expect(message.text).toContain('合计：1,280.00 CNY');
    const waiting = (await alice.get(`/console/cases/${ref}`)).body;
    expect(waiting).toContain('data-quote-status="sent"');
    expect(waiting).toContain('1,280.00 CNY');

    await say(from, '同意');
    const accepted = (await alice.get(`/console/cases/${ref}`)).body;
    expect(accepted).toContain('data-quote-status="accepted"');
    // Accepted: no form to send another one.
    expect(accepted).not.toContain(`action="/console/cases/${ref}/quote"`);
  });

  it('a bad amount is a 400 naming the field; an expired quote offers to send it again', async () => {
    const from = '+8613800188002';
    const { ref, body } = await paidCase(from);
    const bad = await alice.post(`/console/cases/${ref}/quote`, {
      _key: formKeyOf(body, 'quote'),
      description_0: '更换主板',
      amount_0: '-5',
      currency: 'CNY',
      validDays: '7',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('items.0.amount');
    const ok = await alice.post(`/console/cases/${ref}/quote`, {
      _key: `${formKeyOf(body, 'quote')}-2`,
      description_0: '更换主板',
      amount_0: '900',
      currency: 'CNY',
      validDays: '1',
    });
    expect(ok.statusCode).toBe(303);
    h.runtime.clock.advance(3 * 24 * 3600_000);
    const expired = (await alice.get(`/console/cases/${ref}`)).body;
    expect(expired).toContain('data-quote-status="expired"');
    const again = await alice.post(`/console/cases/${ref}/quote/resend`, {
      _key: formKeyOf(expired, 'quote-resend'),
    });
    expect(again.statusCode).toBe(303);
    expect((await h.runtime.cases.get(ref))!.quote).toMatchObject({ n: 2, status: 'sent', total: 900 });
    h.runtime.clock.set(new Date('2026-11-26T10:00:00+08:00'));
  });

  it('the KPI page shows paid repairs to supervisors, in English and Chinese', async () => {
    const en = await sam.get('/console/kpis?from=2026-11-01&to=2026-12-31', { 'accept-language': 'en' });
    expect(en.statusCode).toBe(200);
    expect(en.body).toContain('<caption>Paid repairs</caption>');
    expect(en.body).toContain('Accepted %');
    // The first case's accepted 1,280 is the revenue; the second's quote is still waiting.
    expect(en.body).toMatch(
      /<th scope="row">Overall<\/th><td>3<\/td><td>1<\/td><td>[\d.]+<\/td><td>1280\.00 CNY<\/td>/,
    );
    const zh = await sam.get('/console/kpis?from=2026-11-01&to=2026-12-31', { 'accept-language': 'zh-CN' });
    expect(zh.body).toContain('<caption>保外维修</caption>');
    expect(zh.body).toContain('同意率');
  });
});
