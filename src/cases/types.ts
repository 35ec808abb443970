/** Customers, cases and their transcript, as stored in Redis (JSON) inside the customer's slot. */

import type { Priority } from '../flows/schema.js';
import type { ChannelKind, Lang } from '../messages.js';

export type { Priority };

export interface CustomerProfile {
  id: string;
  /** Every identity linked to this customer (`phone:+86…`, `email:…`, `chat:…`). */
  identities: string[];
  lang: Lang;
  name?: string;
  /** Products and serial numbers this customer has mentioned. */
  products: Array<{ category?: string; serial?: string; firstSeen: string }>;
  /** Case references, oldest first. */
  cases: string[];
  /** Opted-out identities (the customer's STOP, or the provider's report of it). */
  optedOut: string[];
  createdAt: string;
  updatedAt: string;
}

export const caseStatuses = [
  'open',
  'waiting_customer',
  'escalated',
  'assigned',
  'resolved',
  'closed',
] as const;
export type CaseStatus = (typeof caseStatuses)[number];

/** `bot` while triage runs, `queue` while waiting for staff, `staff:<name>` while a person handles it. */
export type CaseOwner = 'bot' | 'queue' | `staff:${string}`;

/** Where and how to reach the customer for this case. */
export interface ContactRoute {
  channel: ChannelKind;
  /** The provider the customer came through (`webchat`, `botframework`…): replies go back the same way. */
  provider?: string;
  identity: string;
  address: string;
  /** Channel data needed to reply (email thread ids, Bot Framework conversation reference). */
  replyContext?: Record<string, unknown>;
}

export type PromiseKind = 'first_response' | 'next_response' | 'resolution' | 'callback';

/** A reply deadline told to the customer. Kept, or escalated at the breach — never silently broken. */
export interface DeadlinePromise {
  n: number;
  kind: PromiseKind;
  team: string;
  madeAt: string;
  due: string;
  warnAt: string;
  state: 'pending' | 'kept' | 'breached' | 'cleared';
  settledAt?: string;
  /** A promise made after a breach gets no second customer update: the case is already with a supervisor. */
  afterBreach?: boolean;
  /** An internal target the customer was never told (a case released back to the queue): no apology at its breach. */
  internal?: boolean;
}

export interface PartReplaced {
  part: string;
  coverage: 'warranty' | 'paid';
  amount?: number;
}

/** 维护记录单: the maintenance record the engineer fills in and the customer confirms. */
export interface MaintenanceRecord {
  faultReported: string;
  faultFound: string;
  cause: string;
  actions: string;
  partsReplaced: PartReplaced[];
  engineer: string;
  arrivedAt?: string;
  finishedAt: string;
  mode: 'remote' | 'onsite';
  /** Set when the customer confirms or disputes the record. */
  confirmation?: { state: 'confirmed' | 'disputed'; at: string; comment?: string };
}

export interface Appointment {
  engineer: string;
  window: { start: string; end: string };
  bookedAt: string;
  /** Latest "running late" estimate told to the customer. */
  lateEta?: string;
  arrivedAt?: string;
}

export interface FollowUp {
  scheduledFor: string;
  sentAt?: string;
  score?: number;
  comment?: string;
  answeredAt?: string;
}

export interface WarrantySummary {
  decision: 'replace' | 'free_repair' | 'paid_repair' | 'needs_review';
  rule: string;
  explanation: { zh: string; en: string };
}

export interface Case {
  ref: string;
  customerId: string;
  status: CaseStatus;
  priority: Priority;
  team: string | null;
  owner: CaseOwner;
  /** Where the case came from, and where replies go now (the customer's latest channel). */
  origin: ContactRoute;
  route: ContactRoute;
  lang: Lang;
  flow: string | null;
  summary: string;
  slots: Record<string, unknown>;
  warranty: WarrantySummary | null;
  /** Conversations whose transcript entries belong to this case even before it existed. */
  conversations: string[];
  promises: DeadlinePromise[];
  /** SLA clock facts (ISO times) — see src/policy/sla.ts for targets. */
  sla: {
    escalatedAt?: string;
    firstResponseAt?: string;
    lastCustomerMessageAt?: string;
    lastStaffReplyAt?: string;
    resolvedAt?: string;
    /** While waiting on the customer the clock is paused (business minutes so far are kept). */
    pausedAt?: string;
  };
  escalations: number;
  escalationReason: string | null;
  flags: string[];
  consent: { remoteSession?: { granted: boolean; at: string } };
  appointment: Appointment | null;
  record: MaintenanceRecord | null;
  followUp: FollowUp | null;
  /** Who handled it: staff names that replied or owned it (KPIs per person). */
  handledBy: string[];
  createdAt: string;
  updatedAt: string;
  closedAt?: string;
}

export type TranscriptKind = 'in' | 'out' | 'event' | 'note';

/** One line of the customer's history: a message in or out, an event, or an internal staff note. */
export interface TranscriptEntry {
  at: string;
  kind: TranscriptKind;
  channel?: ChannelKind;
  text: string;
  /** Conversation the entry happened in (see Case.conversations). */
  conv?: string;
  case?: string;
  author?: string;
  /** Provider id of an inbound message, outbound message id, event name, delivery state… */
  meta?: Record<string, unknown>;
}
