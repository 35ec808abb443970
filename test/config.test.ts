import { describe, expect, it } from 'vitest';
import { channels } from '../channels/index.js';
import { ConfigError, loadConfig } from '../src/config.js';

describe('configuration', () => {
  it('has working defaults and is frozen', () => {
    const config = loadConfig({});
    expect(config.PORT).toBe(3978);
    expect(config.REDIS_URL).toBe('redis://127.0.0.1:6379');
    expect(Object.isFrozen(config)).toBe(true);
  });

  it("reports every problem at once, the channels' with the rest, naming the variable", () => {
    let error: unknown;
    try {
      loadConfig(
        {
          PORT: 'eighty',
          REDIS_URL: 'localhost:6379',
          TWILIO_ACCOUNT_SID: 'XY123',
          IMAP_SECURE: 'maybe',
        },
        channels,
      );
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const { problems } = error as ConfigError;
    expect(problems.map((p) => p.split(':')[0])).toEqual(
      expect.arrayContaining(['PORT', 'REDIS_URL', 'TWILIO_ACCOUNT_SID', 'IMAP_SECURE']),
    );
    expect((error as Error).message).toMatch(/REDIS_URL: must start with redis:\/\//);
  });

  it('a channel with some settings but not all fails, naming what is missing', () => {
    expect(() => loadConfig({ TWILIO_ACCOUNT_SID: `AC${'0'.repeat(32)}` }, channels)).toThrow(
      /TWILIO_AUTH_TOKEN: required.*\n.*TWILIO_FROM_NUMBER: set it or TWILIO_MESSAGING_SERVICE_SID.*\n.*PUBLIC_BASE_URL/s,
    );
  });

  it('treats empty values as unset', () => {
    expect(loadConfig({ PORT: '', TWILIO_ACCOUNT_SID: '' }).PORT).toBe(3978);
  });
});
