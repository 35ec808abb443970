/**
 * The Official Account's settings (names fixed by DESIGN §4), read with this channel's own schema:
 * off when none is given, a ConfigError naming each wrong one when some are, frozen settings otherwise.
 * Without WECHAT_ENCODING_AES_KEY the account runs in plaintext mode.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { ConfigError } from '../../src/config.js';
import type { Environment } from '../../src/port/channel.js';
import { aesKeyOf } from './crypto.js';
import { type NoticeTemplates, parseTemplates } from './templates.js';

export const WECHAT_API = 'https://api.weixin.qq.com';

const blank = (value: unknown) => (value === '' ? undefined : value);
const optional = z.preprocess(blank, z.string().trim().optional());

const wechatEnvSchema = z.object({
  WECHAT_APP_ID: z.preprocess(
    blank,
    z
      .string()
      .regex(/^wx[0-9a-zA-Z]{16}$/, 'must be wx followed by 16 letters and digits')
      .optional(),
  ),
  WECHAT_APP_SECRET: optional,
  WECHAT_TOKEN: z.preprocess(
    blank,
    z
      .string()
      .regex(/^[A-Za-z0-9]{3,32}$/, 'must be 3 to 32 letters and digits, as in the 公众平台')
      .optional(),
  ),
  WECHAT_ENCODING_AES_KEY: z.preprocess(
    blank,
    z
      .string()
      .regex(/^[A-Za-z0-9]{43}$/, 'must be the 43 letters and digits of the 公众平台')
      .optional(),
  ),
  WECHAT_API_BASE_URL: z.preprocess(
    blank,
    z.url({ message: 'must be a URL such as http://127.0.0.1:4020' }).optional(),
  ),
  /** YAML file naming the template (or subscription) message for each later notice. */
  WECHAT_TEMPLATES_FILE: optional,
});

export interface WechatSettings {
  appId: string;
  appSecret: string;
  token: string;
  /** The AES key (safe and compatible modes); absent: plaintext mode. */
  aesKey?: Buffer;
  apiBaseUrl: string;
  templates: NoticeTemplates;
}

export type WechatSetup = { on: true; settings: WechatSettings } | { on: false; reason: string };

function templatesFrom(file: string | undefined, problems: string[]): NoticeTemplates {
  if (!file) return {};
  try {
    return parseTemplates(readFileSync(file, 'utf8'));
  } catch (error) {
    problems.push(`WECHAT_TEMPLATES_FILE: ${file}: ${error instanceof Error ? error.message : error}`);
    return {};
  }
}

export function wechatSetup(env: Environment): WechatSetup {
  const parsed = wechatEnvSchema.safeParse(env);
  if (!parsed.success)
    throw new ConfigError(parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`));
  const config = parsed.data;
  const named = ['WECHAT_APP_ID', 'WECHAT_APP_SECRET', 'WECHAT_TOKEN', 'WECHAT_ENCODING_AES_KEY'] as const;
  const given = named.filter((name) => config[name]);
  if (given.length === 0) return { on: false, reason: 'WECHAT_APP_ID not set' };
  const problems: string[] = [];
  for (const name of ['WECHAT_APP_ID', 'WECHAT_APP_SECRET', 'WECHAT_TOKEN'] as const)
    if (!config[name]) problems.push(`${name}: required when ${given[0]} is set`);
  const templates = templatesFrom(config.WECHAT_TEMPLATES_FILE, problems);
  if (problems.length > 0) throw new ConfigError(problems);
  const settings: WechatSettings = {
    appId: config.WECHAT_APP_ID!,
    appSecret: config.WECHAT_APP_SECRET!,
    token: config.WECHAT_TOKEN!,
    ...(config.WECHAT_ENCODING_AES_KEY ? { aesKey: aesKeyOf(config.WECHAT_ENCODING_AES_KEY) } : {}),
    apiBaseUrl: (config.WECHAT_API_BASE_URL ?? WECHAT_API).replace(/\/+$/, ''),
    templates,
  };
  return { on: true, settings: Object.freeze(settings) };
}
