/**
 * What a turn asks the outside world to do once its state is decided. The desk carries these out
 * before it commits the turn, each with an idempotent id, so replaying a turn after a crash repeats
 * nothing (BullMQ ignores a job id it already has).
 */

import type { OutboundMessage } from '../port/messages.js';
import type { DeadlinePromise, Priority } from './types.js';

export type Effect =
  /** Put the case in a team's escalation queue. */
  | {
      type: 'enqueue_escalation';
      ref: string;
      customerId: string;
      team: string;
      priority: Priority;
      n: number;
      reason: string;
    }
  /** Take a case's earlier job out of a team's queue (it moved on: another team, a person). */
  | { type: 'dequeue_escalation'; ref: string; team: string; n: number }
  /** Schedule the warning and the breach check of a promise. */
  | { type: 'schedule_deadline'; ref: string; customerId: string; promise: DeadlinePromise }
  /** Drop the timers of a promise that was kept or replaced. */
  | { type: 'cancel_deadline'; ref: string; n: number }
  /** Send a message through the outbox. */
  | { type: 'send'; message: OutboundMessage }
  /** Ask the customer how it went, later. */
  | { type: 'schedule_followup'; ref: string; customerId: string; at: string; key: string }
  /** Remind the customer of an on-site appointment. */
  | { type: 'schedule_reminder'; ref: string; customerId: string; at: string; key: string }
  /** A contract's timer: the renewal reminder, or the invitation to book a preventive visit. */
  | {
      type: 'schedule_timer';
      kind: 'renewal' | 'visit_invite';
      ref: string;
      customerId: string;
      at: string;
      key: string;
    }
  /** Make the case findable by its reference (global index). */
  | { type: 'index_case'; ref: string; customerId: string; createdAt: string }
  /** Tell a staff member (or a team) something about a case. */
  | {
      type: 'notify_staff';
      ref: string;
      to: string;
      text: string;
      /** What it is about, so the console's bell can say it in the reader's language. */
      kind?: NotifyKind;
    };

/** The kinds of staff notification the console's bell knows. */
export type NotifyKind = 'reassigned' | 'customer_wrote' | 'delivery_failed' | 'deadline' | 'mentioned';
