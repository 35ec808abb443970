/**
 * The Twilio settings both phone channels (SMS and voice) need, read once from the parsed configuration
 * and frozen. src/config.ts already checks names and cross-dependencies; this adds the checks only a
 * Twilio channel cares about (E.164 numbers, a transfer target Twilio can dial), so a wrong value fails
 * start-up with a message that names the setting.
 */
import type { Config } from '../../src/config.js';
import { ConfigError } from '../../src/config.js';
import type { Lang } from '../../src/engine/types.js';

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
export function twilioSetup(config: Config): TwilioSetup {
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
