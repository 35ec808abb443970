/**
 * The engineer's day and the supervisor's bot conversations through the real app and desk: a visit
 * booked for today with address, district, contact; arrived and finished recorded; a camera photo
 * attached to the case (stored, served, shown); the record written by the booked engineer; the customer
 * confirming by a texted code (a wrong code refused) and by a signature; a bot conversation taken over
 * (the bot goes quiet, the customer told in Chinese on SMS).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseAudit } from '../../src/staff/audit.js';
import { type Caller, waitFor } from '../staff/harness.js';
import { type ConsoleClient, type ConsoleHarness, consoleHarness } from './harness.js';
import { multipart } from './multipart.js';

let h: ConsoleHarness;
let supervisor: ConsoleClient;
let engineer: ConsoleClient;
let api: Caller;
let seq = 0;
const PHONE = '+8613800138401';
// A 1×1 PNG: a real picture, told by its bytes.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

async function say(from: string, text: string) {
  seq += 1;
  return h.runtime.desk.receive({
    channel: 'sms',
    providerMessageId: `eng-live-${seq}`,
    from,
    text,
    receivedAt: h.runtime.clock.now(),
    inline: true,
  });
}

async function csrfOf(client: ConsoleClient, url: string) {
  return /name="_csrf" value="([^"]+)"/.exec((await client.get(url)).body)![1]!;
}

let ref = '';

beforeAll(async () => {
  h = await consoleHarness();
  supervisor = await h.signIn('sam', await h.addAccount('sam', 'supervisor', ['supervisor']));
  engineer = await h.signIn('wang', await h.addAccount('wang', 'engineer', ['onsite']));
  api = await h.addStaff('disp', 'supervisor', ['supervisor']);
  h.startOutbox();
  // A preventive visit booked as customers book one: the bot invites, the customer answers.
  const contract = await api.post('/api/staff/contracts', {
    number: 'HT-2026-0401',
    customer: { name: '张江数据中心', phone: PHONE },
    site: { category: 'server', quantity: 4 },
    start: '2026-10-05',
    end: '2027-10-04',
    level: 'onsite',
    responseHours: 4,
    visits: { everyMonths: 1 },
    engineer: 'wang',
  });
  expect(contract.statusCode).toBe(201);
  ref = (await waitFor(() => h.sent.find((m) => m.to === PHONE), 10_000)).caseRef!;
  await say(PHONE, '下周二上午');
  await say(PHONE, '上海市浦东新区张江路200号');
  await say(PHONE, '陈经理');
  const now = h.runtime.clock.now().getTime();
  const window = {
    start: new Date(now + 3600_000).toISOString(),
    end: new Date(now + 3 * 3600_000).toISOString(),
  };
  expect((await api.post(`/api/staff/cases/${ref}/dispatch`, { engineer: 'wang', window })).statusCode).toBe(
    200,
  );
}, 60_000);
afterAll(() => h?.close());

describe('the engineer’s day', () => {
  it('lists today’s visit with district, a map link, a tel: link and the window', async () => {
    const page = await engineer.get('/console/engineer');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(`href="/console/engineer/${ref}"`);
    expect(page.body).toContain('浦东新区');
    expect(page.body).toContain('https://uri.amap.com/search?keyword=');
    expect(page.body).toContain(`href="tel:${PHONE}"`);
    expect(page.body).toContain('陈经理');
    expect(page.body).toMatch(/class="window">\d\d:\d\d–\d\d:\d\d/);
    // Someone else's day is empty.
    expect((await supervisor.get('/console/engineer')).body).toContain('No visits booked for you today.');
  });

  it('finished before arrived is refused; arrived then finished record the times', async () => {
    expect((await engineer.post(`/console/engineer/${ref}/finished`)).statusCode).toBe(400);
    expect((await engineer.post(`/console/engineer/${ref}/arrived`)).statusCode).toBe(303);
    h.runtime.clock.advance(20 * 60_000);
    expect((await engineer.post(`/console/engineer/${ref}/finished`)).statusCode).toBe(303);
    const kase = (await h.runtime.cases.get(ref))!;
    expect(kase.appointment?.arrivedAt).toBeTruthy();
    expect(kase.appointment?.finishedAt).toBeTruthy();
    const page = await engineer.get('/console/engineer');
    expect(page.body).toContain('Arrived at');
    expect(page.body).toContain('Finished at');
  });

  it('a camera photo goes on the case and is served to staff; a file that is no picture is refused', async () => {
    const csrf = await csrfOf(engineer, `/console/engineer/${ref}`);
    const send = (data: Buffer) => {
      const form = multipart({ _csrf: csrf }, { name: 'IMG_0001.png', type: 'image/png', data });
      return h.app.inject({
        method: 'POST',
        url: `/console/engineer/${ref}/photo`,
        headers: { cookie: engineer.cookie, 'content-type': form.contentType },
        payload: form.payload,
      });
    };
    expect((await send(Buffer.from('not a picture'))).statusCode).toBe(400);
    expect((await send(PNG)).statusCode).toBe(303);
    const kase = (await h.runtime.cases.get(ref))!;
    const transcript = await h.runtime.cases.transcript(kase);
    const note = transcript.find((entry) => Array.isArray(entry.meta?.attachments));
    const url = (note!.meta!.attachments as Array<{ url: string }>)[0]!.url;
    expect(url).toMatch(/^\/console\/files\/[0-9a-f]{24}-[0-9a-f]{32}$/);
    const served = await engineer.get(url);
    expect(served.headers['content-type']).toBe('image/png');
    expect(served.rawPayload.equals(PNG)).toBe(true);
    const casePage = await supervisor.get(`/console/cases/${ref}`);
    expect(casePage.body).toContain(`<img class="preview" src="${url}"`);
    expect((await h.app.inject({ method: 'GET', url })).statusCode).toBe(303);
  });

  it('the booked engineer writes the record; the customer confirms with the texted code', async () => {
    const resolved = await engineer.post(`/console/cases/${ref}/resolve`, {
      faultReported: '打印机卡纸',
      faultFound: '搓纸轮磨损',
      cause: '老化',
      actions: '更换搓纸轮',
      engineer: 'wang',
      mode: 'onsite',
      kind: 'repair',
    });
    expect(resolved.statusCode).toBe(303);
    expect((await h.runtime.cases.get(ref))!.status).toBe('resolved');
    expect((await engineer.post(`/console/engineer/${ref}/code`)).statusCode).toBe(303);
    const texted = await waitFor(
      () => h.sent.find((m) => m.caseRef === ref && m.text.includes('确认码')),
      10_000,
    );
    const code = /(\d{6})/.exec(texted.text)![1]!;
    const wrong = code === '000000' ? '111111' : '000000';
    const refused = await engineer.post(`/console/engineer/${ref}/code-check`, { code: wrong });
    expect(refused.statusCode).toBe(422);
    expect(refused.body).toContain('That code is not the one sent.');
    expect((await engineer.post(`/console/engineer/${ref}/code-check`, { code })).statusCode).toBe(303);
    const kase = (await h.runtime.cases.get(ref))!;
    expect(kase.status).toBe('closed');
    expect(kase.record?.confirmation).toMatchObject({
      state: 'confirmed',
      onSite: { method: 'code', engineer: 'wang' },
    });
    expect(kase.onSiteCode).toBeUndefined();
    // Only the code that took is in the trail, not the wrong one.
    const trail = (await caseAudit(h.runtime).list(ref)).filter((e) => e.action === 'confirmed_on_site');
    expect(trail.map((entry) => entry.detail)).toEqual(['code']);
  });
});

describe('bot conversations for supervisors', () => {
  const CUSTOMER = '+8613800138402';

  it('lists the conversation the bot is having, and a take-over quiets the bot and tells the customer', async () => {
    const first = await say(CUSTOMER, '我的打印机一直卡纸');
    expect(first.case?.owner).toBe('bot');
    const botRef = first.case!.ref;
    expect((await engineer.get('/console/live')).statusCode).toBe(403);
    const page = await supervisor.get('/console/live');
    expect(page.body).toContain(botRef);
    expect(page.body).toContain(`action="/console/live/${botRef}/take-over"`);
    const taken = await supervisor.post(`/console/live/${botRef}/take-over`);
    expect(taken.statusCode).toBe(303);
    expect(taken.headers.location).toBe(`/console/cases/${botRef}?done=takeover`);
    const told = await waitFor(
      () => h.sent.find((m) => m.caseRef === botRef && m.text.includes('客服 sam')),
      10_000,
    );
    expect(told).toMatchObject({ channel: 'sms', to: CUSTOMER });
    const kase = (await h.runtime.cases.get(botRef))!;
    expect(kase).toMatchObject({ owner: 'staff:sam', status: 'assigned' });
    const trail = await caseAudit(h.runtime).list(botRef);
    expect(trail.map((entry) => [entry.staff, entry.action])).toContainEqual(['sam', 'taken_over']);
    // The bot's question is over: the customer's answer goes to the person, no bot question follows.
    const next = await say(CUSTOMER, 'HP LaserJet，序列号 CNB1234567');
    expect(next.replies.filter((reply) => /序列号|型号|请问/.test(reply.text))).toEqual([]);
    expect((await supervisor.get('/console/live')).body).not.toContain(`/console/live/${botRef}/take-over`);
    // A second take-over of the same case is refused with a clear 4xx.
    expect((await supervisor.post(`/console/live/${botRef}/take-over`)).statusCode).toBe(409);
  });
});
