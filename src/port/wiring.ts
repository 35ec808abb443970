/**
 * Starts the runtime's channel adapters and gathers what the server and the workers need from them:
 * routes, senders, readiness checks and the start-up lines. Also checks, before anything starts, that
 * flows/bot.yaml has every text each channel needs (`channel_texts.<name>.<key>`).
 */
import { ConfigError } from '../config.js';
import type { FlowBundle } from '../flows/load.js';
import type { AppPlugin } from '../server/app.js';
import type { ReadinessCheck } from '../server/health.js';
import type { ChannelAdapter, ChannelContext, ChannelSender } from './channel.js';

/** What starting the channels needs from the runtime (the runtime itself is one). */
export interface ChannelHost {
  config: { FLOWS_DIR: string };
  content: { bundle: FlowBundle };
  channels: readonly ChannelAdapter[];
  channelContext(adapter: ChannelAdapter): ChannelContext;
}

export interface ChannelWiring {
  plugins: AppPlugin[];
  senders: ChannelSender[];
  readiness: ReadinessCheck[];
  status: string[];
  /** Stops every adapter (idempotent). */
  stop(): Promise<void>;
}

/** Texts a channel needs that flows/bot.yaml lacks, as `channel_texts.voice.greeting` lines. */
export function missingChannelTexts(bundle: FlowBundle, adapters: readonly ChannelAdapter[]): string[] {
  return adapters.flatMap((adapter) =>
    (adapter.texts ?? [])
      .filter((key) => !bundle.bot.channel_texts[adapter.name]?.[key])
      .map((key) => `channel_texts.${adapter.name}.${key}: required by the ${adapter.name} channel`),
  );
}

export async function startChannels(runtime: ChannelHost): Promise<ChannelWiring> {
  const adapters = runtime.channels;
  const missing = missingChannelTexts(runtime.content.bundle, adapters);
  if (missing.length > 0)
    throw new ConfigError(missing.map((line) => `${runtime.config.FLOWS_DIR}/bot.yaml: ${line}`));
  for (const adapter of adapters) await adapter.start(runtime.channelContext(adapter));
  return {
    plugins: adapters.flatMap((a) => (a.routes ? [{ name: a.name, plugin: a.routes }] : [])),
    senders: adapters.flatMap((a) => (a.sender ? [a.sender] : [])),
    readiness: adapters.flatMap((a) => (a.ready ? [{ name: a.name, check: a.ready.bind(a) }] : [])),
    status: adapters.map((a) => a.status),
    async stop() {
      for (const adapter of adapters) await adapter.stop().catch(() => undefined);
    },
  };
}
