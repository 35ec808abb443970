/**
 * The checks every channel passes (declarations, start/stop, turn order), and one per capability the
 * channel declares (src/port/channel.ts ChannelCapabilities): a capability a channel does not declare
 * generates no check at all.
 */
import { expect, it } from 'vitest';
import type { ChannelCapabilities, SendFailureKind } from '../../../src/port/channel.js';
import { waitFor } from '../../support/wait.js';
import type { ConformanceDriver } from './driver.js';
import { customerOf, pause, type SessionOf, sendThroughOutbox, transcriptOf } from './session.js';

/** The driver hooks each declared capability needs. */
function missingHooks(capabilities: ChannelCapabilities, session: ReturnType<SessionOf>): string[] {
  const needs: Array<[boolean, string, unknown]> = [
    [capabilities.optOut, 'optOut', session.optOut],
    [capabilities.sendFailures.length > 0, 'failNextSend', session.failNextSend],
    [capabilities.deliveryReports.length > 0, 'reportDelivery', session.reportDelivery],
    [capabilities.inbound !== 'local', 'malformed', session.malformed],
  ];
  return needs.filter(([needed, , hook]) => needed && !hook).map(([, name]) => name);
}

export function declarationChecks(driver: ConformanceDriver, session: SessionOf): void {
  it('declares a name, provider, kind and medium profile, and a status line', () => {
    const { adapter } = session();
    expect(adapter.name).toMatch(/^[a-z][a-z0-9_-]*$/);
    expect(adapter.provider).toMatch(/^[a-z][a-z0-9_-]*$/);
    expect(['sms', 'voice', 'email', 'chat']).toContain(adapter.kind);
    expect(['one', 'all']).toContain(adapter.medium.questions);
    expect(adapter.status).toMatch(new RegExp(`^${adapter.name}: (on|off) \\(`));
  });

  it('declares the capabilities and medium profile its checks were generated from', () => {
    expect(session().adapter.capabilities).toEqual(driver.capabilities);
    expect(session().adapter.medium).toEqual(driver.medium);
  });

  it('has a driver that can play every capability the channel declares', () => {
    expect(missingHooks(driver.capabilities, session())).toEqual([]);
  });
}

