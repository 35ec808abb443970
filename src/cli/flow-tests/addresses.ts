/**
 * Customer addresses for flow tests. Each transcript and each `from:` name gets its own address,
 * derived from the transcript's file, so no two transcripts ever share a customer — even if they ran
 * against the same key prefix — and a rerun uses the same address (stable output).
 */
import { createHash } from 'node:crypto';
import type { ChannelKind } from '../../port/messages.js';

function digest(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

/**
 * The address `name` writes from in the transcript `seed` (its file). SMS and voice share a phone
 * number, as a real customer's texts and calls do; email and chat get their own addresses.
 */
export function customerAddress(channel: ChannelKind, seed: string, name: string): string {
  const hash = digest(`${seed}\n${name}`);
  switch (channel) {
    case 'sms':
    case 'voice': {
      // A well-formed Chinese mobile number (+86 139 + 8 digits), as a phone provider delivers them.
      const digits = String(Number.parseInt(hash.slice(0, 12), 16) % 100_000_000).padStart(8, '0');
      return `+86139${digits}`;
    }
    case 'email':
      return `${name}.${hash.slice(0, 10)}@flowtest.example.com`;
    case 'chat':
      return `flowtest-${hash.slice(0, 10)}-${name}`;
  }
}
