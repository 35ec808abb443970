/**
 * Captured activities from real channels (fixtures/), their serviceUrl pointed at the local connector
 * stand-in: a Teams channel message with an @mention and an HTML copy, an Azure Bot Service Web Chat
 * message with an odd escaped timestamp, a Teams Adaptive Card invoke, and conversationUpdates.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../../support/wait.js';
import { type ChatHarness, createChatHarness } from './support/harness.js';

type Activity = Record<string, unknown> & { conversation: { id: string } };

const fixture = <T = Activity>(name: string): T => {
  const parsed = JSON.parse(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8'));
  const strip = (a: Record<string, unknown>) => {
    const { _source, ...rest } = a;
    return rest;
  };
  return (Array.isArray(parsed) ? parsed.map(strip) : strip(parsed)) as T;
};

let h: ChatHarness;
let n = 0;
beforeAll(async () => {
  h = await createChatHarness();
});
afterAll(() => h.close());

/** The captured activity, aimed at the stand-in, in a conversation of its own. */
function aimed(activity: Activity): Activity {
  n += 1;
  return {
    ...activity,
    id: `${String(activity.id ?? 'captured')}-${n}`,
    serviceUrl: h.connector.url,
    conversation: { ...activity.conversation, id: `${activity.conversation.id}-${Date.now()}-${n}` },
  };
}

describe('captured activities', () => {
  it('a Teams channel message: the @mention is not part of the text, the HTML copy is not a picture', async () => {
    const activity = aimed(fixture('teams_channel_message_with_mention.json'));
    expect((await h.post('/api/messages', activity)).status).toBe(200);
    const from = (activity.from as { id: string }).id;
    const inbound = await waitFor(async () =>
      (await h.transcriptOf(`msteams:${from}`)).find((e) => e.kind === 'in'),
    );
    expect(inbound.text).toBe('reply to thread');
    expect(JSON.stringify(inbound)).not.toContain('text/html');
    await waitFor(() => h.connector.to(activity.conversation.id).length > 0 || undefined, 10_000, 'a reply');
  });

  it('an Azure Bot Service Web Chat message with an escaped timestamp is answered', async () => {
    const activity = aimed(fixture('webchat_message_abs.json'));
    expect((await h.post('/api/messages', activity)).status).toBe(200);
    const reply = await waitFor(() => h.connector.to(activity.conversation.id)[0], 10_000, 'a reply');
    expect(reply.replyToId).toBeTruthy();
    expect(reply.activity.text).toBeTruthy();
  });

  it('a Teams Adaptive Card invoke is acknowledged quietly', async () => {
    const activity = aimed(fixture('teams_invoke_adaptiveCard_action.json'));
    expect((await h.post('/api/messages', activity)).status).toBe(200);
    expect(h.connector.received.filter((r) => r.conversationId === activity.conversation.id)).toEqual([]);
  });

  it('conversationUpdates: a customer joining is greeted once; members leaving are not', async () => {
    const [joined, left, both] = fixture<Activity[]>('conversationUpdate_minimal.json');
    for (const update of [joined!, left!, both!]) {
      const activity = aimed({
        ...update,
        channelId: 'emulator',
        recipient: { id: 'bot1', name: 'Bot One' },
      });
      expect((await h.post('/api/messages', activity)).status).toBe(200);
      const greetings = update === left ? 0 : 1;
      if (greetings)
        await waitFor(
          () => h.connector.to(activity.conversation.id).length === 1 || undefined,
          10_000,
          'the greeting',
        );
      expect(h.connector.to(activity.conversation.id)).toHaveLength(greetings);
    }
  });
});
