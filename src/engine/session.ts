/** The conversation state kept per customer identity (one conversation per channel address). */
import { randomUUID } from 'node:crypto';
import type { ChannelKind, Lang } from '../port/messages.js';

/** A flow position to come back to after an interruption (a status question in mid-triage). */
export interface Frame {
  flow: string;
  step: string;
}

export interface Session {
  /** New for every conversation; transcript entries carry it so a case can claim its history. */
  conversationId: string;
  identity: string;
  channel: ChannelKind;
  lang: Lang;
  /** Language set explicitly (`--lang`, a menu choice): detection does not override it. */
  langPinned: boolean;
  flow: string | null;
  step: string | null;
  stack: Frame[];
  slots: Record<string, unknown>;
  /** Action results by name (`warranty.decision`). */
  vars: Record<string, unknown>;
  /** Failed answers to the question now asked. */
  retries: number;
  /** Slots asked in the last reply (several in an email). */
  asked: string[];
  caseRef: string | null;
  startedAt: string;
  updatedAt: string;
}

export function newSession(identity: string, channel: ChannelKind, lang: Lang, at: string): Session {
  return {
    conversationId: randomUUID(),
    identity,
    channel,
    lang,
    langPinned: false,
    flow: null,
    step: null,
    stack: [],
    slots: {},
    vars: {},
    retries: 0,
    asked: [],
    caseRef: null,
    startedAt: at,
    updatedAt: at,
  };
}

/** Ends the current conversation but keeps who the customer is and their language. */
export function restartSession(session: Session, at: string): Session {
  return {
    ...newSession(session.identity, session.channel, session.lang, at),
    langPinned: session.langPinned,
  };
}
