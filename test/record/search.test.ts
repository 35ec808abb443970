/**
 * Finding cases in the record through the staff API: by reference, phone in any spelling, email,
 * serial, a Chinese or English word of the conversation; best matches first; filters; pages; and an
 * agent sees only their teams' cases. Real Redis, real PostgreSQL, real conversations recorded by the
 * recorder.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/logger.js';
import { openRecord, type RecordConnection } from '../../src/record/open.js';
import { Recorder } from '../../src/record/recorder.js';
import { type Caller, type StaffHarness, staffHarness } from '../staff/harness.js';
import { freshDatabase, type TestDatabase } from '../support/database.js';

let database: TestDatabase;
let record: RecordConnection;
let h: StaffHarness;
let recorder: Recorder;
let sam: Caller;
let amy: Caller;
let ola: Caller;
const refs: Record<string, string> = {};

let n = 0;
async function say(from: string, text: string) {
  const channel = from.includes('@') ? 'email' : 'sms';
  const result = await h.runtime.desk.receive({
    channel,
    providerMessageId: `search-${n++}`,
    from,
    text,
    receivedAt: h.runtime.clock.now(),
    inline: true,
  });
  h.runtime.clock.advance(10 * 60_000);
  return result;
}

beforeAll(async () => {
  database = await freshDatabase();
  record = openRecord(
    { url: database.url, description: database.name },
    { logger: silentLogger, poolSize: 4 },
  );
  await record.ready;
  h = await staffHarness({ record });
  recorder = new Recorder({
    redis: h.runtime.redis,
    keys: h.runtime.desk.inbox.keys,
    db: record.db,
    logger: silentLogger,
  });
  sam = await h.addStaff('sam', 'supervisor', ['supervisor']);
  amy = await h.addStaff('amy', 'agent', ['support']);
  ola = await h.addStaff('ola', 'agent', ['onsite']);

  await say('+8613800138000', '我的打印机一直卡纸，序列号 CNB7REC123');
  refs.printer = (await say('+8613800138000', '转人工')).case!.ref;
  await say('li.wei@example.com', 'My laptop screen keeps flickering since yesterday');
  refs.laptop = (await say('li.wei@example.com', 'agent please')).case!.ref;
  await say('+8613900139000', '电脑蓝屏了');
  refs.bluescreen = (await say('+8613900139000', '人工')).case!.ref;
  await recorder.drain();
}, 60_000);

afterAll(async () => {
  await recorder?.stop();
  await h?.close();
  await record?.close();
  await database?.drop();
});

async function find(who: Caller, query: string) {
  const response = await who.get(`/api/staff/cases?${query}`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as {
    count: number;
    cases: Array<{
      ref: string;
      snippet: string;
      customer: { id: string; name: string | null };
      serial: string | null;
    }>;
    next: string | null;
  };
}

describe('GET /api/staff/cases', () => {
  it('finds a case by its reference typed in lower case, first', async () => {
    const found = await find(sam, `q=${refs.printer!.toLowerCase()}`);
    expect(found.cases[0]?.ref).toBe(refs.printer);
  });

  it('finds a case by the phone number in any spelling', async () => {
    for (const spelling of ['138 0013 8000', '+86 138-0013-8000', '8613800138000', '(138)00138000']) {
      const found = await find(sam, `q=${encodeURIComponent(spelling)}`);
      expect(
        found.cases.map((kase) => kase.ref),
        spelling,
      ).toEqual([refs.printer]);
    }
  });

  it('finds a case by email, by serial number, by Chinese and English words of the conversation', async () => {
    expect((await find(sam, 'q=Li.Wei%40Example.com')).cases.map((kase) => kase.ref)).toEqual([refs.laptop]);
    const bySerial = await find(sam, 'q=cnb7rec123');
    expect(bySerial.cases[0]?.ref).toBe(refs.printer);
    expect(bySerial.cases[0]?.serial).toBe('CNB7REC123');
    const byWord = await find(sam, `q=${encodeURIComponent('卡纸')}`);
    expect(byWord.cases.map((kase) => kase.ref)).toEqual([refs.printer]);
    expect(byWord.cases[0]?.snippet).toContain('卡纸');
    expect((await find(sam, `q=${encodeURIComponent('蓝屏')}`)).cases.map((kase) => kase.ref)).toEqual([
      refs.bluescreen,
    ]);
    const english = await find(sam, 'q=flicker');
    expect(english.cases.map((kase) => kase.ref)).toEqual([refs.laptop]);
    expect(english.cases[0]?.snippet).toMatch(/flickering/);
    expect((await find(sam, 'q=nothing-like-this-anywhere')).count).toBe(0);
  });

  it('lists with filters, newest change first, a page at a time', async () => {
    const all = await find(sam, 'status=escalated');
    expect(all.count).toBe(3);
    const first = await find(sam, 'status=escalated&limit=2');
    expect(first.cases).toHaveLength(2);
    expect(first.next).toBeTruthy();
    const second = await find(sam, `status=escalated&limit=2&cursor=${first.next}`);
    expect(second.cases).toHaveLength(1);
    expect(second.next).toBeNull();
    expect([...first.cases, ...second.cases].map((kase) => kase.ref).sort()).toEqual(
      Object.values(refs).sort(),
    );
    expect((await find(sam, 'channel=email')).cases.map((kase) => kase.ref)).toEqual([refs.laptop]);
    expect((await find(sam, 'status=closed')).count).toBe(0);
    expect((await find(sam, 'from=2030-01-01')).count).toBe(0);
  });

  it('shows an agent only the cases of their teams', async () => {
    expect((await find(amy, `q=${encodeURIComponent('卡纸')}`)).count).toBe(1);
    expect((await find(ola, `q=${encodeURIComponent('卡纸')}`)).count).toBe(0);
    expect((await find(ola, '')).count).toBe(0);
  });

  it('refuses bad filters with a 400 that names them', async () => {
    const bad = await sam.get('/api/staff/cases?status=lost&limit=1000&from=yesterday');
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toMatch(/status|limit|from/);
  });
});

describe('GET /api/staff/customers/:id', () => {
  it("shows the customer's contact, identities with who linked them, products and every case", async () => {
    const customerId = (await h.runtime.cases.customerOf(refs.printer!))!;
    const linked = await sam.post(`/api/staff/customers/${customerId}/identities`, {
      channel: 'email',
      address: 'wang@example.cn',
    });
    expect(linked.statusCode).toBe(200);
    await say('+8613800138000', '另一台打印机也卡纸了，序列号 CNB7REC999');
    await say('+8613800138000', '人工');
    await recorder.drain();

    const response = await amy.get(`/api/staff/customers/${customerId}`);
    expect(response.statusCode, response.body).toBe(200);
    const view = response.json();
    expect(view.customer).toMatchObject({
      id: customerId,
      phone: '+8613800138000',
      email: 'wang@example.cn',
    });
    expect(view.customer.identities).toEqual([
      expect.objectContaining({ identity: 'phone:+8613800138000', kind: 'phone', linkedBy: null }),
      expect.objectContaining({ identity: 'email:wang@example.cn', kind: 'email', linkedBy: 'sam' }),
    ]);
    expect(view.products.map((product: { serial: string }) => product.serial)).toEqual(
      expect.arrayContaining(['CNB7REC123']),
    );
    expect(view.cases.map((kase: { ref: string }) => kase.ref)).toContain(refs.printer);
    expect(view.cases[0]).toMatchObject({ visible: true, outcome: expect.any(Object) });
    expect((await ola.get(`/api/staff/customers/${customerId}`)).statusCode).toBe(403);
  });
});
