/**
 * Knowledge that grows, through the console's routes: a resolved case becomes a draft (with the event
 * on the case), a supervisor edits it (the flows/kb schema's problems shown, nothing saved), approves
 * it, and exports the approved entries as a file the flows check accepts; agents get 403 throughout.
 */
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKbStore, type KbStore } from '../../src/cases/kb-store.js';
import { checkContent } from '../../src/content.js';
import { loadKnowledgeBase } from '../../src/kb/load.js';
import { type ConsoleClient, type ConsoleHarness, consoleHarness, formKeyOf } from './harness.js';

let h: ConsoleHarness;
let alice: ConsoleClient;
let bob: ConsoleClient;
let sam: ConsoleClient;
let store: KbStore;
let phone = 100;
const SCRIPT = '<script>alert("kb")</script>';

/** A switch fault escalated by the customer, taken and resolved by alice with a maintenance record. */
async function resolvedCase(): Promise<string> {
  phone += 1;
  const ref = await h.escalate(
    `+86138009${String(phone).padStart(5, '0')}`,
    '交换机前面板上有个橙色的灯一直亮，转人工',
  );
  const taken = await alice.post('/console/take', { team: 'support' });
  expect(taken.headers.location).toBe(`/console/cases/${ref}`);
  const page = await alice.get(`/console/cases/${ref}`);
  expect(page.body).not.toContain(`/console/cases/${ref}/kb-draft`);
  const resolved = await alice.post(`/console/cases/${ref}/resolve`, {
    _key: formKeyOf(page.body, 'resolve'),
    faultReported: 'Front panel orange light stays on',
    faultFound: 'Power supply overheating',
    cause: 'Blocked vents',
    actions: '1. 断电 30 秒后重新上电\n2. 清理两侧通风口的灰尘\n3. 逐根插回网线，找出引起告警的端口',
    engineer: 'alice',
    finishedAt: '2026-11-26T09:50',
    mode: 'remote',
    kind: 'repair',
    part: 'Power supply',
    coverage: 'warranty',
    amount: '0',
  });
  expect(resolved.statusCode).toBe(303);
  return ref;
}

const entryId = (ref: string) => `case_${ref.toLowerCase().replaceAll('-', '_')}`;

const validForm = {
  categories: 'network',
  title_zh: '交换机橙色指示灯常亮',
  title_en: 'Switch shows a steady orange light',
  keywords_zh: '橙色的灯一直亮\n橙灯常亮',
  keywords_en: 'orange light\namber light',
  parts: 'power_supply',
  steps_zh: '断电 30 秒后重新上电\n清理两侧通风口的灰尘\n逐根插回网线，找出引起告警的端口',
  steps_en:
    'Power it off for 30 seconds, then on again\nClear the dust from the vents on both sides\nPlug the cables back one by one to find the port that raises the alarm',
};

beforeAll(async () => {
  h = await consoleHarness();
  alice = await h.signIn('alice', await h.addAccount('alice', 'agent', ['support']));
  bob = await h.signIn('bob', await h.addAccount('bob', 'engineer', ['onsite']));
  sam = await h.signIn('sam', await h.addAccount('sam', 'supervisor', ['supervisor']));
  store = createKbStore(h.runtime.redis, h.runtime.config.REDIS_KEY_PREFIX);
  h.startOutbox();
});

afterAll(async () => {
  await h.close();
});

