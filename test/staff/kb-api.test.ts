/**
 * Knowledge that grows, through the staff API: the same desk command and editor as the console. An
 * agent drafts from a resolved case; a supervisor edits (every schema problem named), approves,
 * exports; an agent gets 403 on the rest; the OpenAPI document lists the routes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Caller, type StaffHarness, staffHarness } from './harness.js';

let h: StaffHarness;
let alice: Caller;
let sam: Caller;

const entry = {
  categories: ['network'],
  title: { zh: '交换机橙色指示灯常亮', en: 'Switch shows a steady orange light' },
  keywords: { zh: ['橙色的灯一直亮'], en: ['orange light'] },
  parts: ['power_supply'],
  steps: [
    { zh: '断电 30 秒后重新上电', en: 'Power it off for 30 seconds, then on again' },
    { zh: '清理两侧通风口的灰尘', en: 'Clear the dust from the vents on both sides' },
    { zh: '逐根插回网线', en: 'Plug the cables back one by one' },
  ],
};

beforeAll(async () => {
  h = await staffHarness();
  alice = await h.addStaff('alice', 'agent', ['support']);
  sam = await h.addStaff('sam', 'supervisor', ['supervisor']);
});

afterAll(async () => {
  await h.close();
});

describe('the knowledge base through the staff API', () => {
  it('drafts from a resolved case, then a supervisor edits, approves and exports', async () => {
    const ref = await h.escalate('+8613800710001', '交换机前面板上有个橙色的灯一直亮，转人工');
    expect((await alice.post(`/api/staff/cases/${ref}/kb-draft`)).statusCode).toBe(409);
    await alice.post('/api/staff/cases/next', { team: 'support' });
    const resolved = await alice.post(`/api/staff/cases/${ref}/resolve`, {
      record: {
        faultReported: '前面板橙色指示灯常亮',
        faultFound: '电源过热',
        cause: '通风口被堵',
        actions: '断电 30 秒后重新上电。清理两侧通风口的灰尘。逐根插回网线。',
        partsReplaced: [],
        engineer: 'alice',
        finishedAt: '2026-11-26T11:15:00+08:00',
        mode: 'remote',
      },
    });
    expect(resolved.statusCode).toBe(200);

    const drafted = await alice.post(`/api/staff/cases/${ref}/kb-draft`);
    expect(drafted.statusCode).toBe(201);
    const id = drafted.json().id as string;
    expect(drafted.json().entry).toMatchObject({
      status: 'draft',
      author: 'alice',
      fields: { categories: ['network'], steps: [{ zh: '断电 30 秒后重新上电。' }, {}, {}] },
    });
    expect((await alice.post(`/api/staff/cases/${ref}/kb-draft`)).statusCode).toBe(200);

    // Agents: 403 on everything but the draft.
    expect((await alice.get('/api/staff/kb')).statusCode).toBe(403);
    expect((await alice.post(`/api/staff/kb/${id}/approve`)).statusCode).toBe(403);
    const agentEdit = await h.app.inject({
      method: 'PUT',
      url: `/api/staff/kb/${id}`,
      headers: { authorization: `Bearer ${alice.token}` },
      payload: entry,
    });
    expect(agentEdit.statusCode).toBe(403);
    expect(agentEdit.json().error.code).toBe('SUPPORT_ERR_FORBIDDEN');

    const put = (body: unknown) =>
      h.app.inject({
        method: 'PUT',
        url: `/api/staff/kb/${id}`,
        headers: { authorization: `Bearer ${sam.token}` },
        payload: body as Record<string, unknown>,
      });
    const bad = await put({ ...entry, keywords: { zh: ['卡'], en: [] } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toBe(
      'keywords.zh.0: is too short to be a keyword: use at least 2 Chinese characters or 3 letters; keywords.en: list at least one English keyword',
    );
    expect((await put(entry)).statusCode).toBe(200);
    const approved = await sam.post(`/api/staff/kb/${id}/approve`);
    expect(approved.statusCode).toBe(200);
    expect(approved.json()).toMatchObject({ id, status: 'approved', decidedBy: 'sam' });
    expect((await sam.post(`/api/staff/kb/${id}/approve`)).statusCode).toBe(409);
    expect((await sam.get('/api/staff/kb')).json()).toMatchObject({ count: 1, entries: [{ id }] });

    const exported = await sam.get('/api/staff/kb/export');
    expect(exported.statusCode).toBe(200);
    expect(exported.body).toContain(`- id: ${id}`);
    expect((await alice.get('/api/staff/kb/export')).statusCode).toBe(403);
    expect((await sam.post(`/api/staff/kb/${id}/retire`)).json().status).toBe('retired');
    expect((await sam.get('/api/staff/kb/export')).statusCode).toBe(404);
    expect((await sam.post('/api/staff/kb/nope/approve')).statusCode).toBe(404);
  });

  it('lists the routes in the OpenAPI document', async () => {
    const doc = (await h.app.inject({ method: 'GET', url: '/api/staff/openapi.json' })).json();
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/cases/{ref}/kb-draft', '/kb', '/kb/export', '/kb/{id}', '/kb/{id}/approve']),
    );
    expect(doc.paths['/kb/{id}'].put.requestBody.content['application/json'].schema.required).toEqual(
      expect.arrayContaining(['categories', 'title', 'keywords', 'steps']),
    );
  });
});
