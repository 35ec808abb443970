/** Both WeChat channels are off without settings (one start-up line says so) and name a wrong setting. */
import { describe, expect, it } from 'vitest';
import { createChannels } from '../../../channels/index.js';
import { wechatSetup } from '../../../channels/wechat/settings.js';
import { wecomSetup } from '../../../channels/wechat/wecom-kf/settings.js';
import { ConfigError } from '../../../src/config.js';

describe('wechat settings', () => {
  it('are off by default, each with one start-up line', () => {
    const lines = createChannels({}).map((adapter) => adapter.status);
    expect(lines).toContain('wechat: off (WECHAT_APP_ID not set)');
    expect(lines).toContain('wecom-kf: off (WECOM_CORP_ID not set)');
  });

  it('say on, with the mode, when present', () => {
    const env = { WECHAT_APP_ID: 'wx2c2769f8efd9abc2', WECHAT_APP_SECRET: 's', WECHAT_TOKEN: 'spamtest' };
    const adapter = createChannels(env).find((channel) => channel.name === 'wechat')!;
    expect(adapter.status).toBe(
      'wechat: on (app wx2c2769f8efd9abc2, plaintext mode, webhook /webhooks/wechat, 0 notice template(s))',
    );
    const safe = createChannels({
      ...env,
      WECHAT_ENCODING_AES_KEY: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG',
    });
    expect(safe.find((channel) => channel.name === 'wechat')!.status).toContain('safe or compatible mode');
  });

  it('name each missing or wrong setting', () => {
    expect(() => wechatSetup({ WECHAT_APP_ID: 'wx2c2769f8efd9abc2' })).toThrow(
      /WECHAT_APP_SECRET: required[\s\S]*WECHAT_TOKEN: required/,
    );
    expect(() => wechatSetup({ WECHAT_APP_ID: 'nope' })).toThrow(ConfigError);
    expect(() =>
      wechatSetup({
        WECHAT_APP_ID: 'wx2c2769f8efd9abc2',
        WECHAT_APP_SECRET: 's',
        WECHAT_TOKEN: 'tok1',
        WECHAT_ENCODING_AES_KEY: 'short',
      }),
    ).toThrow(/WECHAT_ENCODING_AES_KEY/);
    expect(() =>
      wechatSetup({
        WECHAT_APP_ID: 'wx2c2769f8efd9abc2',
        WECHAT_APP_SECRET: 's',
        WECHAT_TOKEN: 'tok1',
        WECHAT_TEMPLATES_FILE: '/no/such/file.yaml',
      }),
    ).toThrow(/WECHAT_TEMPLATES_FILE/);
    expect(() => wecomSetup({ WECOM_CORP_ID: 'ww1436e0e65a779aee' })).toThrow(/WECOM_KF_SECRET: required/);
    expect(wecomSetup({ WECOM_API_BASE_URL: 'http://127.0.0.1:1' })).toEqual({
      on: false,
      reason: 'WECOM_CORP_ID not set',
    });
  });
});
