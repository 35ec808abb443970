/**
 * Knowledge-base approval for a Chinese-only team: an entry written only in Chinese is approved, its
 * problems are shown in the supervisor's language, and steps drafted from the engineer's repair
 * actions must be said to be for customers or for staff before they are used.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKbStore, type KbStore } from '../../src/cases/kb-store.js';
import { validateKbEntry } from '../../src/kb/draft.js';
import { type ConsoleClient, type ConsoleHarness, consoleHarness, formKeyOf } from './harness.js';

let h: ConsoleHarness;
let alice: ConsoleClient;
let sam: ConsoleClient;
let store: KbStore;
let phone = 500;

async function resolvedCase(): Promise<string> {
  phone += 1;
  const ref = await h.escalate(
    `+86138009${String(phone).padStart(5, '0')}`,
    '交换机前面板上有个橙色的灯一直亮，转人工',
  );
  await alice.post('/console/take', { team: 'support' });
  const page = await alice.get(`/console/cases/${ref}`);
  const resolved = await alice.post(`/console/cases/${ref}/resolve`, {
    _key: formKeyOf(page.body, 'resolve'),
    faultReported: '橙灯常亮',
    faultFound: '电源过热',
    cause: '通风口堵塞',
    actions: '1. 拆下电源模块\n2. 更换风扇\n3. 用万用表测输出电压',
    engineer: 'alice',
    finishedAt: '2026-11-26T09:30',
    mode: 'onsite',
    kind: 'repair',
  });
  expect(resolved.statusCode).toBe(303);
  const drafted = await sam.post(`/console/cases/${ref}/kb-draft`);
  expect(drafted.statusCode).toBe(303);
  return `case_${ref.toLowerCase().replaceAll('-', '_')}`;
}

const chineseOnly = {
  categories: 'network',
  title_zh: '交换机橙色指示灯常亮',
  keywords_zh: '橙色的灯一直亮\n橙灯常亮',
  parts: 'fan',
  from_actions: '1',
};

beforeAll(async () => {
  h = await consoleHarness();
  alice = await h.signIn('alice', await h.addAccount('alice', 'agent', ['support']));
  sam = await h.signIn('sam', await h.addAccount('sam', 'supervisor', ['supervisor']));
  store = createKbStore(h.runtime.redis, h.runtime.config.REDIS_KEY_PREFIX);
  expect((await sam.post('/console/lang', { lang: 'zh' })).statusCode).toBe(303);
  h.startOutbox();
}, 60_000);
afterAll(() => h?.close());

describe('a Chinese-only team approves Chinese-only entries', () => {
  it('asks who the drafted steps are for, in the supervisor’s language, before anything is saved', async () => {
    const id = await resolvedCase();
    const page = await sam.get(`/console/kb/${id}`);
    expect(page.body).toContain('这些步骤来自工单中工程师的维修操作');
    expect(page.body).toContain('name="steps_for"');
    const refused = await sam.post(`/console/kb/${id}`, {
      ...chineseOnly,
      steps_zh: '拆下电源模块\n更换风扇\n用万用表测输出电压',
      next: 'approve',
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('这些步骤来自工程师的维修操作：请说明客户能否照做，或仅供员工参考');
    expect(refused.body).not.toContain('repair actions');
    expect((await store.get(id))?.status).toBe('draft');
  });

  it('steps for staff are kept apart; the customer’s steps are written in Chinese only and approved', async () => {
    const id = await resolvedCase();
    const noCustomerSteps = await sam.post(`/console/kb/${id}`, {
      ...chineseOnly,
      steps_zh: '拆下电源模块\n更换风扇\n用万用表测输出电压',
      steps_for: 'staff',
      next: 'approve',
    });
    expect(noCustomerSteps.statusCode).toBe(400);
    expect(noCustomerSteps.body).toContain('步骤：请至少给出 3 个步骤');
    const approved = await sam.post(`/console/kb/${id}`, {
      categories: 'network',
      title_zh: '交换机橙色指示灯常亮',
      keywords_zh: '橙色的灯一直亮\n橙灯常亮',
      parts: 'fan',
      steps_zh: '断电 30 秒后重新上电\n清理两侧通风口的灰尘\n逐根插回网线，找出引起告警的端口',
      staff_steps_zh: '拆下电源模块\n更换风扇\n用万用表测输出电压',
      next: 'approve',
    });
    expect(approved.statusCode).toBe(303);
    const record = (await store.get(id))!;
    expect(record.status).toBe('approved');
    expect(record.fields.title.en).toBe('');
    expect(record.fields.staffSteps?.map((step) => step.zh)).toEqual([
      '拆下电源模块',
      '更换风扇',
      '用万用表测输出电压',
    ]);
    // The bot reads it whole in Chinese; the repair actions never reach a customer.
    const { entry } = validateKbEntry(id, record.fields);
    expect(entry?.steps.map((step) => step.zh)[0]).toBe('断电 30 秒后重新上电');
    expect(entry?.steps.flatMap((step) => [step.zh, step.en])).not.toContain('更换风扇');
  });

  it('a half-translated entry is still refused, the problem in Chinese', async () => {
    const id = await resolvedCase();
    const refused = await sam.post(`/console/kb/${id}`, {
      ...chineseOnly,
      from_actions: '',
      title_en: 'Switch orange light',
      steps_zh: '断电 30 秒后重新上电\n清理两侧通风口的灰尘\n逐根插回网线',
      steps_for: 'customer',
      next: 'save',
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('关键词（英文）：请至少填写一个英文关键词');
    expect(refused.body).toContain('步骤 1（英文）：英文内容为空');
  });
});
