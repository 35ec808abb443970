/**
 * The pieces every voice webhook shares: URLs of our own callbacks (absolute, from PUBLIC_BASE_URL,
 * because Twilio signs the URL it calls), texts in the caller's language, the call's state, and the
 * two ways a call reaches a person — put through in business hours, a callback promise otherwise.
 */
import type { CallbackResult, ChannelContext } from '../../src/port/channel.js';
import type { Lang } from '../../src/port/messages.js';
import { type CallState, type CallStateStore, callStateStore } from './call-state.js';
import { maskNumber, type TwilioSettings } from './settings.js';
import { type VoiceTextKey, voiceText } from './voice-texts.js';
import { dialTwiml, gatherTwiml, type Spoken, sayTwiml } from './voice-twiml.js';

export const VOICE_PATH = '/webhooks/twilio/voice';
export const GATHER_PATH = '/webhooks/twilio/voice/gather';
export const DIAL_STATUS_PATH = '/webhooks/twilio/voice/dial-status';
export const WHISPER_PATH = '/webhooks/twilio/voice/whisper';

export class VoiceLine {
  readonly calls: CallStateStore;

  private started: ChannelContext | null = null;

  constructor(readonly settings: TwilioSettings) {
    this.calls = callStateStore(() => this.context.store);
  }

  start(context: ChannelContext): void {
    this.started = context;
  }

  get context(): ChannelContext {
    if (!this.started) throw new Error('the voice channel is not started');
    return this.started;
  }

  url(path: string, query: Record<string, string | number>): string {
    const search = new URLSearchParams(
      Object.entries(query).map(([key, value]): [string, string] => [key, String(value)]),
    );
    return `${this.settings.publicBaseUrl}${path}?${search}`;
  }

  line(key: VoiceTextKey, lang: Lang, extra: Record<string, unknown> = {}): Spoken {
    return { text: voiceText(this.context, key, lang, extra), lang };
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
    /** The caller's number. */
    from: string;
    ref: string;
    lang: Lang;
    spoken: Spoken[];
  }): Promise<string> {
    const { settings } = this;
    const open = this.context.isOpen();
    const target = settings.transferTarget;
    if (open && target) {
      await this.context.reportTransfer({
        address: input.from,
        ref: input.ref,
        callId: `${input.callSid}-${input.n}`,
        outcome: 'dialing',
        target: target.kind === 'number' ? maskNumber(target.value) : target.value,
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
      from: input.from,
      ref: input.ref,
      lang: input.lang,
      reason: open ? 'no_transfer_target' : 'after_hours',
    });
    return this.goodbye(input.lang, callback ? [{ text: callback.text, lang: input.lang }] : []);
  }

  /** Records the callback request (once per call); the desk queues the confirming text. */
  promiseCallback(input: {
    callSid: string;
    from: string;
    ref: string;
    lang: Lang;
    reason: string;
  }): Promise<CallbackResult | null> {
    return this.context.requestCallback({
      address: input.from,
      ref: input.ref,
      callId: input.callSid,
      lang: input.lang,
      reason: input.reason,
    });
  }
}
