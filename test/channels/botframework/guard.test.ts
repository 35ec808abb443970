/**
 * What /api/messages refuses: a serviceUrl that is not loopback in local mode (no request forgery
 * through our bot), malformed bodies, and — with an app id — activities without a valid token.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { joinActivity, messageActivity, newConversation } from './support/activities.js';
import { type ChatHarness, createChatHarness } from './support/harness.js';

let h: ChatHarness;
const rejections: unknown[] = [];
const onRejection = (reason: unknown) => rejections.push(reason);
beforeAll(async () => {
  process.on('unhandledRejection', onRejection);
  h = await createChatHarness();
});
afterAll(async () => {
  process.off('unhandledRejection', onRejection);
  await h.close();
});

const warnings = (from: number) => h.logs.slice(from).filter((line) => line.level >= 40);

describe('local mode (no MicrosoftAppId)', () => {
  it('refuses a serviceUrl that is not loopback with 401 and calls nothing', async () => {
    const before = h.logs.length;
    const conversation = newConversation();
    for (const serviceUrl of [
      'https://attacker.example.com/',
      'http://169.254.169.254/latest/',
      'file:///etc/passwd',
    ]) {
      const answer = await h.post('/api/messages', messageActivity({ serviceUrl, conversation }, 'hello'));
      expect(answer.status).toBe(401);
      expect(JSON.parse(answer.body).error.code).toBe('SUPPORT_ERR_AUTH_REQUIRED');
    }
    expect(h.connector.received.filter((r) => r.conversationId === conversation)).toEqual([]);
    expect(await h.transcriptOf(`emulator:user-${conversation}`)).toEqual([]);
    expect(warnings(before).some((line) => String(line.reason).includes('attacker.example.com'))).toBe(true);
  });

  it('answers malformed activities with 400 and a log line, and types it ignores with a quiet 200', async () => {
    const options = { serviceUrl: h.connector.url, conversation: newConversation() };
    const cases: Array<[string, string | object, number]> = [
      ['bad JSON', '{"type": "message", ', 400],
      ['no type', { ...messageActivity(options, 'hi'), type: undefined }, 400],
      ['not an object', '"message"', 400],
      ['text of 20,000 characters', messageActivity(options, 'x'.repeat(20_000)), 400],
      [
        'a message without a conversation',
        { ...messageActivity(options, 'hi'), conversation: undefined },
        400,
      ],
    ];
    for (const [what, body, status] of cases) {
      const before = h.logs.length;
      const answer = await h.post('/api/messages', body);
      expect(answer.status, what).toBe(status);
      expect(warnings(before).length, what).toBeGreaterThan(0);
    }
    const huge = await h.post('/api/messages', messageActivity(options, 'x'.repeat(900 * 1024)));
    expect(huge.status).toBe(400);
    expect(JSON.parse(huge.body).error.message).toMatch(/text: text longer than 10000 characters/);
    // One limit, 1 MB: an activity of 2 MB is refused before it is read.
    const beyond = await h.post('/api/messages', messageActivity(options, 'x'.repeat(2 * 1024 * 1024)));
    expect(beyond.status).toBe(413);
    for (const type of ['typing', 'messageReaction', 'installationUpdate', 'made-up']) {
      const answer = await h.post('/api/messages', { ...messageActivity(options, 'hi'), type });
      expect(answer.status, type).toBe(200);
    }
    expect(h.connector.received.filter((r) => r.conversationId === options.conversation)).toEqual([]);
    expect(rejections).toEqual([]);
  });
});

describe('malformed members and names', () => {
  it('a conversationUpdate with members that are not a list of members, or a name that is not a string, is a 400', async () => {
    const options = { serviceUrl: h.connector.url, conversation: newConversation() };
    const join = joinActivity(options);
    const cases: Array<[string, object]> = [
      ['membersAdded: "x"', { ...join, membersAdded: 'x' }],
      ['membersAdded: [null]', { ...join, membersAdded: [null] }],
      ['membersAdded: [{}]', { ...join, membersAdded: [{}] }],
      ['membersRemoved: 7', { ...join, membersRemoved: 7 }],
      ['from.name: 5 on a join', { ...join, from: { id: 'user-1', name: 5 } }],
      ['from.name: {} on a message', messageActivity(options, 'hi', { from: { id: 'user-1', name: {} } })],
      [
        'recipient.name: [] on a message',
        messageActivity(options, 'hi', { recipient: { id: 'bot', name: [] } }),
      ],
    ];
    for (const [what, body] of cases) {
      const before = h.logs.length;
      const answer = await h.post('/api/messages', body);
      expect(answer.status, what).toBe(400);
      expect(JSON.parse(answer.body).error.code, what).toBe('SUPPORT_ERR_WEBHOOK_PAYLOAD');
      expect(warnings(before).length, what).toBeGreaterThan(0);
    }
    // Nothing reached the desk, so the outbox has nothing to retry.
    expect(h.connector.received.filter((r) => r.conversationId === options.conversation)).toEqual([]);
    expect(rejections).toEqual([]);
  });
});

describe('with an app id', () => {
  it('refuses an activity without a valid token (401) and sends nothing', async () => {
    const secured = await createChatHarness({
      env: {
        MicrosoftAppId: '00000000-0000-0000-0000-000000000001',
        MicrosoftAppPassword: 'not-a-real-secret',
      },
    });
    try {
      const conversation = newConversation();
      const options = { serviceUrl: secured.connector.url, conversation };
      const none = await secured.post('/api/messages', messageActivity(options, 'hello'));
      expect(none.status).toBe(401);
      const forged = await secured.post('/api/messages', messageActivity(options, 'hello'), {
        authorization: 'Bearer garbage',
      });
      expect(forged.status).toBe(401);
      expect(secured.connector.received).toEqual([]);
      expect(secured.wiring.status.find((line) => line.startsWith('botframework:'))).toMatch(
        /tokens checked/,
      );
    } finally {
      await secured.close();
    }
  });
});