describe('a knowledge-base entry: drafted from a resolved case', () => {
  it('is drafted from the case by an agent who may see it, and the case says who did it', async () => {
    const ref = await resolvedCase();
    const page = await alice.get(`/console/cases/${ref}`);
    expect(page.body).toContain('Turn into a knowledge-base entry');
    // An engineer of another team may not see the case, so may not draft from it either.
    expect((await bob.post(`/console/cases/${ref}/kb-draft`, { _key: 'b1' })).statusCode).toBe(403);

    const drafted = await alice.post(`/console/cases/${ref}/kb-draft`, { _key: formKeyOf(page.body, 'kb') });
    expect(drafted.statusCode).toBe(303);
    expect(drafted.headers.location).toBe(`/console/cases/${ref}?done=kb`);
    const record = await store.get(entryId(ref));
    expect(record).toMatchObject({
      status: 'draft',
      author: 'alice',
      source: { caseRef: ref },
      fields: {
        categories: ['network'],
        parts: ['power_supply'],
        steps: [
          { zh: '断电 30 秒后重新上电', en: '' },
          { zh: '清理两侧通风口的灰尘', en: '' },
          { zh: '逐根插回网线，找出引起告警的端口', en: '' },
        ],
      },
    });
    expect(record!.fields.keywords.zh).toContain('前面板上有个橙色的灯一直亮');
    expect(record!.fields.keywords.en).toContain('front panel orange light stays on');
    expect(record!.fields.title).toEqual({
      zh: '交换机前面板上有个橙色的灯一直亮',
      en: 'Front panel orange light stays on',
    });
    const after = await alice.get(`/console/cases/${ref}?done=kb`);
    expect(after.body).toContain('Drafted: a supervisor edits and approves it');
    expect(after.body).toContain(`turned into knowledge-base entry ${entryId(ref)} by alice`);

    // A second click (another form) finds the same draft: one entry, one event.
    await alice.post(`/console/cases/${ref}/kb-draft`, { _key: 'again' });
    expect((await store.list()).filter((r) => r.source?.caseRef === ref)).toHaveLength(1);
    const events = (await alice.get(`/console/cases/${ref}`)).body.match(/turned into knowledge-base entry/g);
    expect(events).toHaveLength(1);
  });

  it('gives agents and engineers 403 on the list, the editor, approval and the export', async () => {
    const ref = await resolvedCase();
    await alice.post(`/console/cases/${ref}/kb-draft`, { _key: 'k' });
    const id = entryId(ref);
    for (const client of [alice, bob]) {
      expect((await client.get('/console/kb')).statusCode).toBe(403);
      expect((await client.get(`/console/kb/${id}`)).statusCode).toBe(403);
      expect((await client.get('/console/kb/export')).statusCode).toBe(403);
      expect((await client.post(`/console/kb/${id}`, { ...validForm, next: 'approve' })).statusCode).toBe(
        403,
      );
      expect((await client.post(`/console/kb/${id}/approve`)).statusCode).toBe(403);
    }
    expect((await store.get(id))?.status).toBe('draft');
    expect((await alice.get('/console')).body).not.toContain('href="/console/kb"');
    expect((await sam.get('/console')).body).toContain('href="/console/kb"');
  });
});

describe("a knowledge-base entry: the schema's problems", () => {
  it('shows a supervisor every problem the flows/kb schema finds, escaped, and saves nothing', async () => {
    const ref = await resolvedCase();
    await alice.post(`/console/cases/${ref}/kb-draft`, { _key: 'k' });
    const id = entryId(ref);
    const before = await store.get(id);
    const list = await sam.get('/console/kb');
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain(`href="/console/kb/${id}"`);
    // The draft from the case lacks English steps: approving it straight away is refused.
    const early = await sam.post(`/console/kb/${id}/approve`);
    expect(early.statusCode).toBe(400);
    expect(early.body).toContain('steps.0.en: the English text is empty');

    const edited = await sam.post(`/console/kb/${id}`, {
      ...validForm,
      title_en: SCRIPT,
      keywords_en: '',
      steps_zh: '重新上电\n清理通风口',
      steps_en: 'Power cycle\nClear the vents',
      next: 'save',
    });
    expect(edited.statusCode).toBe(400);
    expect(edited.body).toContain('keywords.en: list at least one English keyword');
    expect(edited.body).toContain('steps: give at least 3 steps');
    expect(edited.body).not.toContain(SCRIPT);
    expect(edited.body).toContain('&lt;script&gt;alert(&quot;kb&quot;)&lt;/script&gt;');
    expect(await store.get(id)).toEqual(before);
  });
});

