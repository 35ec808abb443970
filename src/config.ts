/**
 * All settings come from the environment (and `.env` if present), are parsed here once with zod, and
 * are frozen. Every problem is reported in one message that names the variable.
 * DESIGN.md §4 fixes the names operators configure in Twilio, Azure and their mail server.
 */
import { existsSync } from 'node:fs';
import { z } from 'zod';

const emptyAsUndefined = (value: unknown) => (value === '' ? undefined : value);
const optionalString = z.preprocess(emptyAsUndefined, z.string().optional());
const bool = (fallback: boolean) =>
  z.preprocess(
    emptyAsUndefined,
    z
      .enum(['true', 'false', '1', '0', 'yes', 'no'], { message: 'must be true or false' })
      .optional()
      .transform((value) => (value === undefined ? fallback : ['true', '1', 'yes'].includes(value))),
  );
const port = (fallback?: number) =>
  z.preprocess(
    emptyAsUndefined,
    fallback === undefined
      ? z.coerce.number().int().min(1).max(65535).optional()
      : z.coerce.number().int().min(1).max(65535).default(fallback),
  );
const url = z.preprocess(
  emptyAsUndefined,
  z.url({ message: 'must be a URL such as https://support.example.com' }).optional(),
);

const envSchema = z.object({
  NODE_ENV: z.preprocess(
    emptyAsUndefined,
    z.enum(['development', 'production', 'test']).default('development'),
  ),
  LOG_LEVEL: z.preprocess(
    emptyAsUndefined,
    z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  ),
  PORT: port(3978),
  HOST: z.preprocess(emptyAsUndefined, z.string().default('0.0.0.0')),
  PUBLIC_BASE_URL: url,
  REDIS_URL: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .regex(/^rediss?:\/\//, 'must start with redis:// or rediss://')
      .default('redis://127.0.0.1:6379'),
  ),
  /** Prefix for every key this app writes, so several deployments can share one Redis. */
  REDIS_KEY_PREFIX: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .regex(/^[A-Za-z0-9_.-]+$/, 'letters, digits, _ . - only')
      .default('sb'),
  ),
  FLOWS_DIR: z.preprocess(emptyAsUndefined, z.string().default('flows')),
  /** Region used to read phone numbers written without a country code. */
  DEFAULT_PHONE_REGION: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .regex(/^[A-Z]{2}$/, 'must be a two-letter country code such as CN')
      .default('CN'),
  ),
  OUTBOX_ATTEMPTS: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(1).max(100).default(20)),
  OUTBOX_BACKOFF_MS: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(10).default(2000)),
  FOLLOWUP_DELAY_HOURS: z.preprocess(emptyAsUndefined, z.coerce.number().min(0).default(72)),
  REOPEN_WITHIN_DAYS: z.preprocess(emptyAsUndefined, z.coerce.number().min(0).default(7)),

  MicrosoftAppId: optionalString,
  MicrosoftAppPassword: optionalString,
  MicrosoftAppType: z.preprocess(
    emptyAsUndefined,
    z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI']).optional(),
  ),
  MicrosoftAppTenantId: optionalString,

  TWILIO_ACCOUNT_SID: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .regex(/^AC[0-9a-fA-F]{32}$/, 'must be AC followed by 32 hex digits')
      .optional(),
  ),
  TWILIO_AUTH_TOKEN: optionalString,
  TWILIO_FROM_NUMBER: optionalString,
  TWILIO_MESSAGING_SERVICE_SID: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .regex(/^MG[0-9a-fA-F]{32}$/, 'must be MG followed by 32 hex digits')
      .optional(),
  ),
  TWILIO_API_BASE_URL: url,
  SUPPORT_PHONE_NUMBER: optionalString,
  SMS_SEGMENT_BUDGET: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(1).max(10).default(4)),
  /** Text-to-speech voice for Chinese and English callers (Twilio <Say voice>). */
  TWILIO_VOICE_ZH: z.preprocess(emptyAsUndefined, z.string().default('Polly.Zhiyu')),
  TWILIO_VOICE_EN: z.preprocess(emptyAsUndefined, z.string().default('Polly.Joanna')),
  /** Speech-recognition language of <Gather> for Chinese and English callers. */
  TWILIO_SPEECH_LANGUAGE_ZH: z.preprocess(emptyAsUndefined, z.string().default('cmn-Hans-CN')),
  TWILIO_SPEECH_LANGUAGE_EN: z.preprocess(emptyAsUndefined, z.string().default('en-US')),
  /** Speech recognised with less confidence than this is asked again, not taken as an answer. */
  TWILIO_SPEECH_CONFIDENCE_MIN: z.preprocess(emptyAsUndefined, z.coerce.number().min(0).max(1).default(0.5)),
  /** Seconds a transferred call rings at SUPPORT_PHONE_NUMBER before the caller gets a callback promise. */
  TWILIO_DIAL_TIMEOUT_SECONDS: z.preprocess(
    emptyAsUndefined,
    z.coerce.number().int().min(5).max(120).default(20),
  ),

  IMAP_HOST: optionalString,
  IMAP_PORT: port(),
  IMAP_SECURE: bool(true),
  IMAP_USER: optionalString,
  IMAP_PASSWORD: optionalString,
  IMAP_MAILBOX: z.preprocess(emptyAsUndefined, z.string().default('INBOX')),
  SMTP_HOST: optionalString,
  SMTP_PORT: port(),
  SMTP_SECURE: bool(false),
  SMTP_USER: optionalString,
  SMTP_PASSWORD: optionalString,
  SUPPORT_EMAIL_FROM: optionalString,
});

