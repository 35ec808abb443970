/**
 * A medium profile: how a conversation is shaped on one kind of channel. The engine and the desk ask
 * the profile (never the channel's name) how many questions to ask at once, how to show choices, how
 * many messages a turn becomes and which channel carries what this one cannot take later.
 *
 * Each adapter declares its profile (usually one of the defaults below, tuned); the defaults also serve
 * where no adapter is running for a kind (the terminal chat, tests).
 */
import type { ChannelKind } from './messages.js';

export interface MediumProfile {
  /** `one`: one question per reply (SMS, chat, a call); `all`: every missing question in one numbered list (email). */
  questions: 'one' | 'all';
  /** `buttons`: the channel shows choices itself; `numbered`: "Reply 1 for…"; `keypad`: "Press 1 for…". */
  choices: 'buttons' | 'numbered' | 'keypad';
  /** `one`: a turn's replies go out as one message (parts arrive in order); `each`: one message per reply. */
  messagesPerTurn: 'one' | 'each';
  /** Between a turn's replies when they are joined into one message. */
  separator: string;
  /** The longest text one message may carry (characters); longer replies are split by the channel. */
  maxLength?: number;
  /**
   * SMS: the most segments one message may take (src/port/sms-segments.ts); a longer reply becomes
   * several messages, cut after sentences.
   */
  maxSegments?: number;
  /** The kind that carries messages this medium cannot take later (a call is over: voice → SMS). */
  laterVia?: ChannelKind;
}

export const defaultMedia: Readonly<Record<ChannelKind, MediumProfile>> = Object.freeze({
  sms: { questions: 'one', choices: 'numbered', messagesPerTurn: 'one', separator: '\n', maxLength: 1600 },
  voice: { questions: 'one', choices: 'keypad', messagesPerTurn: 'one', separator: '\n', laterVia: 'sms' },
  email: { questions: 'all', choices: 'numbered', messagesPerTurn: 'one', separator: '\n\n' },
  chat: { questions: 'one', choices: 'buttons', messagesPerTurn: 'each', separator: '\n', maxLength: 4000 },
});

/** Finds the profile of the provider a message came through, or the kind's default. */
export interface MediumDirectory {
  of(kind: ChannelKind, provider?: string): MediumProfile;
  /** The kind a message to this medium goes by when it is sent later (outside a live call). */
  laterKind(kind: ChannelKind, provider?: string): ChannelKind;
}

export function mediumDirectory(
  registered: ReadonlyArray<{ kind: ChannelKind; provider: string; medium: MediumProfile }> = [],
): MediumDirectory {
  const byProvider = new Map(
    registered.map((adapter) => [`${adapter.kind}/${adapter.provider}`, adapter.medium]),
  );
  const byKind = new Map<ChannelKind, MediumProfile>();
  for (const adapter of registered) if (!byKind.has(adapter.kind)) byKind.set(adapter.kind, adapter.medium);
  const of = (kind: ChannelKind, provider?: string): MediumProfile =>
    (provider ? byProvider.get(`${kind}/${provider}`) : undefined) ?? byKind.get(kind) ?? defaultMedia[kind];
  return { of, laterKind: (kind, provider) => of(kind, provider).laterVia ?? kind };
}
