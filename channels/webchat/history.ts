/**
 * A web chat conversation as the browser sees it: who it is (an unguessable id, the customer's own
 * id), and its history — what the customer wrote, the bot's and staff's messages, the case bar — kept
 * in the channel's store so a reload shows it all again. Entries are numbered; the event stream sends
 * the ones after the browser's last. Appends to one conversation are serialised within a process.
 */
import { randomBytes } from 'node:crypto';
import type { ChannelStore } from '../../src/port/channel.js';
import type { Lang } from '../../src/port/messages.js';

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
  seq: number;
  lastCase?: CaseBar;
}

/** Conversation ids: 144 random bits, URL-safe. Knowing one is what lets a browser read it. */
export const CONVERSATION_ID = /^[A-Za-z0-9_-]{24}$/;

export function newConversationId(): string {
  return randomBytes(18).toString('base64url');
}

export interface HistoryOptions {
  store: () => ChannelStore;
  /** Entries kept per conversation (older ones drop off). */
  keep: number;
  ttlSeconds: number;
}

export class ChatHistory {
  private readonly chains = new Map<string, Promise<unknown>>();

  constructor(private readonly options: HistoryOptions) {}

  private key = (kind: 'conv' | 'log', id: string) => `${kind}:${id}`;

  async create(locale: string, at: Date): Promise<ChatConversation> {
    const conversation: ChatConversation = {
      id: newConversationId(),
      userId: `u-${randomBytes(12).toString('base64url')}`,
      locale,
      createdAt: at.toISOString(),
      seq: 0,
    };
    await this.options.store().set(this.key('conv', conversation.id), conversation, this.options.ttlSeconds);
    await this.options.store().set(this.key('log', conversation.id), [], this.options.ttlSeconds);
    return conversation;
  }

  async get(id: string): Promise<ChatConversation | null> {
    if (!CONVERSATION_ID.test(id)) return null;
    return this.options.store().get<ChatConversation>(this.key('conv', id));
  }

  async after(id: string, seq: number): Promise<ChatEntry[]> {
    const entries = (await this.options.store().get<ChatEntry[]>(this.key('log', id))) ?? [];
    return entries.filter((entry) => entry.seq > seq);
  }

  /** Appends an entry (numbered here); a case bar equal to the last one is not repeated. */
  append(id: string, entry: Omit<ChatEntry, 'seq'>): Promise<ChatEntry | null> {
    const run = async () => {
      const store = this.options.store();
      const conversation = await store.get<ChatConversation>(this.key('conv', id));
      if (!conversation) return null;
      if (entry.kind === 'case' && JSON.stringify(entry.case) === JSON.stringify(conversation.lastCase))
        return null;
      const numbered: ChatEntry = { ...entry, seq: conversation.seq + 1 };
      const entries = (await store.get<ChatEntry[]>(this.key('log', id))) ?? [];
      entries.push(numbered);
      const next = { ...conversation, seq: numbered.seq, ...(entry.case ? { lastCase: entry.case } : {}) };
      await store.set(this.key('log', id), entries.slice(-this.options.keep), this.options.ttlSeconds);
      await store.set(this.key('conv', id), next, this.options.ttlSeconds);
      return numbered;
    };
    const previous = this.chains.get(id) ?? Promise.resolve();
    const current = previous.then(run, run);
    this.chains.set(id, current);
    void current.finally(() => {
      if (this.chains.get(id) === current) this.chains.delete(id);
    });
    return current;
  }
}
