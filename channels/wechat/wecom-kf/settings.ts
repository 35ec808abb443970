/**
 * WeCom customer service's settings (names fixed by DESIGN §4): the corp id and the customer-service
 * secret (企业微信管理后台 → 微信客服 → API), and the callback's token and EncodingAESKey — WeCom's
 * callbacks are always encrypted. Off when none is given; a ConfigError naming each wrong one otherwise.
 */
import { z } from 'zod';
import { ConfigError } from '../../../src/config.js';
import type { Environment } from '../../../src/port/channel.js';
import { aesKeyOf } from '../crypto.js';

export const WECOM_API = 'https://qyapi.weixin.qq.com';
const blank = (value: unknown) => (value === '' ? undefined : value);

const schema = z.object({
  WECOM_CORP_ID: z.preprocess(
    blank,
    z
      .string()
      .regex(/^w[wx][0-9a-zA-Z]{16}$/, 'must be the corp id (ww…, 18 characters)')
      .optional(),
  ),
  WECOM_KF_SECRET: z.preprocess(blank, z.string().trim().optional()),
  WECOM_TOKEN: z.preprocess(
    blank,
    z
      .string()
      .regex(/^[A-Za-z0-9]{1,32}$/, 'must be up to 32 letters and digits')
      .optional(),
  ),
  WECOM_ENCODING_AES_KEY: z.preprocess(
    blank,
    z
      .string()
      .regex(/^[A-Za-z0-9]{43}$/, 'must be 43 letters and digits')
      .optional(),
  ),
  WECOM_API_BASE_URL: z.preprocess(
    blank,
    z.url({ message: 'must be a URL such as http://127.0.0.1:4021' }).optional(),
  ),
});

export interface WecomSettings {
  corpId: string;
  secret: string;
  token: string;
  aesKey: Buffer;
  apiBaseUrl: string;
}

export type WecomSetup = { on: true; settings: WecomSettings } | { on: false; reason: string };

export function wecomSetup(env: Environment): WecomSetup {
  const parsed = schema.safeParse(env);
  if (!parsed.success)
    throw new ConfigError(parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`));
  const config = parsed.data;
  const named = ['WECOM_CORP_ID', 'WECOM_KF_SECRET', 'WECOM_TOKEN', 'WECOM_ENCODING_AES_KEY'] as const;
  const given = named.filter((name) => config[name]);
  if (given.length === 0) return { on: false, reason: 'WECOM_CORP_ID not set' };
  const missing = named.filter((name) => !config[name]);
  if (missing.length > 0)
    throw new ConfigError(missing.map((name) => `${name}: required when ${given[0]} is set`));
  const settings: WecomSettings = {
    corpId: config.WECOM_CORP_ID!,
    secret: config.WECOM_KF_SECRET!,
    token: config.WECOM_TOKEN!,
    aesKey: aesKeyOf(config.WECOM_ENCODING_AES_KEY!),
    apiBaseUrl: (config.WECOM_API_BASE_URL ?? WECOM_API).replace(/\/+$/, ''),
  };
  return { on: true, settings: Object.freeze(settings) };
}
