/**
 * Entries approved in the console reach the bot's remote-fix suggestions at once, in every process:
 * two runtimes on one Redis (two app processes), one approves, the other suggests the entry to its
 * next customer without a restart; a retired entry is no longer suggested.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKbStore, type KbStore } from '../../src/cases/kb-store.js';
import { type KbEditor, kbEditor } from '../../src/desk/kb-commands.js';
import type { KbEntryFields } from '../../src/kb/draft.js';
import { uniquePrefix } from '../support/redis.js';
import { createTestRuntime, type TestRuntime } from '../support/runtime.js';

let approving: TestRuntime;
let other: TestRuntime;
let store: KbStore;
let editor: KbEditor;
const sam = { name: 'sam', role: 'supervisor' as const };

const ORANGE_LIGHT: KbEntryFields = {
  categories: ['network'],
  title: { zh: '交换机橙色指示灯常亮', en: 'Switch shows a steady orange light' },
  keywords: { zh: ['橙色的灯一直亮', '橙灯常亮', '橙色灯常亮'], en: ['orange light', 'amber light'] },
  parts: ['power_supply'],
  steps: [
    {
      zh: '关闭交换机电源，等待 30 秒后重新上电。',
      en: 'Switch the unit off, wait 30 seconds and power it on again.',
    },
    { zh: '检查机身两侧的通风口没有被遮挡。', en: 'Check the vents on both sides are not blocked.' },
    {
      zh: '拔掉所有网线，逐根插回，看橙灯是否随某个端口出现。',
      en: 'Unplug every cable and plug them back one by one, watching whether the orange light follows one port.',
    },
  ],
};

/** A customer reporting the switch fault on `runtime`; returns every reply text of the last turn. */
async function reportSwitchFault(runtime: TestRuntime, phone: string): Promise<string> {
  const say = (text: string, n: number) =>
    runtime.desk.receive({
      channel: 'sms',
      providerMessageId: `kb-${phone}-${n}`,
      from: phone,
      text,
      receivedAt: runtime.clock.now(),
      inline: true,
    });
  await say('我们的交换机坏了，序列号SW2024ABCD，今年1月8日验收的', 1);
  await say('前面板上有个橙色的灯一直亮', 2);
  const last = await say('没有', 3);
  return last.replies.map((reply) => reply.text).join('\n');
}

beforeAll(() => {
  const prefix = uniquePrefix();
  approving = createTestRuntime({ env: { REDIS_KEY_PREFIX: prefix } });
  other = createTestRuntime({ env: { REDIS_KEY_PREFIX: prefix } });
  store = createKbStore(approving.redis, prefix);
  editor = kbEditor({ store, files: approving.content.kb, clock: approving.clock });
});

afterAll(async () => {
  await approving.close();
  await other.close();
});

describe('entries approved in the console', () => {
  it('are suggested by another process to its next customer, and no longer once retired', async () => {
    const before = await reportSwitchFault(other, '+8613800700001');
    expect(before).toContain('这个问题需要工程师进一步处理');
    expect(before).not.toContain('请按以下步骤试试');

    const at = approving.clock.now().toISOString();
    await store.createDraft({
      id: 'case_sr_2611_0001',
      status: 'draft',
      fields: ORANGE_LIGHT,
      source: null,
      author: 'alice',
      createdAt: at,
      updatedAt: at,
      updatedBy: 'alice',
    });
    // A draft is not suggested.
    expect(await reportSwitchFault(other, '+8613800700002')).not.toContain('请按以下步骤试试');

    await editor.approve(sam, 'case_sr_2611_0001');
    const after = await reportSwitchFault(other, '+8613800700003');
    expect(after).toContain('交换机橙色指示灯常亮，请按以下步骤试试');
    expect(after).toContain('1. 关闭交换机电源，等待 30 秒后重新上电。');
    expect(after).toContain('问题解决了吗');

    await editor.retire(sam, 'case_sr_2611_0001');
    const retired = await reportSwitchFault(other, '+8613800700004');
    expect(retired).not.toContain('请按以下步骤试试');
    expect(retired).toContain('这个问题需要工程师进一步处理');
  });

  it('refuses an agent, and an entry the schema refuses', async () => {
    const agent = { name: 'alice', role: 'agent' as const };
    await expect(editor.approve(agent, 'case_sr_2611_0001')).rejects.toMatchObject({ status: 403 });
    const at = approving.clock.now().toISOString();
    await store.createDraft({
      id: 'case_sr_2611_0002',
      status: 'draft',
      fields: { ...ORANGE_LIGHT, steps: ORANGE_LIGHT.steps.slice(0, 2) },
      source: null,
      author: 'alice',
      createdAt: at,
      updatedAt: at,
      updatedBy: 'alice',
    });
    await expect(editor.approve(sam, 'case_sr_2611_0002')).rejects.toMatchObject({
      status: 400,
      extra: { problems: ['steps: give at least 3 steps'] },
    });
    expect((await store.get('case_sr_2611_0002'))?.status).toBe('draft');
  });
});
