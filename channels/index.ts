/**
 * The channels, registered in one place: each is one folder under channels/ and one line here. A
 * channel whose settings are absent is off and says so in one start-up line.
 */
import type { ChannelAdapter, Environment, RegisteredChannel } from '../src/channel.js';
import { emailChannel } from './email/adapter.js';
import { smsChannel } from './twilio/sms-adapter.js';
import { voiceChannel } from './twilio/voice-adapter.js';

export const channels: readonly RegisteredChannel[] = [smsChannel, voiceChannel, emailChannel];

/** Every registered channel's adapter, built from the environment (on or off). */
export function createChannels(env: Environment): ChannelAdapter[] {
  return channels.map((channel) => channel.build(env));
}
