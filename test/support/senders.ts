/**
 * A recording sender for channels that have no provider in a test. It implements the real port
 * (src/port/channel.ts); `failNext` makes the next deliveries fail the way a provider would.
 */
import { type ChannelSender, SendError } from '../../src/port/channel.js';
import type { ChannelKind, OutboundMessage } from '../../src/port/messages.js';

export interface RecordingSender extends ChannelSender {
  sent: OutboundMessage[];
  attempts: number;
  failNext(count: number, kind?: 'temporary' | 'permanent'): void;
  hangNext(): void;
}

export function recordingSender(channel: ChannelKind): RecordingSender {
  let failures = 0;
  let failureKind: 'temporary' | 'permanent' = 'temporary';
  let hang = false;
  const sender: RecordingSender = {
    kind: channel,
    provider: 'test',
    sent: [],
    attempts: 0,
    failNext(count, kind = 'temporary') {
      failures = count;
      failureKind = kind;
    },
    hangNext() {
      hang = true;
    },
    async send(message) {
      sender.attempts += 1;
      if (hang) {
        hang = false;
        return new Promise(() => undefined);
      }
      if (failures > 0) {
        failures -= 1;
        throw failureKind === 'permanent'
          ? new SendError('recipient does not exist', true, 'no-such-user')
          : new SendError('provider unavailable (503)', false, 503);
      }
      sender.sent.push(message);
      return { providerId: `P-${sender.sent.length}` };
    },
  };
  return sender;
}
