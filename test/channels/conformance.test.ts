/**
 * The channel conformance suite: every registered adapter (and the terminal) passes the same checks
 * against the real app — start/stop idempotent, inbound deduplicated on the provider's id, a turn's
 * replies delivered in order, temporary send errors retried and permanent ones flagged, opt-out
 * honoured, a malformed provider payload answered with a 4xx and a log line. A check a channel has no
 * capability for is skipped, named.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TranscriptEntry } from '../../src/cases/types.js';
import { customerIdFor, identityOf, slotKeys } from '../../src/conversation/keys.js';
import { waitFor } from '../support/wait.js';
import { botFrameworkDriver, webChatDriver } from './conformance/chat-drivers.js';
import type { ConformanceDriver, ConformanceSession } from './conformance/driver.js';
import { emailDriver } from './conformance/email-driver.js';
import { terminalDriver } from './conformance/terminal-driver.js';
import { smsDriver, voiceDriver } from './conformance/twilio-drivers.js';
import { wechatDriver, wecomKfDriver } from './conformance/wechat-drivers.js';
import { dovecotMissing } from './email/support/dovecot.js';

const drivers: ConformanceDriver[] = [
  smsDriver,
  voiceDriver,
  terminalDriver,
  botFrameworkDriver,
  webChatDriver,
  wechatDriver,
  wecomKfDriver,
  ...(dovecotMissing ? [] : [emailDriver]),
];
let ids = 0;
const providerId = (driver: ConformanceDriver) =>
  driver === voiceDriver ? `CA${Date.now()}${ids++}:1` : `SM${Date.now()}x${ids++}`;

async function transcriptOf(session: ConformanceSession, address: string): Promise<TranscriptEntry[]> {
  const { runtime, adapter } = session;
  const customer = customerIdFor(identityOf(adapter.kind, address));
  const raw = await runtime.redis.lrange(
    `${runtime.desk.inbox.keys.customer(customer)}${slotKeys.log}`,
    0,
    -1,
  );
  return raw.map((line) => JSON.parse(line) as TranscriptEntry);
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.each(drivers)('channel conformance: $name', (driver) => {
  let session: ConformanceSession;
  beforeAll(async () => {
    session = await driver.open();
  });
  afterAll(async () => session.close());

  it('declares a name, provider, kind and medium profile, and a status line', () => {
    const { adapter } = session;
    expect(adapter.name).toMatch(/^[a-z][a-z0-9_-]*$/);
    expect(adapter.provider).toMatch(/^[a-z][a-z0-9_-]*$/);
    expect(['sms', 'voice', 'email', 'chat']).toContain(adapter.kind);
    expect(['one', 'all']).toContain(adapter.medium.questions);
    expect(adapter.status).toMatch(new RegExp(`^${adapter.name}: (on|off) \\(`));
  });

  it('start and stop are idempotent; a restarted adapter still takes messages', async () => {
    const { adapter, runtime } = session;
    const context = runtime.channelContext(adapter);
    await adapter.start(context);
    await adapter.start(context);
    await adapter.stop();
    await adapter.stop();
    await adapter.start(context);
    const address = session.newAddress();
    await session.inbound(address, '你好', providerId(driver));
    expect((await transcriptOf(session, address)).filter((entry) => entry.kind === 'in')).toHaveLength(1);
  });

  it.skipIf(!driver.providerIds)(
    'a message delivered twice by the provider is recorded and answered once',
    async () => {
      const address = session.newAddress();
      const id = providerId(driver);
      const first = await session.inbound(address, 'My printer keeps jamming', id);
      const again = await session.inbound(address, 'My printer keeps jamming', id);
      expect(again).toEqual(first);
      const entries = await transcriptOf(session, address);
      expect(entries.filter((entry) => entry.kind === 'in')).toHaveLength(1);
      if (session.adapter.sender) {
        await session.received(address, 1);
        await pause(300);
        expect(await session.received(address, 0)).toHaveLength(1);
      }
    },
  );

  it("a turn's replies reach the customer in the order of the turns", async () => {
    const address = session.newAddress();
    const firstInline = await session.inbound(address, 'hello', providerId(driver));
    const secondId = driver === voiceDriver ? `CA${Date.now()}${ids++}:2` : providerId(driver);
    const secondInline = await session.inbound(address, 'I want to talk to a person', secondId);
    const out = (await transcriptOf(session, address)).filter((entry) => entry.kind === 'out');
    expect(out.length).toBeGreaterThanOrEqual(2);
    const delivered = session.adapter.sender
      ? await session.received(address, 2)
      : [...firstInline, ...secondInline];
    // Each delivered message starts with the turn's reply as the bot wrote it, in the same order.
    const said = out.map((entry) => entry.text.slice(0, 12));
    const heard = delivered.filter((text) => said.some((start) => text.includes(start)));
    expect(heard.map((text) => said.findIndex((start) => text.includes(start)))).toEqual(
      [...heard.keys()]
        .map((n) => said.findIndex((start) => heard[n]!.includes(start)))
        .sort((a, b) => a - b),
    );
    expect(heard.length).toBeGreaterThanOrEqual(2);
  });

  // The web chat's sender writes to our own store: it has no provider that could refuse a send.
  it.skipIf(driver === voiceDriver || driver === terminalDriver || driver === webChatDriver)(
    'a temporary send failure is retried and delivered once; a permanent one is not retried and flags the case',
    async () => {
      const retried = session.newAddress();
      session.failNextSend!(retried, 'temporary');
      await session.inbound(retried, '我的打印机卡纸了', providerId(driver));
      await session.received(retried, 1);
      await pause(300);
      expect(await session.received(retried, 0)).toHaveLength(1);

      const refused = session.newAddress();
      session.failNextSend!(refused, 'permanent');
      await session.inbound(refused, '转人工', providerId(driver));
      const customerId = customerIdFor(identityOf(session.adapter.kind, refused));
      const kase = await waitFor(
        async () => {
          const profile = await session.runtime.cases.customer(customerId);
          const ref = profile?.cases.at(-1);
          const found = ref ? await session.runtime.cases.get(ref) : null;
          return found?.flags.includes('delivery_failed') ? found : undefined;
        },
        8000,
        'the case flagged delivery_failed',
      );
      expect(kase.flags).toContain('delivery_failed');
      await pause(200);
      expect(await session.received(refused, 0)).toHaveLength(0);
    },
  );

  it.skipIf(driver !== smsDriver && driver !== emailDriver && driver !== wechatDriver)(
    'opt-out is honoured: nothing more is sent to the address',
    async () => {
      const address = session.newAddress();
      await session.optOut!(address);
      expect(await session.runtime.deliveries.isOptedOut(session.adapter.kind, address)).toBe(true);
      await session.runtime.queues.apply({
        type: 'send',
        message: {
          id: `after-optout-${ids++}`,
          channel: session.adapter.kind,
          provider: session.adapter.provider,
          to: address,
          lang: 'en',
          text: 'a notice nobody should receive',
          customerId: customerIdFor(identityOf(session.adapter.kind, address)),
          author: 'system',
          createdAt: new Date().toISOString(),
        },
      });
      await pause(500);
      expect((await session.received(address, 0)).filter((text) => text.includes('nobody'))).toEqual([]);
    },
  );

  it.skipIf(driver === terminalDriver)(
    'a malformed provider payload gets a 4xx (a mailbox: quarantine) and a log line',
    async () => {
      const before = session.logs.length;
      const status = await session.malformed!();
      if (status === 'quarantined') expect(driver.name).toMatch(/^email/);
      else {
        expect(status).toBeGreaterThanOrEqual(400);
        expect(status).toBeLessThan(500);
      }
      expect(session.logs.slice(before).some((line) => line.level >= 40)).toBe(true);
    },
  );
});
