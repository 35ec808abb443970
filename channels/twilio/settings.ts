/**
 * The Twilio settings both phone channels (SMS and voice) need, read from the environment with this
 * channel's own schema and frozen: names, formats and cross-dependencies (E.164 numbers, a transfer
 * target Twilio can dial), so a wrong value fails start-up with a message that names the setting.
 */
import { z } from 'zod';
import { ConfigError } from '../../src/config.js';
import type { Environment } from '../../src/port/channel.js';
import type { Lang } from '../../src/port/messages.js';

const emptyAsUndefined = (value: unknown) => (value === '' ? undefined : value);
const optional = z.preprocess(emptyAsUndefined, z.string().optional());
const withDefault = (fallback: string) => z.preprocess(emptyAsUndefined, z.string().default(fallback));
const number = (schema: z.ZodNumber, fallback: number) =>
  z.preprocess(emptyAsUndefined, z.coerce.number().pipe(schema).default(fallback));

/** Every setting the Twilio channels read; the names operators configure (docs/settings.md). */
const twilioEnvSchema = z.object({
  PUBLIC_BASE_URL: z.preprocess(
    emptyAsUndefined,
    z.url({ message: 'must be a URL such as https://support.example.com' }).optional(),
  ),
  TWILIO_ACCOUNT_SID: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .regex(/^AC[0-9a-fA-F]{32}$/, 'must be AC followed by 32 hex digits')
      .optional(),
  ),
  TWILIO_AUTH_TOKEN: optional,
  TWILIO_FROM_NUMBER: optional,
  TWILIO_MESSAGING_SERVICE_SID: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .regex(/^MG[0-9a-fA-F]{32}$/, 'must be MG followed by 32 hex digits')
      .optional(),
  ),
  TWILIO_API_BASE_URL: z.preprocess(
    emptyAsUndefined,
    z.url({ message: 'must be a URL such as http://127.0.0.1:4010' }).optional(),
  ),
  SUPPORT_PHONE_NUMBER: optional,
  SMS_SEGMENT_BUDGET: number(z.number().int().min(1).max(10), 4),
  /** Text-to-speech voice for Chinese and English callers (Twilio <Say voice>). */
  TWILIO_VOICE_ZH: withDefault('Polly.Zhiyu'),
  TWILIO_VOICE_EN: withDefault('Polly.Joanna'),
  /** Speech-recognition language of <Gather> for Chinese and English callers. */
  TWILIO_SPEECH_LANGUAGE_ZH: withDefault('cmn-Hans-CN'),
  TWILIO_SPEECH_LANGUAGE_EN: withDefault('en-US'),
  /** Speech recognised with less confidence than this is asked again, not taken as an answer. */
  TWILIO_SPEECH_CONFIDENCE_MIN: number(z.number().min(0).max(1), 0.5),
  /** Seconds a transferred call rings at SUPPORT_PHONE_NUMBER before the caller gets a callback promise. */
  TWILIO_DIAL_TIMEOUT_SECONDS: number(z.number().int().min(5).max(120), 20),
});

/** Where a call is put through to: a phone number (`<Number>`) or a SIP address (`<Sip>`). */
export type TransferTarget = { kind: 'number'; value: string } | { kind: 'sip'; value: string };

export interface VoiceLanguage {
  /** `<Say voice>`, e.g. Polly.Zhiyu. */
  voice: string;
  /** `<Say language>`. */
  sayLanguage: string;
  /** `<Gather language>` (speech recognition). */
  speechLanguage: string;
}

export interface TwilioSettings {
  accountSid: string;
  authToken: string;
  /** E.164 number SMS are sent from, if set. */
  fromNumber?: string;
  /** Messaging Service SID, if set (Twilio picks the sender from the service's pool). */
  messagingServiceSid?: string;
  /** Where the REST client sends requests instead of https://api.twilio.com (proxy or local stand-in). */
  apiBaseUrl?: string;
  /** The public URL Twilio calls, without a trailing slash: signatures are checked against it. */
  publicBaseUrl: string;
  transferTarget?: TransferTarget;
  segmentBudget: number;
  voices: Record<Lang, VoiceLanguage>;
  speechConfidenceMin: number;
  dialTimeoutSeconds: number;
}

export type TwilioSetup = { on: true; settings: TwilioSettings } | { on: false; reason: string };

const E164 = /^\+[1-9]\d{6,14}$/;
const SIP = /^sip:[^\s@]+@[^\s]+$/i;

