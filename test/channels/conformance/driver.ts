/**
 * What the channel conformance suite needs from each channel's test driver. What a channel *can do*
 * is not the driver's to say: it is a fact about the channel, declared by its adapter
 * (`ChannelAdapter.capabilities`, src/port/channel.ts) so the product can ask it too. The driver only
 * knows how to play the provider around the real app — deliver a customer's message, show what the
 * customer received, make the provider refuse a send or report a delivery — and it must be able to
 * play every capability its channel declares (the suite fails otherwise).
 */
import type { ChannelAdapter, ChannelCapabilities, SendFailureKind } from '../../../src/port/channel.js';
import type { MediumProfile } from '../../../src/port/medium.js';
import type { Runtime } from '../../../src/runtime.js';

export interface LogLine {
  level: number;
  msg: string;
  [key: string]: unknown;
}

/** One message as the customer saw it: its text and the buttons it came with. */
export interface Received {
  text: string;
  buttons: string[];
}

export interface ConformanceSession {
  runtime: Runtime;
  /** The adapter under test, started by the session. */
  adapter: ChannelAdapter;
  logs: LogLine[];
  /** A fresh customer address on this channel. */
  newAddress(): string;
  /** A provider id never used before, in the provider's own form (a MessageSid, a call's `CallSid:N`). */
  newProviderId(): string;
  /**
   * Delivers a customer message as the provider does, with the provider's own id; returns what the
   * provider answered with inline (a call's speech), if anything.
   */
  inbound(from: string, text: string, providerId: string): Promise<Received[]>;
  /** What the customer has received through the provider (waits until `count` arrived). */
  received(address: string, count: number): Promise<Received[]>;
  /** Makes the provider refuse the next sends to an address (capability `sendFailures`). */
  failNextSend?(address: string, kind: SendFailureKind): void;
  /** The customer opts out in the channel's own words (capability `optOut`). */
  optOut?(address: string): Promise<void>;
  /**
   * The provider reports a message it was given (`providerId`, as its sender returned it) delivered or
   * failed (capability `deliveryReports`).
   */
  reportDelivery?(address: string, providerId: string, state: 'delivered' | 'failed'): Promise<void>;
  /**
   * Delivers a malformed provider payload (capability `inbound` `http` or `mailbox`): the HTTP status
   * the app answered with, or `quarantined` when the mail was kept aside and listed for staff.
   */
  malformed?(): Promise<number | 'quarantined'>;
  close(): Promise<void>;
}

export interface ConformanceDriver {
  name: string;
  /** The channel's name in channels/index.ts; null for the terminal, which its own entry point wires. */
  channel: string | null;
  /**
   * The channel's declared capabilities and medium profile, known before a session opens so the suite
   * generates only the checks that apply; the started adapter must declare exactly these.
   */
  capabilities: ChannelCapabilities;
  medium: MediumProfile;
  /** Why this driver cannot run on this machine (what to install), or null. */
  unavailable?: string | null;
  open(): Promise<ConformanceSession>;
}
