/**
 * The Bot Framework endpoint over real HTTP: real activities POSTed to /api/messages, replies and
 * proactive messages received by a local stand-in for the connector (the activities' serviceUrl).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../../support/wait.js';
import {
  type ActivityOptions,
  addressOf,
  joinActivity,
  messageActivity,
  newConversation,
  submitActivity,
} from './support/activities.js';
import type { ReceivedActivity } from './support/connector-stand-in.js';
import { type ChatHarness, createChatHarness } from './support/harness.js';

let h: ChatHarness;
beforeAll(async () => {
  h = await createChatHarness();
});
afterAll(() => h.close());

const conversation = (locale = 'en-US'): ActivityOptions => ({
  serviceUrl: h.connector.url,
  conversation: newConversation(),
  locale,
});

/** Waits until the conversation has received `count` messages; returns them all. */
const messagesIn = (options: ActivityOptions, count: number) =>
  waitFor(
    () => {
      const found = h.connector.to(options.conversation);
      return found.length >= count ? found : undefined;
    },
    10_000,
    `${count} message(s) in ${options.conversation}`,
  );

/** The last message received that offers buttons. */
const lastQuestion = (received: ReceivedActivity[]) =>
  received.findLast((r) => r.activity.suggestedActions?.actions.length)!.activity;

/** Waits until every bot message of the conversation so far has arrived. */
async function settled(options: ActivityOptions): Promise<ReceivedActivity[]> {
  return waitFor(
    async () => {
      const out = (await h.transcriptOf(addressOf(options))).filter((e) => e.kind === 'out');
      const got = h.connector.to(options.conversation).filter((r) => !r.activity.channelData?.card);
      return out.length > 0 && got.length === out.length ? got : undefined;
    },
    10_000,
    `every message of ${options.conversation}`,
  );
}

async function say(options: ActivityOptions, text: string) {
  const answer = await h.post('/api/messages', messageActivity(options, text));
  expect(answer.status).toBe(200);
}

describe('greeting', () => {
  it("greets once, in the user's locale, when the customer joins", async () => {
    const en = conversation('en-US');
    expect((await h.post('/api/messages', joinActivity(en))).status).toBe(200);
    expect((await h.post('/api/messages', joinActivity(en))).status).toBe(200);
    const [greeting] = await messagesIn(en, 1);
    expect(greeting!.activity.text).toMatch(/^Hello, this is the/);
    expect(greeting!.replyToId).toBeTruthy();

    const zh = conversation('zh-CN');
    await h.post('/api/messages', joinActivity(zh));
    const [greetingZh] = await messagesIn(zh, 1);
    expect(greetingZh!.activity.text).toMatch(/^您好，这里是/);
    expect(h.connector.to(en.conversation)).toHaveLength(1);
  });
});

describe('a fault report through buttons', () => {
  it('in English: typing while working, choices as suggested actions, a pressed button answers', async () => {
    const chat = conversation('en-US');
    await say(chat, 'My HP LaserJet keeps jamming, serial CNB1234567, bought 3 weeks ago');
    expect(h.connector.to(chat.conversation, 'typing').length).toBeGreaterThanOrEqual(1);
    const first = lastQuestion(await messagesIn(chat, 1));
    expect(first.text).toBe('Has the device been dropped, knocked or got wet?');
    expect(first.locale).toBe('en-US');
    expect(first.suggestedActions!.actions.map((a) => [a.type, a.value])).toEqual([
      ['imBack', 'Yes'],
      ['imBack', 'No'],
    ]);
    // A button posts its value back as text, exactly as a typed answer.
    await say(chat, first.suggestedActions!.actions[1]!.value);
    const after = await waitFor(() => {
      const found = h.connector.to(chat.conversation);
      return lastQuestion(found).text !== first.text ? found : undefined;
    });
    expect(lastQuestion(after).text).toBe(
      'Has anyone other than our authorised service opened or repaired it?',
    );
    const kase = await h.caseOf(String(first.channelData!.caseRef));
    expect(kase.route).toMatchObject({ channel: 'chat', provider: 'botframework' });
  });

  it('in Chinese, with the warranty decision as a card', async () => {
    const chat = conversation('zh-CN');
    await say(chat, '我的ThinkPad X1 序列号PF2ABC12 去年3月买的，开不了机');
    const first = lastQuestion(await messagesIn(chat, 1));
    expect(first.text).toBe('设备是否有过摔落、磕碰或进水？');
    expect(first.locale).toBe('zh-CN');
    await say(chat, first.suggestedActions!.actions.find((a) => a.title === '否')!.value);
    const second = await waitFor(() => {
      const q = lastQuestion(h.connector.to(chat.conversation));
      return q.text !== first.text ? q : undefined;
    });
    expect(second.text).toBe('设备是否被非我司授权的人员拆开或维修过？');
    await say(chat, '否');
    const card = await waitFor(() =>
      h.connector.to(chat.conversation).find((r) => r.activity.channelData?.card === 'warranty'),
    );
    const attachment = card.activity.attachments![0]!;
    expect(attachment.contentType).toBe('application/vnd.microsoft.card.adaptive');
    expect(JSON.stringify(attachment.content)).toMatch(/保修结论/);
    // The reason is said once: in the reply, not again on the card right after it.
    const kase = await h.caseOf(String(card.activity.channelData!.caseRef));
    const reason = kase.warranty!.explanation.zh;
    const everything = h.connector.to(chat.conversation).map((r) => JSON.stringify(r.activity));
    expect(everything.filter((activity) => activity.includes(reason))).toHaveLength(1);
  });

  it('a card submit (a message with a value and no text) answers like typed text', async () => {
    const chat = conversation('en-US');
    await say(chat, 'My HP LaserJet keeps jamming, serial CNB1234567, bought 3 weeks ago');
    const first = lastQuestion(await messagesIn(chat, 1));
    const answer = await h.post('/api/messages', submitActivity(chat, { choice: 'No' }));
    expect(answer.status).toBe(200);
    const next = await waitFor(() => {
      const q = lastQuestion(h.connector.to(chat.conversation));
      return q.text !== first.text ? q : undefined;
    });
    expect(next.text).toBe('Has anyone other than our authorised service opened or repaired it?');
    const inbound = (await h.transcriptOf(addressOf(chat))).filter((e) => e.kind === 'in');
    expect(inbound.map((e) => e.text)).toEqual([
      'My HP LaserJet keeps jamming, serial CNB1234567, bought 3 weeks ago',
      'No',
    ]);
  });

  it('a picture sent with a message is recorded on the case', async () => {
    const chat = conversation('en-US');
    const answer = await h.post(
      '/api/messages',
      messageActivity(chat, 'My HP LaserJet keeps jamming, serial CNB1234567, bought 3 weeks ago', {
        attachments: [
          { contentType: 'image/jpeg', contentUrl: 'https://files.example.com/jam.jpg', name: 'jam.jpg' },
          { contentType: 'text/html', content: '<p>ignored</p>' },
        ],
      }),
    );
    expect(answer.status).toBe(200);
    const inbound = (await h.transcriptOf(addressOf(chat))).find((e) => e.kind === 'in')!;
    expect(JSON.stringify(inbound)).toContain('https://files.example.com/jam.jpg');
    expect(JSON.stringify(inbound)).not.toContain('ignored');
  });
});

