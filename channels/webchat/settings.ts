/**
 * The web chat's settings, read with its own schema. On unless WEBCHAT_ENABLED=false: it is the
 * zero-setup way to talk to the bot. The URL printed at start-up is PUBLIC_BASE_URL's, or localhost's.
 */
import { z } from 'zod';
import { ConfigError } from '../../src/config.js';
import type { Environment } from '../../src/port/channel.js';

const emptyAsUndefined = (value: unknown) => (value === '' ? undefined : value);
const count = (fallback: number, max: number) =>
  z.preprocess(emptyAsUndefined, z.coerce.number().int().min(1).max(max).default(fallback));

const schema = z.object({
  WEBCHAT_ENABLED: z.preprocess(
    emptyAsUndefined,
    z.enum(['true', 'false'], { message: 'must be true or false' }).default('true'),
  ),
  PUBLIC_BASE_URL: z.preprocess(emptyAsUndefined, z.url({ message: 'must be a URL' }).optional()),
  PORT: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(1).max(65535).default(3978)),
  /** Messages one IP address may send a minute (all its conversations together). */
  WEBCHAT_RATE_PER_MINUTE: count(30, 10_000),
  /** Messages one conversation may send a minute. */
  WEBCHAT_CONVERSATION_RATE_PER_MINUTE: count(12, 10_000),
  /** Conversations one IP address may start an hour. */
  WEBCHAT_CONVERSATIONS_PER_HOUR: count(20, 100_000),
  /** Longest message a customer may type (characters). */
  WEBCHAT_MAX_MESSAGE_LENGTH: count(2000, 10_000),
  /** Days a conversation is kept for a returning browser. */
  WEBCHAT_KEEP_DAYS: count(30, 365),
  /** Sites allowed to embed the chat in a frame (CSP frame-ancestors), space-separated; default any. */
  WEBCHAT_FRAME_ANCESTORS: z.preprocess(emptyAsUndefined, z.string().default('*')),
});

export interface WebChatSettings {
  /** Where a browser opens the chat, for the start-up line. */
  url: string;
  ratePerMinute: number;
  conversationRatePerMinute: number;
  conversationsPerHour: number;
  maxMessageLength: number;
  keepDays: number;
  frameAncestors: string;
}

export type WebChatSetup = { on: true; settings: WebChatSettings } | { on: false; reason: string };

export function webChatSetup(env: Environment): WebChatSetup {
  const parsed = schema.safeParse(env);
  if (!parsed.success)
    throw new ConfigError(parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`));
  const config = parsed.data;
  if (config.WEBCHAT_ENABLED === 'false') return { on: false, reason: 'WEBCHAT_ENABLED=false' };
  if (/[;,\n]/.test(config.WEBCHAT_FRAME_ANCESTORS))
    throw new ConfigError([
      'WEBCHAT_FRAME_ANCESTORS: origins separated by spaces, such as https://www.example.com',
    ]);
  const base = (config.PUBLIC_BASE_URL ?? `http://localhost:${config.PORT}`).replace(/\/+$/, '');
  return {
    on: true,
    settings: Object.freeze({
      url: `${base}/chat`,
      ratePerMinute: config.WEBCHAT_RATE_PER_MINUTE,
      conversationRatePerMinute: config.WEBCHAT_CONVERSATION_RATE_PER_MINUTE,
      conversationsPerHour: config.WEBCHAT_CONVERSATIONS_PER_HOUR,
      maxMessageLength: config.WEBCHAT_MAX_MESSAGE_LENGTH,
      keepDays: config.WEBCHAT_KEEP_DAYS,
      frameAncestors: config.WEBCHAT_FRAME_ANCESTORS,
    }),
  };
}
