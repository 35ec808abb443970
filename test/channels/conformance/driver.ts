/**
 * What the channel conformance suite needs from each registered adapter's test driver: a way to play
 * the provider (deliver a customer's message as the provider would, see what the customer received,
 * make the provider refuse a send) around the real app. Capabilities a channel does not have are left
 * out, and the suite says which checks it skips and why.
 */
import type { ChannelAdapter } from '../../../src/port/channel.js';
import type { Runtime } from '../../../src/runtime.js';

export interface LogLine {
  level: number;
  msg: string;
  [key: string]: unknown;
}

export interface ConformanceSession {
  runtime: Runtime;
  /** The adapter under test, started by the session. */
  adapter: ChannelAdapter;
  logs: LogLine[];
  /** A fresh customer address on this channel. */
  newAddress(): string;
  /**
   * Delivers a customer message as the provider does, with the provider's own id; returns the texts
   * the provider answered with inline (a call's speech), if any.
   */
  inbound(from: string, text: string, providerId: string): Promise<string[]>;
  /** The texts the customer has received through the provider (waits until `count` arrived). */
  received(address: string, count: number): Promise<string[]>;
  /** Makes the provider refuse the next sends to an address. Absent: the channel sends nothing itself. */
  failNextSend?(address: string, kind: 'temporary' | 'permanent'): void;
  /** The customer opts out in the channel's own words. */
  optOut?(address: string): Promise<void>;
  /**
   * Delivers a malformed provider payload: the HTTP status the app answered a webhook with, or
   * `quarantined` when the provider is a mailbox (the mail was kept aside and listed for staff).
   */
  malformed?(): Promise<number | 'quarantined'>;
  close(): Promise<void>;
}

export interface ConformanceDriver {
  name: string;
  /** Provider ids make a repeated delivery recognisable (a terminal line has none). */
  providerIds: boolean;
  open(): Promise<ConformanceSession>;
}
