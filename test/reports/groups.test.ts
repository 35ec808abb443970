/**
 * Customer groups through the staff API and the console: agents and supervisors set a customer's
 * group, a contract gives its holders one, engineers only read; the list filters by group.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Caller } from '../staff/harness.js';
import { type ReportHarness, reportHarness } from './harness.js';
import { COMPANY, CUSTOMER, seedCustomer } from './seed.js';

let h: ReportHarness;
let agent: Caller;
let engineer: Caller;
const passwords: Record<string, string> = {};

beforeAll(async () => {
  h = await reportHarness();
  agent = await h.addStaff('alice', 'agent', ['support']);
  engineer = await h.addStaff('wang', 'engineer', ['onsite']);
  passwords.li = await h.addAccount('li', 'agent', ['support']);
  passwords.zhao = await h.addAccount('zhao', 'engineer', ['onsite']);
  await seedCustomer(h.record.db, CUSTOMER, '李雷');
  await seedCustomer(h.record.db, COMPANY, '华东机械有限公司');
});
afterAll(async () => h.close());

describe('customer groups in the staff API', () => {
  it('are set by agents, read by engineers, refused to engineers and checked', async () => {
    const url = `/api/staff/customers/${CUSTOMER}/group`;
    expect((await agent.get(url)).json()).toEqual({ group: null });
    const set = await agent.post(url, { segment: 'individual', region: '华南' });
    expect(set.json().group).toMatchObject({
      customerId: CUSTOMER,
      segment: 'individual',
      region: '华南',
      industry: null,
      source: 'staff',
      updatedBy: 'alice',
    });
    expect((await engineer.get(url)).json().group.segment).toBe('individual');
    expect((await engineer.post(url, { segment: 'government' })).statusCode).toBe(403);
    expect((await agent.post(url, { segment: 'aliens' })).statusCode).toBe(400);
    expect(
      (await agent.post('/api/staff/customers/0000000000000000/group', { segment: 'other' })).statusCode,
    ).toBe(404);
  });

  it('come from a contract for every holder, and list by group', async () => {
    const contract = await agent.post('/api/staff/contracts', {
      number: 'HT-2026-0777',
      customer: { name: '市政府信息中心', phone: '+8613900139000', email: 'it@gov.example.cn' },
      serials: ['SRV0001'],
      start: '2026-01-01',
      end: '2027-12-31',
      level: 'onsite',
      responseHours: 4,
    });
    expect(contract.statusCode).toBe(201);
    const given = await agent.post('/api/staff/contracts/HT-2026-0777/group', {
      segment: 'government',
      region: '华东',
      industry: '政务',
    });
    expect(given.statusCode).toBe(200);
    expect(given.json().groups).toHaveLength(2);
    for (const group of given.json().groups)
      expect(group).toMatchObject({
        segment: 'government',
        source: 'contract',
        contractNumber: 'HT-2026-0777',
      });
    const list = (await engineer.get('/api/staff/groups/customers?segment=government')).json();
    expect(list.count).toBe(2);
    expect((await agent.get('/api/staff/groups/customers?segment=individual')).json().customers).toEqual([
      expect.objectContaining({ customerId: CUSTOMER, name: '李雷', cases: 0 }),
    ]);
    expect((await agent.post('/api/staff/contracts/HT-0000/group', { segment: 'other' })).statusCode).toBe(
      404,
    );
  });
});

describe('customer groups in the console', () => {
  it('an agent sets a group on the form; an engineer sees it without the form', async () => {
    const li = await h.signIn('li', passwords.li!);
    const page = await li.get(`/console/customers/${COMPANY}/group`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('华东机械有限公司');
    const saved = await li.post(`/console/customers/${COMPANY}/group`, {
      segment: 'enterprise',
      region: '华东',
      industry: '',
    });
    expect(saved.statusCode).toBe(303);
    const after = await li.get(saved.headers.location as string);
    expect(after.body).toContain('Group saved.');
    expect(after.body).toContain('Enterprise');
    const zhao = await h.signIn('zhao', passwords.zhao!);
    const read = await zhao.get(`/console/customers/${COMPANY}/group`, { 'accept-language': 'zh-CN' });
    expect(read.body).toContain('企业');
    expect(read.body).not.toContain('name="segment"');
    expect((await zhao.post(`/console/customers/${COMPANY}/group`, { segment: 'other' })).statusCode).toBe(
      403,
    );
    const list = await zhao.get('/console/groups?segment=enterprise');
    expect(list.body).toContain('华东机械有限公司');
    expect(list.body).not.toContain('李雷');
  });
});
