/**
 * Conformance driver for the email channel: customers' mail APPENDed to a private Dovecot, replies
 * read from the SMTP sink, refusals played by the sink (450 / 550), and a malformed mail quarantined.
 */
import { emailCapabilities } from '../../../channels/email/adapter.js';
import { defaultMedia } from '../../../src/port/medium.js';
import { waitFor } from '../../support/wait.js';
import { dovecotMissing } from '../email/support/dovecot.js';
import { createEmailHarness } from '../email/support/harness.js';
import { bounceOf, mail } from '../email/support/mails.js';
import type { ConformanceDriver } from './driver.js';

let addresses = 0;

export const emailDriver: ConformanceDriver = {
  name: 'email (imap)',
  channel: 'email',
  capabilities: emailCapabilities,
  medium: defaultMedia.email,
  unavailable: dovecotMissing,
  async open() {
    const h = await createEmailHarness();
    const adapter = h.runtime.channels.find((channel) => channel.name === 'email')!;
    const seen = (id: string) =>
      h.logs.filter(
        (line) => line.messageId === id && /^email (?:already |bounce )?recorded|unsubscribe/.test(line.msg),
      ).length;
    /** Delivers a mail and waits until the channel recorded it (or found it repeated). */
    const deliver = async (raw: string, id: string) => {
      const before = seen(id);
      await h.dovecot.append(raw);
      await waitFor(() => seen(id) > before, 8000, `mail ${id} recorded`);
    };
    return {
      runtime: h.runtime,
      adapter,
      logs: h.logs,
      newAddress: () => `conformance-${Date.now().toString(36)}-${addresses++}@example.cn`,
      newProviderId: () => `SM${Date.now()}x${addresses++}`,
      async inbound(from, text, providerId) {
        const id = `<${providerId}@conformance.example>`;
        await deliver(mail({ from, subject: '', text, messageId: id }), id);
        return [];
      },
      async received(address, count) {
        if (count > 0) await h.mailsTo(address, count);
        return h.sink.to(address).map((sunk) => ({ text: sunk.parsed.text ?? '', buttons: [] }));
      },
      failNextSend(address, kind) {
        if (kind === 'temporary') h.sink.refuseNext(address, 450);
        else h.sink.refuseNext(address, 550, 100);
      },
      async optOut(address) {
        const id = `<optout-${Date.now()}-${addresses++}@conformance.example>`;
        await deliver(mail({ from: address, subject: 'unsubscribe', text: '', messageId: id }), id);
      },
      async reportDelivery(address, providerId, state) {
        if (state !== 'failed') throw new Error('mail reports only failures (bounces)');
        const id = `<bounce-${Date.now()}-${addresses++}@mx.example.cn>`;
        await deliver(bounceOf({ to: address, original: providerId, messageId: id }), id);
      },
      async malformed() {
        const before = h.logs.filter((line) => line.msg.endsWith('quarantined')).length;
        await h.dovecot.append(Buffer.from('\x00not a mail: no header, no sender\r\n\r\n\xff'));
        await waitFor(
          () => h.logs.filter((line) => line.msg.endsWith('quarantined')).length > before,
          8000,
          'the malformed mail quarantined',
        );
        return 'quarantined';
      },
      close: () => h.close(),
    };
  },
};
