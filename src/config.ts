/**
 * All settings come from the environment (and `.env` if present), are parsed here once with zod, and
 * are frozen. Every problem is reported in one message that names the variable.
 * The names operators configure are fixed (docs/settings.md). Each channel reads its own settings with its own
 * schema (channels/…/settings.ts); they are checked here, together with these, in one message.
 */
import { existsSync } from 'node:fs';
import { isIP } from 'node:net';
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

const postgresUrl = z.preprocess(
  emptyAsUndefined,
  z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
    .optional(),
);

const hostPorts = z.preprocess(
  emptyAsUndefined,
  z
    .string()
    .regex(/^\s*[^\s:,]+:\d{1,5}\s*(,\s*[^\s:,]+:\d{1,5}\s*)*$/, 'must be host:port,host:port')
    .optional(),
);

/**
 * Which proxies' `X-Forwarded-For` to believe: off (the connecting address is the client), a hop count,
 * or proxies' addresses and CIDRs. Believing every proxy would let any client name its own address.
 */
const trustProxy = z.preprocess(
  emptyAsUndefined,
  z
    .string()
    .default('false')
    .transform((value, ctx): false | number | string[] => {
      const text = value.trim().toLowerCase();
      if (['false', 'off', 'no', '0'].includes(text)) return false;
      if (/^\d+$/.test(text)) return Number(text);
      const list = text.split(',').map((item) => item.trim());
      const bad = list.find((item) => !isAddressOrCidr(item));
      if (bad === undefined) return list;
      ctx.addIssue({
        code: 'custom',
        message: `a hop count (1) or addresses and CIDRs of your proxies (10.0.0.0/8,192.0.2.7), not "${bad}"`,
      });
      return z.NEVER;
    }),
);

function isAddressOrCidr(value: string): boolean {
  const [address = '', bits, more] = value.split('/');
  const version = isIP(address);
  if (version === 0 || more !== undefined) return false;
  if (bits === undefined) return true;
  return /^\d{1,3}$/.test(bits) && Number(bits) <= (version === 4 ? 32 : 128);
}

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
  TRUST_PROXY: trustProxy,
  REDIS_URL: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .regex(/^rediss?(\+cluster)?:\/\//, 'must start with redis://, rediss:// or redis+cluster://')
      .default('redis://127.0.0.1:6379'),
  ),
  /** A Redis Cluster: some of its nodes, `host:port,host:port` (the client finds the rest). */
  REDIS_CLUSTER_NODES: hostPorts,
  /** A primary found through Sentinel: the sentinels, `host:port,host:port`, and the primary's name. */
  REDIS_SENTINELS: hostPorts,
  REDIS_SENTINEL_NAME: z.preprocess(emptyAsUndefined, z.string().default('mymaster')),
  /** Password for the cluster's or Sentinel's nodes (a single server takes it in REDIS_URL). */
  REDIS_PASSWORD: optionalString,
  /** The record's PostgreSQL; unset: an embedded server with its files under ./data/pg. */
  DATABASE_URL: postgresUrl,
  /** A read replica of it that serves reports (optional). */
  DATABASE_READ_URL: postgresUrl,
  /** Days a closed case stays in Redis once it is recorded; after that it is read from the record. */
  HOT_DAYS: z.preprocess(emptyAsUndefined, z.coerce.number().min(0).default(7)),
  /**
   * Off only to measure what the record costs (`npm run bench`): commits then leave nothing for the
   * recorder, and the record misses them for good.
   */
  RECORD_STREAMS: bool(true),
  /** Closed cases older than this many days lose their transcript and personal fields (0: never). */
  RETENTION_DAYS: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(0).default(0)),
  /** Bearer token for /readyz and /metrics; without it they answer on loopback only. */
  METRICS_TOKEN: optionalString,
  /** Start a private redis-server under ./data/redis even if REDIS_URL is set or 6379 answers. */
  REDIS_EMBEDDED: bool(false),
  /** Prefix for every key this app writes, so several deployments can share one Redis. */
  REDIS_KEY_PREFIX: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .regex(/^[A-Za-z0-9_.-]+$/, 'letters, digits, _ . - only')
      .default('sb'),
  ),
  FLOWS_DIR: z.preprocess(emptyAsUndefined, z.string().default('flows')),
  /** Where customers' files (attachments, pictures, voice notes) are kept: on disk, never in Redis. */
  FILES_DIR: z.preprocess(emptyAsUndefined, z.string().default('data/files')),
  /** Largest file kept (bytes). */
  FILES_MAX_BYTES: z.preprocess(
    emptyAsUndefined,
    z.coerce
      .number()
      .int()
      .min(1)
      .default(10 * 1024 * 1024),
  ),
  /** Bytes and files one sender may have kept a day. */
  FILES_PER_SENDER_DAY_BYTES: z.preprocess(
    emptyAsUndefined,
    z.coerce
      .number()
      .int()
      .min(1)
      .default(50 * 1024 * 1024),
  ),
  FILES_PER_SENDER_DAY: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(1).default(50)),
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
  OUTBOX_CONCURRENCY: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(1).max(1000).default(32)),
  FOLLOWUP_DELAY_HOURS: z.preprocess(emptyAsUndefined, z.coerce.number().min(0).default(72)),
  REOPEN_WITHIN_DAYS: z.preprocess(emptyAsUndefined, z.coerce.number().min(0).default(7)),
  /** Words that flag a staff reply for the service review (comma-separated); unset: the built-in list. */
  REVIEW_FLAG_WORDS: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .transform((value) =>
        value
          .split(/[,，]/)
          .map((word) => word.trim())
          .filter(Boolean),
      )
      .pipe(z.array(z.string().max(40, 'each word at most 40 characters')).max(200))
      .optional(),
  ),
  /** Where the monthly product report goes (comma-separated addresses); unset: no monthly mail. */
  REPORT_EMAIL_TO: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .transform((value) =>
        value
          .split(',')
          .map((address) => address.trim())
          .filter(Boolean),
      )
      .pipe(z.array(z.email('must be email addresses separated by commas')).max(20))
      .optional(),
  ),
});

export type Config = Readonly<
  z.infer<typeof envSchema> & {
    /** The environment as given, for channel adapters reading their own settings (channels/…/settings.ts). */
    env: Readonly<Record<string, string | undefined>>;
  }
>;

/** Reads one group of settings the base schema does not know (a channel's); throws ConfigError. */
export interface SettingsReader {
  settings(env: Readonly<Record<string, string | undefined>>): unknown;
}

export class ConfigError extends Error {
  readonly code = 'SUPPORT_ERR_CONFIG_INVALID';
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/**
 * Parses the environment, with the settings of each channel given. Throws one ConfigError listing
 * every problem at once, the base settings' and every channel's.
 */
export function loadConfig(
  env: NodeJS.ProcessEnv = process.env,
  channels: readonly SettingsReader[] = [],
): Config {
  const parsed = envSchema.safeParse(env);
  const problems = parsed.success
    ? []
    : parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
  const raw = Object.freeze({ ...env });
  for (const channel of channels) {
    try {
      channel.settings(raw);
    } catch (error) {
      if (error instanceof ConfigError) problems.push(...error.problems);
      else throw error;
    }
  }
  // Channels sharing a provider (SMS and voice) read the same settings: each problem once.
  if (!parsed.success || problems.length > 0) throw new ConfigError([...new Set(problems)]);
  return Object.freeze({ ...parsed.data, env: raw });
}

/** Reads `.env` into process.env if the file exists (variables already set win). */
export function loadDotEnv(file = '.env'): void {
  if (existsSync(file)) process.loadEnvFile(file);
}
