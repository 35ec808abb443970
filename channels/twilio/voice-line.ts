/**
 * The pieces every voice webhook shares: URLs of our own callbacks (absolute, from PUBLIC_BASE_URL,
 * because Twilio signs the URL it calls), texts in the caller's language, the call's state, and the
 * two ways a call reaches a person — put through in business hours, a callback promise otherwise.
 */
import { customerIdFor, identityOf } from '../../src/conversation/keys.js';
import type { Lang } from '../../src/engine/types.js';
import type { Runtime } from '../../src/runtime.js';
import { type CallState, type CallStateStore, callStateStore } from './call-state.js';
import { maskNumber, type TwilioSettings } from './settings.js';
import type { CallbackPayload, CallbackResult, TransferPayload } from './voice-commands.js';
import { type VoiceTextKey, voiceText } from './voice-texts.js';
import { dialTwiml, gatherTwiml, type Spoken, sayTwiml } from './voice-twiml.js';

export const VOICE_PATH = '/webhooks/twilio/voice';
export const GATHER_PATH = '/webhooks/twilio/voice/gather';
export const DIAL_STATUS_PATH = '/webhooks/twilio/voice/dial-status';
export const WHISPER_PATH = '/webhooks/twilio/voice/whisper';

export class VoiceLine {
  readonly calls: CallStateStore;

  constructor(
    readonly runtime: Runtime,
    readonly settings: TwilioSettings,
  ) {
    this.calls = callStateStore(runtime.redis, runtime.config.REDIS_KEY_PREFIX);
  }

  url(path: string, query: Record<string, string | number>): string {
    const search = new URLSearchParams(
      Object.entries(query).map(([key, value]): [string, string] => [key, String(value)]),
    );
    return `${this.settings.publicBaseUrl}${path}?${search}`;
  }

  line(key: VoiceTextKey, lang: Lang, extra: Record<string, unknown> = {}): Spoken {
    const values = this.runtime.services.templateValues(lang);
    return {
      text: voiceText(this.runtime.content.bundle.bot.channel_texts.voice, key, lang, values, extra),
      lang,
    };
  }

  /** Asks, listens, and remembers what was asked (to ask again after silence). */
  async ask(callSid: string, n: number, state: CallState, preface: Spoken[] = []): Promise<string> {
    await this.calls.set(callSid, state);
    return gatherTwiml(this.settings.voices, [...preface, ...state.spoken], {
      ...state.gather,
      action: this.url(GATHER_PATH, { n }),
      lang: state.lang,
    });
  }

  goodbye(lang: Lang, before: Spoken[] = []): string {
    return sayTwiml(this.settings.voices, [...before, this.line('goodbye', lang)]);
  }

  /**
   * The caller asked for a person and the case `ref` is escalated. In business hours, with a transfer
   * target, the call is put through (the person answering hears the reference); otherwise the caller
   * hears the callback promise and gets it by SMS.
   */
  async handOff(input: {
    callSid: string;
    n: number;
    customerId: string;
    ref: string;
    lang: Lang;
    spoken: Spoken[];
  }): Promise<string> {
    const { runtime, settings } = this;
    const open = runtime.services.businessHours(runtime.clock.now()).open;
    const target = settings.transferTarget;
    if (open && target) {
      const payload: TransferPayload = {
        callSid: input.callSid,
        outcome: 'dialing',
        target: target.kind === 'number' ? maskNumber(target.value) : target.value,
      };
      await runtime.desk.command(input.customerId, 'voice.transfer', payload, {
        id: `transfer-${input.callSid}-${input.n}`,
        caseRef: input.ref,
      });
      await this.calls.set(input.callSid, {
        lang: input.lang,
        pinned: false,
        stage: 'transfer',
        spoken: [],
        gather: {},
        quiet: 0,
      });
      return dialTwiml(settings.voices, input.spoken, {
        target,
        timeout: settings.dialTimeoutSeconds,
        action: this.url(DIAL_STATUS_PATH, { ref: input.ref, lang: input.lang }),
        whisperUrl: this.url(WHISPER_PATH, { ref: input.ref, lang: input.lang }),
      });
    }
    const callback = await this.promiseCallback({
      callSid: input.callSid,
      customerId: input.customerId,
      ref: input.ref,
      lang: input.lang,
      reason: open ? 'no_transfer_target' : 'after_hours',
    });
    return this.goodbye(input.lang, [{ text: callback.text, lang: input.lang }]);
  }

  /** Records the callback request (once per call) and queues the confirming SMS. */
  async promiseCallback(input: {
    callSid: string;
    customerId: string;
    ref: string;
    lang: Lang;
    reason: string;
  }): Promise<CallbackResult> {
    const payload: CallbackPayload = { callSid: input.callSid, lang: input.lang, reason: input.reason };
    const result = await this.runtime.desk.command<CallbackResult | { skipped: string }>(
      input.customerId,
      'voice.callback',
      payload,
      { id: `callback-${input.callSid}`, caseRef: input.ref },
    );
    if ('text' in result) return result;
    throw new Error(`callback for case ${input.ref} not recorded: ${result.skipped}`);
  }

  /** The customer id of a case, or of the caller's number if the case is unknown. */
  async customerOf(ref: string | undefined, from: string): Promise<string> {
    const byRef = ref ? await this.runtime.cases.customerOf(ref) : null;
    return byRef ?? customerIdFor(identityOf('voice', from));
  }
}
