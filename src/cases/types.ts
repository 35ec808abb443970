/** Customers, cases and their transcript, as stored in Redis (JSON) inside the customer's slot. */

import type { Priority } from '../flows/schema.js';
import type { ContractSummary } from '../policy/contract.js';
import type { ChannelKind, Lang } from '../port/messages.js';
import type { Quote } from './quote.js';

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
  /** Service contracts this customer holds (see src/contracts), as the bot needs them. */
  contracts?: ContractSummary[];
  /** Things to tell the customer the next time the bot answers them (a contract about to end). */
  notices?: Array<{ id: string; text: { zh: string; en: string } }>;
  /** Visits the customer was not there for (the plan: mark them for the next visit). */
  absences?: Array<{ ref: string; at: string }>;
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
  coverage: 'warranty' | 'paid' | 'contract';
  /** What the customer is charged. */
  amount?: number;
  /** What the part cost us (the plan's cost review, 绩效考核 3). */
  cost?: number;
}

/** A consumable used on the job (耗材), with its cost. */
export interface ConsumableUsed {
  item: string;
  quantity?: number;
  cost: number;
}

/** One trip to the customer (车辆使用): the plan rewards grouping visits, so trips are counted. */
export interface Trip {
  vehicle?: string;
  distanceKm?: number;
}

/** What an inspection (巡检) found: a hidden risk (隐患) may open a fault case at once. */
export interface Finding {
  text: string;
  /** A hidden risk (隐患) rather than a plain observation. */
  risk: boolean;
  /** The case opened for it, when the finding needed a repair. */
  faultCase?: string;
}

export type { ContractSummary } from '../policy/contract.js';

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
  /**
   * `inspection` for a preventive visit (巡检); `exchange` when the unit was exchanged (it starts a new
   * 三包 count, flows/policy.yaml `repeat_failure`); `enquiry` for a question answered (no visit, no
   * parts); `repair` otherwise.
   */
  kind?: 'repair' | 'inspection' | 'exchange' | 'enquiry';
  /** Inspection findings and hidden risks (隐患). */
  findings?: Finding[];
  consumables?: ConsumableUsed[];
  trips?: Trip[];
  /** The advance for parts and consumables (预支); over it, `overBudgetReason` says why. */
  budget?: number;
  overBudgetReason?: string;
  /** Set when the customer confirms or disputes the record. */
  confirmation?: {
    state: 'confirmed' | 'disputed';
    at: string;
    comment?: string;
    /** Confirmed on the spot, in front of the engineer: signed on the screen, or a code texted to them. */
    onSite?: { method: 'signature' | 'code'; engineer: string; signature?: string };
  };
}

export interface Appointment {
  engineer: string;
  window: { start: string; end: string };
  bookedAt: string;
  /** Latest "running late" estimate told to the customer. */
  lateEta?: string;
  arrivedAt?: string;
  /** When the engineer said the work on site was done (the record's finish time starts from it). */
  finishedAt?: string;
  /** The customer asked to move or cancel it (the engineer and the case see it at once). */
  change?: { kind: 'move' | 'cancel'; text: string; at: string };
}

/** A visit that did not happen because the customer was not there (the plan: mark them for next time). */
export interface MissedVisit {
  engineer: string;
  window: { start: string; end: string };
  at: string;
}

/** A preventive maintenance or inspection visit (定期维护, 巡检) this case was opened for. */
export interface VisitPlan {
  /** The contract it belongs to, if any. */
  contract: string | null;
  /** Or the visit plan of the customer's product (`VP-…`). */
  plan?: string;
  /** The planned date (YYYY-MM-DD). */
  due: string;
  /** Windows offered to the customer (after an absence), in order. */
  offered?: Array<{ start: string; end: string }>;
}

export interface FollowUp {
  scheduledFor: string;
  sentAt?: string;
  score?: number;
  comment?: string;
  answeredAt?: string;
}

export interface WarrantySummary {
  decision: 'replace' | 'free_repair' | 'paid_repair' | 'needs_review' | 'contract_repair';
  rule: string;
  explanation: { zh: string; en: string };
  /** The earlier 三包 repairs an exchange for a repeated failure rests on (rule `repeat_failure`). */
  repairs?: Array<{ ref: string; finishedOn: string }>;
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
  /** After an absence: the engineer to rebook and the windows the bot offered, in order. */
  rebook?: { engineer: string; offered: Array<{ start: string; end: string }> };
  /** Visits missed because the customer was absent; a flag tells the next visit. */
  missedVisits?: MissedVisit[];
  /** The service contract that covers this repair (its response time sets the deadline). */
  contract?: ContractSummary;
  /** Set on a preventive visit case. */
  visit?: VisitPlan;
  /** The customer's resolved case this one came after (another product or fault), not re-opened. */
  follows?: string;
  record: MaintenanceRecord | null;
  /** The paid repair's quote (the latest one sent); the ones it replaced are in `quoteHistory`. */
  quote?: Quote;
  quoteHistory?: Quote[];
  /** A confirmation code texted to the customer on site: its hash, when it was sent, wrong tries. */
  onSiteCode?: { hash: string; sentAt: string; tries: number };
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
