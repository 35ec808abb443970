/**
 * The maintenance-record form with lists: several parts, consumables, trips and inspection findings
 * as rows of same-named fields (what the browser sends after "add a part"), checked by the API's own
 * record schema and cost review; a finding marked to open a case opens one. And "customer absent".
 */
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ConsoleClient,
  type ConsoleHarness,
  consoleHarness,
  csrfOf,
  formHeaders,
  formKeyOf,
} from './harness.js';

let h: ConsoleHarness;
let alice: ConsoleClient;
let phone = 0;

/** Takes the next support case as alice; returns its ref and page. */
async function takeCase(): Promise<{ ref: string; body: string }> {
  phone += 1;
  const ref = await h.escalate(`+86138002${String(phone).padStart(5, '0')}`, '转人工');
  // A fault case opened by an earlier test's finding may be ahead in the queue: take it out of the way.
  for (let tries = 0; tries < 3; tries++) {
    const taken = await alice.post('/console/take', { team: 'support' });
    if (taken.headers.location === `/console/cases/${ref}`) break;
  }
  expect((await h.runtime.cases.get(ref))?.owner).toBe('staff:alice');
  return { ref, body: (await alice.get(`/console/cases/${ref}`)).body };
}

/** Posts a form as the browser does, a name once per row: [name, value] pairs in order. */
function postRows(
  url: string,
  page: string,
  pairs: Array<[string, string]>,
): Promise<LightMyRequestResponse> {
  const form = new URLSearchParams([['_csrf', csrfOf(page)], ...pairs]);
  return h.app.inject({
    method: 'POST',
    url,
    headers: { ...formHeaders, cookie: alice.cookie },
    payload: form.toString(),
  });
}

const basics = (key: string): Array<[string, string]> => [
  ['_key', key],
  ['faultReported', '定期巡检'],
  ['faultFound', '运行正常；UPS 电池鼓包'],
  ['cause', '电池老化'],
  ['actions', '清洁风扇，更换风扇与滤网'],
  ['engineer', 'alice'],
  ['finishedAt', '2026-11-26T09:40'],
  ['mode', 'onsite'],
  ['kind', 'inspection'],
];

beforeAll(async () => {
  h = await consoleHarness();
  alice = await h.signIn('alice', await h.addAccount('alice', 'agent', ['support']));
  h.startOutbox();
});

afterAll(async () => {
  await h.close();
});

describe('the record form: rows and a full inspection', () => {
  it('has one row of each list without script, and hidden add/remove buttons the script shows', async () => {
    const { body } = await takeCase();
    for (const set of ['parts', 'consumables', 'trips', 'findings']) {
      const start = body.indexOf(`data-rows="${set}"`);
      expect(start).toBeGreaterThan(0);
      const section = body.slice(start, body.indexOf('</fieldset>', start));
      expect(section.match(/data-row>/g)).toHaveLength(1);
      expect(section).toContain('data-add-row hidden');
      expect(section).toContain('data-remove-row hidden');
    }
  });

  it('resolves an inspection with two parts, consumables, trips and findings; a finding opens a case', async () => {
    const { ref, body } = await takeCase();
    const response = await postRows(`/console/cases/${ref}/resolve`, body, [
      ...basics(formKeyOf(body, 'resolve')),
      ['part', '风扇'],
      ['coverage', 'contract'],
      ['amount', ''],
      ['cost', '700'],
      ['part', '滤网'],
      ['coverage', 'paid'],
      ['amount', '30'],
      ['cost', '12.5'],
      // An untouched third row (the browser sends its select): skipped.
      ['part', ''],
      ['coverage', 'warranty'],
      ['amount', ''],
      ['cost', ''],
      ['consumableItem', '导热硅脂'],
      ['consumableQuantity', '2'],
      ['consumableCost', '150'],
      ['tripVehicle', '沪A12345'],
      ['tripKm', '18'],
      ['tripVehicle', ''],
      ['tripKm', '22.5'],
      ['findingText', '机房温度偏高'],
      ['findingFlag', ''],
      ['findingText', 'UPS 电池鼓包，有断电隐患'],
      ['findingFlag', 'open'],
      ['overBudgetReason', '风扇型号停产，换用高一档型号'],
    ]);
    expect(response.statusCode).toBe(303);
    const kase = await h.runtime.cases.get(ref);
    expect(kase?.status).toBe('resolved');
    expect(kase?.record).toMatchObject({
      kind: 'inspection',
      partsReplaced: [
        { part: '风扇', coverage: 'contract', cost: 700 },
        { part: '滤网', coverage: 'paid', amount: 30, cost: 12.5 },
      ],
      consumables: [{ item: '导热硅脂', quantity: 2, cost: 150 }],
      trips: [{ vehicle: '沪A12345', distanceKm: 18 }, { distanceKm: 22.5 }],
      findings: [
        { text: '机房温度偏高', risk: false },
        { text: 'UPS 电池鼓包，有断电隐患', risk: true },
      ],
      overBudgetReason: '风扇型号停产，换用高一档型号',
    });
    expect(kase?.record?.partsReplaced[0]).not.toHaveProperty('amount');
    // The finding marked "open a fault case" opened one for the same customer.
    const customer = await h.runtime.cases.customer(kase!.customerId);
    expect(customer?.cases.length).toBe(2);
    const printable = await alice.get(`/console/cases/${ref}/record`);
    expect(printable.body).toContain('导热硅脂 × 2 · 150');
    expect(printable.body).toContain('沪A12345 · 18 km');
    expect(printable.body).toContain('UPS 电池鼓包，有断电隐患 · <strong>a risk</strong>');
  });
});

