/**
 * The contracts and visits pages through the real app: a CSV imported from the page (each bad line
 * listed, nothing stored), renewals due, ending early (supervisors only), upcoming visits by engineer,
 * team and day, and a visit invitation that could not be delivered shown on the visits page and as a
 * banner on the queue.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Caller, waitFor } from '../staff/harness.js';
import { type ConsoleClient, type ConsoleHarness, consoleHarness } from './harness.js';
import { multipart } from './multipart.js';

let h: ConsoleHarness;
let agent: ConsoleClient;
let supervisor: ConsoleClient;
let engineer: ConsoleClient;
let api: Caller;
const PHONE = '+8613800138301';

async function upload(client: ConsoleClient, url: string, csv: string) {
  const page = await client.get('/console/contracts');
  const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)![1]!;
  const form = multipart(
    { _csrf: csrf },
    { name: 'contracts.csv', type: 'text/csv', data: Buffer.from(csv) },
  );
  return h.app.inject({
    method: 'POST',
    url,
    headers: { cookie: client.cookie, 'content-type': form.contentType },
    payload: form.payload,
  });
}

const HEADER =
  'number,customer,phone,email,serials,site_category,site_quantity,start,end,level,response_hours,visit_every_months,engineer,team';

beforeAll(async () => {
  h = await consoleHarness();
  agent = await h.signIn('alice', await h.addAccount('alice', 'agent', ['support', 'onsite']));
  supervisor = await h.signIn('sam', await h.addAccount('sam', 'supervisor', ['supervisor']));
  engineer = await h.signIn('wang', await h.addAccount('wang', 'engineer', ['onsite']));
  api = await h.addStaff('api', 'supervisor', ['supervisor']);
  h.startOutbox();
}, 60_000);
afterAll(() => h?.close());

describe('the contracts page', () => {
  it('a file with bad lines imports nothing and lists each bad line', async () => {
    const csv = [
      HEADER,
      'HT-2026-0501,华东仓储,13800138000,,PF2ABC12,,,2026-01-01,2026-12-31,onsite,4,,wang,onsite',
      'HT-2026-0502,Acme,,,PF2ABC13,,,2026-13-01,2026-12-31,weekly,4,,,onsite',
      'HT-2026-0501,重复,13800138001,,PF2ABC14,,,2026-01-01,2026-12-31,onsite,4,,,onsite',
    ].join('\n');
    const response = await upload(agent, '/console/contracts/import', csv);
    expect(response.statusCode).toBe(422);
    expect(response.body).toContain('Nothing was imported');
    expect(response.body).toMatch(/<td>3<\/td><td>start: must be a date/);
    expect(response.body).toMatch(/<td>3<\/td><td>level: /);
    expect(response.body).toMatch(/<td>4<\/td><td>number: HT-2026-0501 appears twice/);
    expect((await api.get('/api/staff/contracts')).json().count).toBe(0);
  });

  it('a good file imports; renewals due are listed on their own', async () => {
    const csv = [
      HEADER,
      'HT-2026-0501,华东仓储,13800138000,,PF2ABC12,,,2026-01-01,2026-12-20,onsite,4,,wang,onsite',
      `HT-2026-0503,"Acme, Ltd",${PHONE},,,server,4,2026-10-05,2027-10-04,onsite,4,1,wang,onsite`,
    ].join('\r\n');
    const response = await upload(agent, '/console/contracts/import', csv);
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('Imported: HT-2026-0501, HT-2026-0503');
    const due = await agent.get('/console/contracts?renewal=due');
    expect(due.body).toContain('HT-2026-0501');
    expect(due.body).not.toContain('HT-2026-0503');
    expect(due.body).toContain('renewal due');
  });

  it('only a supervisor ends a contract early; an engineer cannot import', async () => {
    const refused = await agent.post('/console/contracts/HT-2026-0501/end', {
      on: '2026-12-10',
      reason: '客户要求',
    });
    expect(refused.statusCode).toBe(403);
    const page = await supervisor.get('/console/contracts');
    expect(page.body).toContain('End early');
    const ended = await supervisor.post('/console/contracts/HT-2026-0501/end', {
      on: '2026-12-10',
      reason: '客户要求',
    });
    expect(ended.statusCode).toBe(303);
    const after = await supervisor.get('/console/contracts?done=end');
    expect(after.body).toContain('Contract ended early');
    expect(after.body).toContain('ended early on 2026-12-10');
    const bad = await supervisor.post('/console/contracts/HT-2026-0503/end', { on: 'soon', reason: 'x' });
    expect(bad.statusCode).toBe(400);
    expect((await upload(engineer, '/console/contracts/import', HEADER)).statusCode).toBe(403);
  });
});

describe('the visits page', () => {
  let visitRef = '';

  it('shows the invitation sent and the planned visits by engineer and team', async () => {
    const invite = await waitFor(() => h.sent.find((message) => message.to === PHONE), 10_000);
    visitRef = invite.caseRef!;
    const page = await agent.get('/console/visits?days=60');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(visitRef);
    expect(page.body).toMatch(/sent: <strong>1<\/strong>/);
    expect(page.body).toMatch(/waiting: <strong>1<\/strong>/);
    expect(page.body).toMatch(/wang: <strong>\d+<\/strong>/);
    const oneDay = await engineer.get('/console/visits?engineer=wang&day=2027-01-05');
    expect(oneDay.body).toContain('2027-01-05');
    expect(oneDay.body).not.toContain('2027-02-05');
    expect((await agent.get('/console/visits?day=tomorrow')).statusCode).toBe(400);
  });

  it('an invitation that could not be delivered shows on the visits page and as a banner on the queue', async () => {
    const kase = (await h.runtime.cases.get(visitRef))!;
    await h.runtime.desk.command(
      kase.customerId,
      'outbox.dead',
      { message: { id: 'm-failed', channel: 'sms', to: PHONE }, error: 'unreachable', optedOut: false },
      { id: `dead-${visitRef}`, caseRef: visitRef },
    );
    const visits = await agent.get('/console/visits');
    expect(visits.body).toMatch(/failed: <strong>1<\/strong>/);
    const queue = await agent.get('/console');
    expect(queue.body).toContain('1 visit invitation(s) could not be delivered');
    expect(queue.body).toContain('href="/console/visits#invitations"');
    // An engineer's queue carries no such banner: calling customers is the office's work.
    expect((await engineer.get('/console')).body).not.toContain('could not be delivered');
  });
});
