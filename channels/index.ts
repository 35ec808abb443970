/**
 * The channels, wired in one place: each adapter is one entry here. A channel whose settings are absent
 * is off and says so in one start-up line.
 */
import type { ChannelAdapter, ChannelSender } from '../src/channel.js';
import type { Runtime } from '../src/runtime.js';
import type { AppPlugin } from '../src/server/app.js';
import type { ReadinessCheck } from '../src/server/health.js';
import { createSmsAdapter } from './twilio/sms-adapter.js';
import { createVoiceAdapter } from './twilio/voice-adapter.js';

export interface ChannelWiring {
  plugins: AppPlugin[];
  senders: ChannelSender[];
  readiness: ReadinessCheck[];
  status: string[];
}

export function channelPlugins(
  runtime: Runtime,
  adapters: ChannelAdapter[] = createAdapters(runtime),
): ChannelWiring {
  return {
    plugins: adapters.filter((a) => a.plugin).map((a) => ({ name: a.name, plugin: a.plugin! })),
    senders: adapters.flatMap((a) => (a.sender ? [a.sender] : [])),
    readiness: adapters.flatMap((a) => (a.readiness ? [a.readiness] : [])),
    status: adapters.map((a) => a.status),
  };
}

export function createAdapters(runtime: Runtime): ChannelAdapter[] {
  return [createSmsAdapter(runtime), createVoiceAdapter(runtime)];
}