describe('proactive messages', () => {
  it('a staff reply reaches the same conversation later, through the stored reference', async () => {
    const chat = conversation('zh-CN');
    await say(chat, '转人工');
    const [first] = await settled(chat);
    const ref = String(first!.activity.channelData!.caseRef);
    const before = h.connector.to(chat.conversation).length;
    await h.staffReply(ref, 'Hello, this is Alice from support. Which model is it?');
    const staff = await waitFor(() =>
      h.connector.to(chat.conversation).find((r) => r.activity.text?.startsWith('Hello, this is Alice')),
    );
    expect(h.connector.to(chat.conversation).length).toBe(before + 1);
    expect(staff.activity.channelData).toMatchObject({ caseRef: ref });
    expect(staff.authorization).toBeNull();
  });

  it('a conversation the bot was removed from (403) is not retried: the case is flagged for staff', async () => {
    const chat = conversation('zh-CN');
    await say(chat, '转人工');
    const [first] = await settled(chat);
    const ref = String(first!.activity.channelData!.caseRef);
    h.connector.failNext(chat.conversation, 403);
    const staff = await h.staffClaim(ref);
    expect((await staff.post(`/cases/${ref}/reply`, { text: 'Are you still there?' })).status).toBe(202);
    const kase = await waitFor(async () => {
      const found = await h.caseOf(ref);
      return found.flags.includes('delivery_failed') ? found : undefined;
    }, 10_000);
    expect(kase.flags).toContain('delivery_failed');
    const attempts = h.connector.received.filter(
      (r) => r.conversationId === chat.conversation && r.activity.text === 'Are you still there?',
    );
    expect(attempts.map((r) => r.status)).toEqual([403]);
    // The staff member on the case is told why, so they reach the customer another way.
    const told = await waitFor(async () => {
      const items = (await staff.get('/notifications')).json.items as Array<{ ref: string; text: string }>;
      return items.find((item) => item.ref === ref && item.text.includes('removed from the conversation'));
    }, 10_000);
    expect(told.text).toMatch(/bot was removed from the conversation \(403\)/);
  });

  it('the maintenance record comes as a card to confirm; its submit button closes the case', async () => {
    const chat = conversation('zh-CN');
    await say(chat, '转人工');
    const [first] = await settled(chat);
    const ref = String(first!.activity.channelData!.caseRef);
    const staff = await h.staffClaim(ref);
    const record = {
      faultReported: '打印机卡纸',
      faultFound: '搓纸轮磨损',
      cause: '正常磨损',
      actions: '更换搓纸轮并清洁纸道',
      partsReplaced: [{ part: '搓纸轮', coverage: 'warranty' }],
      engineer: '王工',
      finishedAt: '2026-11-26T11:15:00+08:00',
      mode: 'onsite',
    };
    expect((await staff.post(`/cases/${ref}/resolve`, { record })).status).toBe(200);
    const card = await waitFor(
      () =>
        h.connector
          .to(chat.conversation)
          .find(
            (r) => r.activity.attachments?.[0]?.contentType === 'application/vnd.microsoft.card.adaptive',
          ),
      10_000,
      'the record card',
    );
    const content = card.activity.attachments![0]!.content as {
      body: Array<{ text: string }>;
      actions: Array<{ type: string; title: string; data: { choice: string } }>;
    };
    expect(content.body[0]!.text).toContain('搓纸轮磨损');
    expect(content.actions.map((a) => [a.type, a.data.choice])).toEqual([
      ['Action.Submit', '确认'],
      ['Action.Submit', '有异议'],
    ]);
    // What Teams or Web Chat posts when the customer presses 确认.
    expect((await h.post('/api/messages', submitActivity(chat, content.actions[0]!.data))).status).toBe(200);
    const kase = await waitFor(async () => {
      const found = await h.caseOf(ref);
      return found.record?.confirmation ? found : undefined;
    }, 10_000);
    expect(kase.record?.confirmation?.state).toBe('confirmed');
  });
});
