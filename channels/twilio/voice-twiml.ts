/**
 * TwiML for the phone line, built with the SDK's VoiceResponse (it escapes the text). Each spoken line
 * carries its language, so a Chinese greeting can offer English in an English voice.
 * `<Gather input="speech dtmf" actionOnEmptyResult>` posts to its action even when the caller says
 * nothing, so silence is handled in one place (the gather webhook) instead of by trailing verbs.
 * Languages: STACK-NOTES §4(b) — the Gather language type has no 'zh-CN' (cmn-Hans-CN is used, and it
 * is configurable), so the configured strings are cast.
 */
import twilio from 'twilio';
import type VoiceResponse from 'twilio/lib/twiml/VoiceResponse.js';
import type { Lang } from '../../src/port/messages.js';
import type { TransferTarget, VoiceLanguage } from './settings.js';

export interface Spoken {
  text: string;
  lang: Lang;
}

export interface GatherSpec {
  action: string;
  lang: Lang;
  hints?: string[];
  /** One key answers a menu; free answers (a phone number) end with '#'. */
  numDigits?: number;
  finishOnKey?: string;
}

export type Voices = Record<Lang, VoiceLanguage>;

/** Seconds Twilio waits for the caller to start answering. */
const GATHER_TIMEOUT_SECONDS = 6;

type SayVoice = NonNullable<VoiceResponse.SayAttributes['voice']>;
type SayLanguage = NonNullable<VoiceResponse.SayAttributes['language']>;
type GatherLanguage = NonNullable<VoiceResponse.GatherAttributes['language']>;

function say(target: VoiceResponse | VoiceResponse.Gather, voices: Voices, line: Spoken): void {
  const voice = voices[line.lang];
  target.say({ voice: voice.voice as SayVoice, language: voice.sayLanguage as SayLanguage }, line.text);
}

/** Says the lines inside a Gather that takes speech or keys and posts the answer to `action`. */
export function gatherTwiml(voices: Voices, lines: Spoken[], spec: GatherSpec): string {
  const response = new twilio.twiml.VoiceResponse();
  const gather = response.gather({
    input: ['speech', 'dtmf'],
    language: voices[spec.lang].speechLanguage as GatherLanguage,
    action: spec.action,
    method: 'POST',
    timeout: GATHER_TIMEOUT_SECONDS,
    speechTimeout: 'auto',
    actionOnEmptyResult: true,
    ...(spec.hints?.length ? { hints: spec.hints.join(', ') } : {}),
    ...(spec.numDigits ? { numDigits: spec.numDigits } : {}),
    ...(spec.finishOnKey ? { finishOnKey: spec.finishOnKey } : {}),
  });
  for (const line of lines) say(gather, voices, line);
  return response.toString();
}

/** Says the lines, then hangs up. */
export function sayTwiml(voices: Voices, lines: Spoken[]): string {
  const response = new twilio.twiml.VoiceResponse();
  for (const line of lines) say(response, voices, line);
  response.hangup();
  return response.toString();
}

/** Says the lines only (a whisper to the person answering a transfer). */
export function announceTwiml(voices: Voices, lines: Spoken[]): string {
  const response = new twilio.twiml.VoiceResponse();
  for (const line of lines) say(response, voices, line);
  return response.toString();
}

/**
 * Says the lines and puts the call through to the support line. `action` hears how the transfer
 * ended (nobody answered → callback promise); `whisperUrl` is played to whoever answers.
 */
export function dialTwiml(
  voices: Voices,
  lines: Spoken[],
  dial: { target: TransferTarget; timeout: number; action?: string; whisperUrl?: string },
): string {
  const response = new twilio.twiml.VoiceResponse();
  for (const line of lines) say(response, voices, line);
  const verb = response.dial({
    timeout: dial.timeout,
    ...(dial.action ? { action: dial.action, method: 'POST' } : {}),
  });
  const whisper = dial.whisperUrl ? { url: dial.whisperUrl, method: 'POST' } : {};
  if (dial.target.kind === 'sip') verb.sip(whisper, dial.target.value);
  else verb.number(whisper, dial.target.value);
  if (!dial.action) response.hangup();
  return response.toString();
}
