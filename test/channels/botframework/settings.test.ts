/** The Bot Framework channel's settings, its local-mode serviceUrl guard and its dedupe key (pure functions). */
import { describe, expect, it } from 'vitest';
import { serviceUrlRefusal } from '../../../channels/botframework/service-url-guard.js';
import { botFrameworkSetup } from '../../../channels/botframework/settings.js';
import { providerIdOf } from '../../../channels/botframework/support-bot.js';
import { ConfigError } from '../../../src/config.js';

describe('botFrameworkSetup', () => {
  it('is on in local mode with no settings, and off when disabled', () => {
    expect(botFrameworkSetup({})).toEqual({ on: true, settings: { allowedServiceOrigins: [] } });
    expect(botFrameworkSetup({ BOTFRAMEWORK_ENABLED: 'false' })).toEqual({
      on: false,
      reason: 'BOTFRAMEWORK_ENABLED=false',
    });
  });

  it('names every incomplete or wrong setting at once', () => {
    const problems = (env: Record<string, string>) => {
      try {
        botFrameworkSetup(env);
        return [];
      } catch (error) {
        expect(error).toBeInstanceOf(ConfigError);
        return (error as ConfigError).problems;
      }
    };
    expect(problems({ MicrosoftAppPassword: 'secret' })).toEqual([
      'MicrosoftAppId: required when MicrosoftAppPassword is set',
    ]);
    expect(
      problems({ MicrosoftAppId: 'id', MicrosoftAppPassword: 's', MicrosoftAppType: 'SingleTenant' }),
    ).toEqual(['MicrosoftAppTenantId: required when MicrosoftAppType is SingleTenant']);
    expect(problems({ MicrosoftAppType: 'Personal' })[0]).toMatch(/^MicrosoftAppType: /);
    expect(problems({ BOTFRAMEWORK_SERVICE_URLS: 'https://ok.example.com, not a url' })).toEqual([
      'BOTFRAMEWORK_SERVICE_URLS: "not a url" is not a URL such as https://bots.example.com',
    ]);
    expect(
      problems({ MicrosoftAppId: 'id', MicrosoftAppType: 'UserAssignedMSI', MicrosoftAppTenantId: 't' }),
    ).toEqual([]);
  });
});

describe('serviceUrlRefusal (local mode)', () => {
  const allowed = ['https://bots.example.com'];
  it.each([
    'http://127.0.0.1:41615',
    'http://127.8.9.10/',
    'http://localhost:9000/api',
    'http://[::1]:3000/',
    'https://bots.example.com/v3/',
  ])('accepts %s', (url) => {
    expect(serviceUrlRefusal(url, allowed)).toBeNull();
  });

  it.each([
    ['https://smba.trafficmanager.net/amer/', /neither loopback nor/],
    ['http://169.254.169.254/latest/meta-data', /neither loopback nor/],
    ['http://127.0.0.1.nip.io/', /neither loopback nor/],
    ['http://10.0.0.5/', /neither loopback nor/],
    ['https://bots.example.com.evil.test/', /neither loopback nor/],
    ['file:///etc/passwd', /not http/],
    ['not a url', /not a URL/],
    [undefined, /no serviceUrl/],
  ])('refuses %s', (url, why) => {
    expect(serviceUrlRefusal(url, allowed)).toMatch(why);
  });
});

describe('providerIdOf', () => {
  const activity = { channelId: 'msteams', conversation: { id: 'c1' } as never, id: '1759944781430' };
  it('is the same for a redelivered activity and differs across conversations', () => {
    expect(providerIdOf(activity)).toBe(providerIdOf({ ...activity }));
    expect(providerIdOf(activity)).not.toBe(
      providerIdOf({ ...activity, conversation: { id: 'c2' } as never }),
    );
  });
  it('never merges two activities that have no id', () => {
    const { id: _id, ...withoutId } = activity;
    expect(providerIdOf(withoutId)).not.toBe(providerIdOf(withoutId));
  });
});