describe('the record form: refusals and an absent customer', () => {
  it('refuses what the API’s schema and cost review refuse, naming the field', async () => {
    const { ref, body } = await takeCase();
    const key = formKeyOf(body, 'resolve');
    const noCost = await postRows(`/console/cases/${ref}/resolve`, body, [
      ...basics(key),
      ['consumableItem', '胶带'],
      ['consumableCost', ''],
    ]);
    expect(noCost.statusCode).toBe(400);
    expect(noCost.body).toContain('record.consumables.0.cost');
    const notNumber = await postRows(`/console/cases/${ref}/resolve`, body, [
      ...basics(key),
      ['part', 'x'],
      ['coverage', 'paid'],
      ['amount', 'lots'],
    ]);
    expect(notNumber.statusCode).toBe(400);
    expect(notNumber.body).toContain('record.partsReplaced.0.amount');
    const partless = await postRows(`/console/cases/${ref}/resolve`, body, [
      ...basics(key),
      ['part', ''],
      ['coverage', 'paid'],
      ['cost', '5'],
    ]);
    expect(partless.statusCode).toBe(400);
    expect(partless.body).toContain('record.partsReplaced.0.part');
    const overBudget = await postRows(`/console/cases/${ref}/resolve`, body, [
      ...basics(key),
      ['part', '主板'],
      ['coverage', 'warranty'],
      ['cost', '1200'],
    ]);
    expect(overBudget.statusCode).toBe(400);
    expect(overBudget.body).toContain('record.overBudgetReason');
    expect((await h.runtime.cases.get(ref))?.status).toBe('assigned');
  });

  it('reports the customer absent once an engineer is booked: flagged, booking dropped', async () => {
    const { ref, body } = await takeCase();
    expect(body).not.toContain(`/console/cases/${ref}/absent`);
    await alice.post(`/console/cases/${ref}/dispatch`, {
      _key: formKeyOf(body, 'dispatch'),
      engineer: 'wang',
      start: '2026-11-27T09:00',
      end: '2026-11-27T12:00',
    });
    const page = (await alice.get(`/console/cases/${ref}`)).body;
    expect(page).toContain(`action="/console/cases/${ref}/absent"`);
    const absent = await alice.post(`/console/cases/${ref}/absent`, {
      _key: formKeyOf(page, 'absent'),
      note: '敲门无人应答',
    });
    expect(absent.statusCode).toBe(303);
    expect(absent.headers.location).toBe(`/console/cases/${ref}?done=absent#case-actions`);
    const kase = await h.runtime.cases.get(ref);
    expect(kase?.flags).toContain('customer_absent');
    expect(kase?.appointment).toBeNull();
    const after = (await alice.get(`/console/cases/${ref}`)).body;
    expect(after).toContain('敲门无人应答');
    // Nothing booked any more: no absent form, and a second report is refused by the desk.
    expect(after).not.toContain(`action="/console/cases/${ref}/absent"`);
    expect((await alice.post(`/console/cases/${ref}/absent`, { _key: 'again' })).statusCode).toBe(400);
  });
});
