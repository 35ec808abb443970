/**
 * The channels, registered in one place: each is one folder under channels/ and one line here. A
 * channel whose settings are absent is off and says so in one start-up line.
 */
import type { ChannelAdapter, Environment, RegisteredChannel } from '../src/port/channel.js';
import { botFrameworkChannel } from './botframework/adapter.js';
import { SupportBot } from './botframework/support-bot.js';
import { emailChannel } from './email/adapter.js';
import { smsChannel } from './twilio/sms-adapter.js';
import { voiceChannel } from './twilio/voice-adapter.js';
import { webChatChannel } from './webchat/adapter.js';
import { wechatChannel } from './wechat/adapter.js';
import { wecomKfChannel } from './wechat/wecom-kf/adapter.js';

export const channels: readonly RegisteredChannel[] = [
  smsChannel,
  voiceChannel,
  botFrameworkChannel,
  emailChannel,
  // The web chat runs the Bot Framework channel's bot: one bot for both.
  webChatChannel((options) => new SupportBot(options)),
  wechatChannel,
  wecomKfChannel,
];

/** Every registered channel's adapter, built from the environment (on or off). */
export function createChannels(env: Environment): ChannelAdapter[] {
  return channels.map((channel) => channel.build(env));
}