export type Config = Readonly<z.infer<typeof envSchema>>;

export class ConfigError extends Error {
  readonly code = 'SUPPORT_ERR_CONFIG_INVALID';
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Settings that only make sense together: present-but-incomplete is an error naming what is missing. */
function crossCheck(env: z.infer<typeof envSchema>): string[] {
  const problems: string[] = [];
  const twilioAny = env.TWILIO_ACCOUNT_SID || env.TWILIO_AUTH_TOKEN || env.TWILIO_FROM_NUMBER;
  if (twilioAny) {
    if (!env.TWILIO_ACCOUNT_SID)
      problems.push('TWILIO_ACCOUNT_SID: required when other TWILIO_* settings are set');
    if (!env.TWILIO_AUTH_TOKEN)
      problems.push('TWILIO_AUTH_TOKEN: required when other TWILIO_* settings are set');
    if (!env.TWILIO_FROM_NUMBER && !env.TWILIO_MESSAGING_SERVICE_SID) {
      problems.push('TWILIO_FROM_NUMBER: set it or TWILIO_MESSAGING_SERVICE_SID to send SMS');
    }
    if (!env.PUBLIC_BASE_URL) problems.push('PUBLIC_BASE_URL: required to check Twilio signatures');
  }
  if (env.MicrosoftAppPassword && !env.MicrosoftAppId) {
    problems.push('MicrosoftAppId: required when MicrosoftAppPassword is set');
  }
  if (env.IMAP_HOST) {
    for (const name of ['IMAP_USER', 'IMAP_PASSWORD', 'SMTP_HOST', 'SUPPORT_EMAIL_FROM'] as const) {
      if (!env[name]) problems.push(`${name}: required when IMAP_HOST is set (the email channel)`);
    }
  }
  return problems;
}

/** Parses the environment. Throws ConfigError listing every problem at once. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`));
  }
  const problems = crossCheck(parsed.data);
  if (problems.length > 0) throw new ConfigError(problems);
  return Object.freeze(parsed.data);
}

/** Reads `.env` into process.env if the file exists (variables already set win). */
export function loadDotEnv(file = '.env'): void {
  if (existsSync(file)) process.loadEnvFile(file);
}