/** `+8613800138000` → `+86*******8000`: numbers in status lines are shown, but not in full. */
export function maskNumber(value: string): string {
  return value.length > 6 ? `${value.slice(0, 3)}${'*'.repeat(value.length - 7)}${value.slice(-4)}` : value;
}

function transferTarget(value: string | undefined, problems: string[]): TransferTarget | undefined {
  if (!value) return undefined;
  const compact = value.replace(/[\s()-]/g, '');
  if (E164.test(compact)) return { kind: 'number', value: compact };
  if (SIP.test(value.trim())) return { kind: 'sip', value: value.trim() };
  problems.push('SUPPORT_PHONE_NUMBER: must be an E.164 number such as +861012345678 or a sip: address');
  return undefined;
}

/**
 * The Twilio setup from the configuration: off (with the reason for the start-up line) when no Twilio
 * setting is present, on with frozen settings, or a ConfigError naming each wrong setting.
 */
export function twilioSetup(env: Environment): TwilioSetup {
  const parsed = twilioEnvSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`));
  }
  const config = parsed.data;
  const present = [
    'TWILIO_ACCOUNT_SID',
    'TWILIO_AUTH_TOKEN',
    'TWILIO_FROM_NUMBER',
    'TWILIO_MESSAGING_SERVICE_SID',
    'TWILIO_API_BASE_URL',
  ] as const;
  const given = present.filter((name) => config[name]);
  if (given.length === 0) return { on: false, reason: 'TWILIO_ACCOUNT_SID not set' };

  const problems: string[] = [];
  if (!config.TWILIO_ACCOUNT_SID) problems.push(`TWILIO_ACCOUNT_SID: required when ${given[0]} is set`);
  if (!config.TWILIO_AUTH_TOKEN) problems.push(`TWILIO_AUTH_TOKEN: required when ${given[0]} is set`);
  if (!config.TWILIO_FROM_NUMBER && !config.TWILIO_MESSAGING_SERVICE_SID)
    problems.push('TWILIO_FROM_NUMBER: set it or TWILIO_MESSAGING_SERVICE_SID to send SMS');
  if (config.TWILIO_FROM_NUMBER && !E164.test(config.TWILIO_FROM_NUMBER))
    problems.push('TWILIO_FROM_NUMBER: must be an E.164 number such as +8613800138000');
  const base = config.PUBLIC_BASE_URL;
  if (!base) problems.push('PUBLIC_BASE_URL: required to check Twilio signatures');
  else {
    const url = new URL(base);
    if (url.protocol !== 'https:' && url.protocol !== 'http:')
      problems.push('PUBLIC_BASE_URL: must be an http(s) URL');
    if (url.search || url.hash)
      problems.push('PUBLIC_BASE_URL: must not have a query or fragment (Twilio signs the exact URL)');
  }
  const target = transferTarget(config.SUPPORT_PHONE_NUMBER, problems);
  if (problems.length > 0) throw new ConfigError(problems);

  const settings: TwilioSettings = {
    accountSid: config.TWILIO_ACCOUNT_SID!,
    authToken: config.TWILIO_AUTH_TOKEN!,
    ...(config.TWILIO_FROM_NUMBER ? { fromNumber: config.TWILIO_FROM_NUMBER } : {}),
    ...(config.TWILIO_MESSAGING_SERVICE_SID
      ? { messagingServiceSid: config.TWILIO_MESSAGING_SERVICE_SID }
      : {}),
    ...(config.TWILIO_API_BASE_URL ? { apiBaseUrl: config.TWILIO_API_BASE_URL.replace(/\/+$/, '') } : {}),
    publicBaseUrl: base!.replace(/\/+$/, ''),
    ...(target ? { transferTarget: target } : {}),
    segmentBudget: config.SMS_SEGMENT_BUDGET,
    voices: {
      zh: {
        voice: config.TWILIO_VOICE_ZH,
        sayLanguage: 'zh-CN',
        speechLanguage: config.TWILIO_SPEECH_LANGUAGE_ZH,
      },
      en: {
        voice: config.TWILIO_VOICE_EN,
        sayLanguage: 'en-US',
        speechLanguage: config.TWILIO_SPEECH_LANGUAGE_EN,
      },
    },
    speechConfidenceMin: config.TWILIO_SPEECH_CONFIDENCE_MIN,
    dialTimeoutSeconds: config.TWILIO_DIAL_TIMEOUT_SECONDS,
  };
  return { on: true, settings: Object.freeze(settings) };
}
