/**
 * What the phone line remembers about a call between two webhooks: the caller's language, what was
 * asked last (to ask it again after silence or a word not caught), and how many silences in a row.
 * The conversation itself lives in the customer's session like on every channel; this is only the
 * call's own state, keyed by CallSid and forgotten a few hours after the call.
 */
import type { ChannelStore } from '../../src/port/channel.js';
import type { Lang } from '../../src/port/messages.js';
import type { GatherSpec, Spoken } from './voice-twiml.js';

export interface CallState {
  lang: Lang;
  /** The caller chose the language on the keypad: the engine is told, not left to guess. */
  pinned: boolean;
  /** `menu`: the greeting (8/9 switch language); `flow`: a question is open; `closing`: "anything else?". */
  stage: 'menu' | 'flow' | 'closing' | 'transfer';
  /** The last prompt, to repeat it. */
  spoken: Spoken[];
  gather: Omit<GatherSpec, 'action' | 'lang'>;
  /** Silences in a row. */
  quiet: number;
}

const KEEP_SECONDS = 6 * 3600;

export function callStateStore(store: () => ChannelStore) {
  return {
    get: (callSid: string) => store().get<CallState>(`call:${callSid}`),
    set: (callSid: string, state: CallState) => store().set(`call:${callSid}`, state, KEEP_SECONDS),
  };
}

export type CallStateStore = ReturnType<typeof callStateStore>;
