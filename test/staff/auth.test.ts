import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Caller, type StaffHarness, staffHarness } from './harness.js';

let h: StaffHarness;
let agent: Caller;
let supervisor: Caller;

beforeAll(async () => {
  h = await staffHarness();
  agent = await h.addStaff('alice', 'agent', ['support']);
  supervisor = await h.addStaff('sam', 'supervisor', ['supervisor']);
});
afterAll(() => h.close());

describe('authentication', () => {
  it('401 without a token, with a bad token, and with a malformed header', async () => {
    for (const headers of [{}, { authorization: 'Bearer sbt_nope' }, { authorization: 'Basic abc' }]) {
      const response = await h.app.inject({ method: 'GET', url: '/api/staff/queue', headers });
      expect(response.statusCode).toBe(401);
      expect(response.headers['www-authenticate']).toMatch(/^Bearer/);
      expect(response.json().error.code).toBe('SUPPORT_ERR_AUTH_REQUIRED');
    }
    const post = await h.app.inject({
      method: 'POST',
      url: '/api/staff/cases/SR-2611-0001/reply',
      payload: {},
    });
    expect(post.statusCode).toBe(401);
  });

  it('a disabled account or a rotated token is refused at once', async () => {
    const temp = await h.addStaff('temp', 'agent', ['support']);
    expect((await temp.get('/api/staff/me')).statusCode).toBe(200);
    await h.accounts.setDisabled('temp', true);
    const refused = await temp.get('/api/staff/me');
    expect(refused.statusCode).toBe(401);
    expect(refused.json().error.code).toBe('SUPPORT_ERR_AUTH_REQUIRED');
    await h.accounts.setDisabled('temp', false);
    const { token } = await h.accounts.rotateToken('temp');
    expect((await temp.get('/api/staff/me')).statusCode).toBe(401);
    expect((await h.as(token).get('/api/staff/me')).statusCode).toBe(200);
  });

  it('GET /me names the caller and marks them on duty for their teams', async () => {
    const response = await agent.get('/api/staff/me');
    expect(response.json()).toEqual({ name: 'alice', role: 'agent', teams: ['support'] });
    const prefix = h.runtime.config.REDIS_KEY_PREFIX;
    expect(await h.runtime.redis.zscore(`${prefix}:onduty:support`, 'alice')).toBe(
      String(h.runtime.clock.now().getTime()),
    );
  });

  it('serves the OpenAPI 3.1 document without a token', async () => {
    const response = await h.app.inject({ method: 'GET', url: '/api/staff/openapi.json' });
    expect(response.statusCode).toBe(200);
    const doc = response.json();
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/queue', '/cases/next', '/cases/{ref}', '/cases/{ref}/reply', '/kpis']),
    );
    const reply = doc.paths['/cases/{ref}/reply'].post.requestBody.content['application/json'].schema;
    expect(reply.required).toEqual(['text']);
    const refs = [...response.body.matchAll(/"\$ref":"#\/components\/schemas\/(\w+)"/g)].map((m) => m[1]!);
    expect(refs.length).toBeGreaterThan(10);
    for (const name of refs) expect(doc.components.schemas, name).toHaveProperty(name);
  });
});

describe('roles', () => {
  it("an agent cannot see another team's queue; a supervisor can see any", async () => {
    const own = await agent.get('/api/staff/queue');
    expect(own.statusCode).toBe(200);
    expect(own.json()).toMatchObject({ team: 'support', waiting: [] });
    const other = await agent.get('/api/staff/queue?team=supervisor');
    expect(other.statusCode).toBe(403);
    expect(other.json().error.code).toBe('SUPPORT_ERR_FORBIDDEN');
    expect((await agent.post('/api/staff/cases/next', { team: 'onsite' })).statusCode).toBe(403);
    expect((await supervisor.get('/api/staff/queue?team=support')).statusCode).toBe(200);
  });

  it("an agent cannot open another team's case, reassign or see KPIs", async () => {
    const ref = await h.escalate('+8613800000101', '我要投诉'); // supervisor team
    const view = await agent.get(`/api/staff/cases/${ref}`);
    expect(view.statusCode).toBe(403);
    expect(view.json().error.code).toBe('SUPPORT_ERR_FORBIDDEN');
    expect((await agent.post(`/api/staff/cases/${ref}/notes`, { text: 'peek' })).statusCode).toBe(403);
    const reassign = await agent.post(`/api/staff/cases/${ref}/reassign`, { to: { staff: 'alice' } });
    expect(reassign.statusCode).toBe(403);
    expect(reassign.json().error.code).toBe('SUPPORT_ERR_FORBIDDEN');
    const kpis = await agent.get('/api/staff/kpis');
    expect(kpis.statusCode).toBe(403);
    expect(kpis.json().error.code).toBe('SUPPORT_ERR_FORBIDDEN');
    expect((await supervisor.get(`/api/staff/cases/${ref}`)).statusCode).toBe(200);
    expect((await supervisor.get('/api/staff/kpis')).statusCode).toBe(200);
  });
});
