/**
 * Every registered channel's texts exist in flows/bot.yaml (`channel_texts.<name>.<key>`); start-up
 * refuses a flows folder that lacks one, naming the file and the key.
 */
import { describe, expect, it } from 'vitest';
import { createChannels } from '../../channels/index.js';
import { ConfigError } from '../../src/config.js';
import { loadContent } from '../../src/content.js';
import { missingChannelTexts, startChannels } from '../../src/port/wiring.js';
import { createRuntime } from '../../src/runtime.js';
import { testConfig } from '../support/runtime.js';

const on = {
  TWILIO_ACCOUNT_SID: `AC${'a1'.repeat(16)}`,
  TWILIO_AUTH_TOKEN: 'token',
  TWILIO_FROM_NUMBER: '+15005550006',
  PUBLIC_BASE_URL: 'https://support.example.com',
};

describe('channel texts', () => {
  it('flows/bot.yaml has every text the registered channels need', () => {
    const adapters = createChannels(on);
    expect(adapters.flatMap((adapter) => adapter.texts ?? []).length).toBeGreaterThan(10);
    expect(missingChannelTexts(loadContent('flows').bundle, adapters)).toEqual([]);
  });

  it('a missing text stops start-up, naming the file and the key', async () => {
    const content = loadContent('flows');
    const { voice: _voice, ...others } = content.bundle.bot.channel_texts;
    const stripped = {
      ...content,
      bundle: { ...content.bundle, bot: { ...content.bundle.bot, channel_texts: others } },
    };
    const config = testConfig(on);
    const runtime = createRuntime(config, { content: stripped, channels: createChannels(config.env) });
    try {
      const failure = await startChannels(runtime).catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(ConfigError);
      expect((failure as ConfigError).problems).toContain(
        'flows/bot.yaml: channel_texts.voice.greeting: required by the voice channel',
      );
    } finally {
      await runtime.close();
    }
  });
});