describe('a knowledge-base entry: approval and export', () => {
  it('is approved by a supervisor, suggested to the next customer, and exported as a file flows:check accepts', async () => {
    const ref = await resolvedCase();
    await alice.post(`/console/cases/${ref}/kb-draft`, { _key: 'k' });
    const id = entryId(ref);
    const approved = await sam.post(`/console/kb/${id}`, { ...validForm, next: 'approve' });
    expect(approved.statusCode).toBe(303);
    expect(approved.headers.location).toBe('/console/kb?done=approved');
    expect(await store.get(id)).toMatchObject({ status: 'approved', decidedBy: 'sam' });
    const list = await sam.get('/console/kb?done=approved');
    expect(list.body).toMatch(new RegExp(`data-entry="${id}">[\\s\\S]*?approved`));

    const customer = '+8613800988888';
    const say = (text: string, n: number) =>
      h.runtime.desk.receive({
        channel: 'sms',
        providerMessageId: `kb-route-${n}`,
        from: customer,
        text,
        receivedAt: h.runtime.clock.now(),
        inline: true,
      });
    await say('我们的交换机坏了，序列号SW2024ABCD，今年1月8日验收的', 1);
    await say('前面板橙灯常亮', 2);
    const suggested = (await say('没有', 3)).replies.map((reply) => reply.text).join('\n');
    expect(suggested).toContain('交换机橙色指示灯常亮，请按以下步骤试试');

    const exported = await sam.get('/console/kb/export');
    expect(exported.statusCode).toBe(200);
    expect(exported.headers['content-type']).toContain('application/yaml');
    expect(exported.headers['content-disposition']).toContain('console-approved.yaml');
    const dir = mkdtempSync(join(tmpdir(), 'kb-export-'));
    try {
      mkdirSync(join(dir, 'kb'));
      writeFileSync(join(dir, 'kb', 'console-approved.yaml'), exported.body);
      const alone = loadKnowledgeBase(join(dir, 'kb'));
      expect(alone.entries.map((entry) => entry.id)).toEqual([id]);
      expect(alone.entries[0]).toMatchObject({ categories: ['network'], parts: ['power_supply'] });
      // Copied into the real flows folder, the whole folder still passes the check.
      cpSync('flows', join(dir, 'flows'), { recursive: true });
      writeFileSync(join(dir, 'flows', 'kb', 'console-approved.yaml'), exported.body);
      expect(checkContent(join(dir, 'flows')).problems.map(String)).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }

    // Retired: gone from the bot and from the export.
    expect((await sam.post(`/console/kb/${id}/retire`)).statusCode).toBe(303);
    expect(await store.get(id)).toMatchObject({ status: 'retired' });
    expect((await sam.get('/console/kb/export')).statusCode).toBe(404);
    const kept = await sam.get(`/console/kb/${id}`);
    expect(kept.body).toContain('retired');
    expect(kept.body).not.toContain('name="next"');
    expect((await sam.post(`/console/kb/${id}/approve`)).statusCode).toBe(409);
  });
  it('is not drafted from a case that is not resolved (last: it leaves a case waiting)', async () => {
    phone += 1;
    const ref = await h.escalate(`+86138009${String(phone).padStart(5, '0')}`, '转人工');
    const refused = await h.runtime.desk
      .command(
        (await h.runtime.cases.customerOf(ref))!,
        'staff.kb_draft',
        { staff: { name: 'sam', role: 'supervisor' } },
        { caseRef: ref, id: 'kb-open' },
      )
      .catch((error: unknown) => error);
    expect(refused).toMatchObject({ code: 'SUPPORT_ERR_CASE_TRANSITION' });
    expect((await sam.post(`/console/cases/${ref}/kb-draft`, { _key: 'open' })).statusCode).toBe(409);
    expect(await store.get(entryId(ref))).toBeNull();
  });
});