export function conversationChecks(driver: ConformanceDriver, session: SessionOf): void {
  it('start and stop are idempotent; a restarted adapter still takes messages', async () => {
    const { adapter, runtime } = session();
    const context = runtime.channelContext(adapter);
    await adapter.start(context);
    await adapter.start(context);
    await adapter.stop();
    await adapter.stop();
    await adapter.start(context);
    const address = session().newAddress();
    await session().inbound(address, '你好', session().newProviderId());
    expect((await transcriptOf(session(), address)).filter((entry) => entry.kind === 'in')).toHaveLength(1);
  });

  if (driver.capabilities.providerMessageIds) {
    it('a message delivered twice by the provider is recorded and answered once', async () => {
      const s = session();
      const address = s.newAddress();
      const id = s.newProviderId();
      const first = await s.inbound(address, 'My printer keeps jamming', id);
      const again = await s.inbound(address, 'My printer keeps jamming', id);
      expect(again).toEqual(first);
      const entries = await transcriptOf(s, address);
      expect(entries.filter((entry) => entry.kind === 'in')).toHaveLength(1);
      if (s.adapter.sender) {
        await s.received(address, 1);
        await pause(300);
        expect(await s.received(address, 0)).toHaveLength(1);
      }
    });
  }

  it("a turn's replies reach the customer in the order of the turns", async () => {
    const s = session();
    const address = s.newAddress();
    const firstInline = await s.inbound(address, 'hello', s.newProviderId());
    const secondInline = await s.inbound(address, 'I want to talk to a person', s.newProviderId());
    const out = (await transcriptOf(s, address)).filter((entry) => entry.kind === 'out');
    expect(out.length).toBeGreaterThanOrEqual(2);
    const delivered = (
      s.adapter.sender ? await s.received(address, 2) : [...firstInline, ...secondInline]
    ).map((message) => message.text);
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
}

const SEND_FAILURES: Record<SendFailureKind, (session: SessionOf) => Promise<void>> = {
  async temporary(session) {
    const s = session();
    const retried = s.newAddress();
    s.failNextSend!(retried, 'temporary');
    await s.inbound(retried, '我的打印机卡纸了', s.newProviderId());
    await s.received(retried, 1);
    await pause(300);
    expect(await s.received(retried, 0)).toHaveLength(1);
  },
  async permanent(session) {
    const s = session();
    const refused = s.newAddress();
    s.failNextSend!(refused, 'permanent');
    await s.inbound(refused, '转人工', s.newProviderId());
    const kase = await waitFor(
      async () => {
        const profile = await s.runtime.cases.customer(customerOf(s, refused));
        const ref = profile?.cases.at(-1);
        const found = ref ? await s.runtime.cases.get(ref) : null;
        return found?.flags.includes('delivery_failed') ? found : undefined;
      },
      8000,
      'the case flagged delivery_failed',
    );
    expect(kase.flags).toContain('delivery_failed');
    await pause(200);
    expect(await s.received(refused, 0)).toHaveLength(0);
  },
};

const SEND_FAILURE_CHECKS: Record<SendFailureKind, string> = {
  temporary: 'a temporary send failure is retried and the message delivered once',
  permanent: 'a permanent send failure is not retried and flags the case',
};

export function sendFailureChecks(driver: ConformanceDriver, session: SessionOf): void {
  for (const kind of driver.capabilities.sendFailures) {
    it(SEND_FAILURE_CHECKS[kind], () => SEND_FAILURES[kind](session));
  }
}

export function providerReportChecks(driver: ConformanceDriver, session: SessionOf): void {
  if (driver.capabilities.optOut) {
    it('opt-out is honoured: nothing more is sent to the address', async () => {
      const s = session();
      const address = s.newAddress();
      await s.optOut!(address);
      expect(await s.runtime.deliveries.isOptedOut(s.adapter.kind, address)).toBe(true);
      await sendThroughOutbox(s, address, 'a notice nobody should receive');
      await pause(500);
      const received = await s.received(address, 0);
      expect(received.filter((message) => message.text.includes('nobody'))).toEqual([]);
    });
  }

  for (const state of driver.capabilities.deliveryReports) {
    it(`a "${state}" delivery report from the provider becomes the message's delivery state`, async () => {
      const s = session();
      const address = s.newAddress();
      // The bot's answer to the customer's first message: a reply in a live conversation.
      await s.inbound(address, 'hello', s.newProviderId());
      const id = await waitFor(
        async () =>
          (await transcriptOf(s, address)).findLast((entry) => entry.kind === 'out' && entry.meta?.messageId)
            ?.meta?.messageId as string | undefined,
        8000,
        'the reply on the transcript',
      );
      const sent = await waitFor(
        async () => (await s.runtime.deliveries.get(id))?.providerId ?? undefined,
        8000,
        'the reply accepted by the provider',
      );
      await s.reportDelivery!(address, sent, state);
      const delivery = await waitFor(
        async () => {
          const found = await s.runtime.deliveries.get(id);
          return found?.state === state ? found : undefined;
        },
        8000,
        `the message ${state}`,
      );
      expect(delivery.state).toBe(state);
    });
  }
}

export function payloadChecks(driver: ConformanceDriver, session: SessionOf): void {
  const { inbound } = driver.capabilities;
  if (inbound === 'local') return;
  const answer = inbound === 'http' ? 'a 4xx' : 'quarantine';
  it(`a malformed provider payload gets ${answer} and a log line`, async () => {
    const s = session();
    const before = s.logs.length;
    const status = await s.malformed!();
    if (inbound === 'mailbox') expect(status).toBe('quarantined');
    else {
      expect(status).toBeGreaterThanOrEqual(400);
      expect(status).toBeLessThan(500);
    }
    expect(s.logs.slice(before).some((line) => line.level >= 40)).toBe(true);
  });
}
