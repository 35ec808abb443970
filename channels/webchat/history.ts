/**
 * A web chat conversation as the browser sees it: who it is (an unguessable id, the customer's own
 * id), and its history — what the customer wrote, the bot's and staff's messages, the case bar — kept
 * in a numbered log of the channel's so a reload shows it all again. Each entry's number is allocated
 * as it is written (one step in Redis); the event stream sends the ones after the browser's last.
 */
import { randomBytes } from 'node:crypto';
import type { ChannelLogs, ChannelStore } from '../../src/port/channel.js';
import type { Lang } from '../../src/port/messages.js';
import { WEBCHAT_CHANNEL_ID } from './webchat-adapter.js';

export interface CaseBar {
  ref: string;
  status: string;
  /** ISO time staff promised to reply by, if a promise is open. */
  deadline: string | null;
}

export interface ChatEntry {
  seq: number;
  at: string;
  from: 'customer' | 'bot' | 'staff';
  kind: 'message' | 'case';
  text?: string;
  choices?: string[];
  lang?: Lang;
  case?: CaseBar;
}

export interface ChatConversation {
  id: string;
  userId: string;
  locale: string;
  createdAt: string;
}

/** How conversations were kept before their histories became numbered logs (read once, then moved). */
interface StoredBefore extends ChatConversation {
  seq: number;
  lastCase?: CaseBar;
}

/** Conversation ids: 144 random bits, URL-safe. Knowing one is what lets a browser read it. */
export const CONVERSATION_ID = /^[A-Za-z0-9_-]{24}$/;

export function newConversationId(): string {
  return randomBytes(18).toString('base64url');
}

export interface HistoryOptions {
  /** The channel's numbered logs (one per conversation) and its key-value store (older conversations). */
  logs: () => ChannelLogs;
  store: () => ChannelStore;
  /** Entries kept per conversation (older ones drop off). */
  keep: number;
  /** How long a conversation the customer wrote in is kept. */
  ttlSeconds: number;
}

/**
 * How long a conversation nobody wrote in is kept: starting one costs a visitor nothing, so what it
 * makes Redis keep must not last the full WEBCHAT_KEEP_DAYS until the customer writes.
 */
export const UNTOUCHED_TTL_SECONDS = 24 * 3600;

/** What a history append did: the entry's number, and whether it was there already. */
export type Appended = { seq: number; duplicate: boolean } | null;

export class ChatHistory {
  constructor(private readonly options: HistoryOptions) {}

  async create(locale: string, at: Date): Promise<ChatConversation> {
    const conversation: ChatConversation = {
      id: newConversationId(),
      userId: `u-${randomBytes(12).toString('base64url')}`,
      locale,
      createdAt: at.toISOString(),
    };
    await this.options.logs().open(conversation.id, conversation, {
      ttlSeconds: Math.min(UNTOUCHED_TTL_SECONDS, this.options.ttlSeconds),
      owner: `${WEBCHAT_CHANNEL_ID}:${conversation.userId}`,
      ownerTtlSeconds: this.options.ttlSeconds,
    });
    return conversation;
  }

  async get(id: string): Promise<ChatConversation | null> {
    if (!CONVERSATION_ID.test(id)) return null;
    return (await this.options.logs().record<ChatConversation>(id)) ?? (await this.moveStoredBefore(id));
  }

  /** A conversation kept the older way (one JSON value each) becomes a numbered log, once. */
  private async moveStoredBefore(id: string): Promise<ChatConversation | null> {
    const store = this.options.store();
    const before = await store.get<StoredBefore>(`conv:${id}`);
    if (!before) return null;
    const entries = (await store.get<ChatEntry[]>(`log:${id}`)) ?? [];
    const { seq, lastCase: _lastCase, ...conversation } = before;
    await this.options.logs().open(id, conversation, {
      ttlSeconds: this.options.ttlSeconds,
      owner: `${WEBCHAT_CHANNEL_ID}:${conversation.userId}`,
      seed: { seq, entries },
    });
    await store.delete(`conv:${id}`);
    await store.delete(`log:${id}`);
    return conversation;
  }

  async after(id: string, seq: number): Promise<ChatEntry[]> {
    return this.options.logs().after<ChatEntry>(id, seq);
  }

  /**
   * Appends an entry, numbered in the same step. With `once` (the browser's message id, the outbox
   * message's id) a repeat finds the entry written the first time instead of adding it again; a case
   * bar equal to the last one is not repeated. Null when the conversation is gone or nothing was added.
   */
  async append(id: string, entry: Omit<ChatEntry, 'seq'>, once?: string): Promise<Appended> {
    const result = await this.options.logs().append(
      id,
      { ...entry },
      {
        keep: this.options.keep,
        // The customer's own words keep the conversation for the full time; the bot's alone do not.
        ttlSeconds:
          entry.from === 'customer'
            ? this.options.ttlSeconds
            : Math.min(UNTOUCHED_TTL_SECONDS, this.options.ttlSeconds),
        ...(once ? { once } : {}),
        ...(entry.kind === 'case' ? { unlessSame: { tag: 'case', value: JSON.stringify(entry.case) } } : {}),
      },
    );
    return result.seq === null ? null : { seq: result.seq, duplicate: result.status === 'duplicate' };
  }

  /** Erases a conversation and its history. */
  async remove(id: string): Promise<void> {
    await this.options.logs().remove(id);
  }
}
