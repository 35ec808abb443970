/**
 * What the engine may ask of the rest of the system during a turn. The desk implements it with Redis
 * and BullMQ; each call is off the common path (only when a case opens or escalates).
 */
import type { PromisePlan } from '../cases/operations.js';
import type { RecordedRepair } from '../cases/record-reader.js';
import type { Case, Priority, PromiseKind } from '../cases/types.js';
import type { KnowledgeBase } from '../kb/schema.js';
import type { BusinessCalendar } from '../policy/business-calendar.js';
import type { Contract } from '../policy/contract.js';
import type { Policy } from '../policy/schema.js';
import type { Lang } from '../port/messages.js';

export interface EngineServices {
  /**
   * A new human-friendly case reference (`SR-2611-0042`). The same `key` always gets the same
   * reference, so a turn replayed after a crash does not open a second case.
   */
  newCaseRef(now: Date, key: string): Promise<string>;
  /** When the team can reply, given business hours, SLA targets and the queue ahead. */
  planPromise(input: {
    team: string;
    priority: Priority;
    kind: PromiseKind;
    now: Date;
    /** A service contract's response time (business minutes) replaces the SLA target and queue allowance. */
    targetMinutes?: number;
  }): Promise<PromisePlan>;
  /** Service contracts that may cover a unit: listing its serial, or the customer's site contracts. */
  contractsFor(customerId: string, serial: string | null): Promise<Contract[]>;
  /**
   * The maintenance records of a serial in the record (any customer); empty without a record or when it
   * cannot be reached. The 三包 decision adds the customer's own cases from Redis to them.
   */
  recordedRepairs?(serial: string): Promise<RecordedRepair[]>;
  /** Reads this customer's other cases (for status questions). */
  readCases(customerId: string, refs: string[]): Promise<Case[]>;
  /** "12月1日(周一) 12:00" / "Mon 1 Dec, 12:00" in the service timezone. */
  formatDeadline(at: Date, lang: Lang): string;
  /** "2025年3月15日" / "15 March 2025". */
  formatDate(isoDate: string, lang: Lang): string;
  /** Values `{{contact.*}}` and `{{policy.*}}` texts may use. */
  templateValues(lang: Lang): Record<string, unknown>;
  /**
   * The knowledge base for a remote-fix suggestion: the `flows/kb/` files and the entries approved in
   * the console, up to date across processes (one Redis read; a reload only after a change).
   */
  knowledgeBase(): Promise<KnowledgeBase>;
  /** An answer from the FAQ for a question the bot can answer at once, or null. */
  matchFaq(text: string): { id: string; answer: { zh: string; en: string } } | null;
  /** How strongly the text describes a known symptom (knowledge-base score, 0 = not at all). */
  symptomScore(text: string): number;
  /** Whether the team is at work now, and when it is back if not. */
  businessHours(now: Date): { open: boolean; backAt: Date | null };
  /** The service policy (contracts, visits and costs read it outside flows). */
  policy: Policy;
  /** Business hours, holidays and make-up days. */
  calendar: BusinessCalendar;
  /** Time zone of the service (business hours, dates). */
  timezone: string;
  /** Region for phone numbers without a country code. */
  phoneRegion: string;
  /** Follow-up delay after resolution. */
  followUpDelayMs: number;
  /** A resolved case re-opens when the customer writes within this time. */
  reopenWithinMs: number;
}
