/**
 * What became of the bot's invitations to book a preventive visit, and the inspection records: pure,
 * visit cases in, counts and lists out. An invitation is accepted once the customer answered or a
 * window was booked; it failed when its message could not be delivered (`delivery_failed`) and nobody
 * has reached the customer since — staff must call them.
 */
import type { Case } from '../cases/types.js';

export type InvitationOutcome = 'accepted' | 'failed' | 'waiting';

export interface Invitation {
  ref: string;
  customerId: string;
  /** The contract or visit plan the visit belongs to. */
  source: string | null;
  due: string;
  team: string | null;
  sentAt: string;
  outcome: InvitationOutcome;
}

export interface InvitationSummary {
  sent: number;
  accepted: number;
  failed: number;
  waiting: number;
  invitations: Invitation[];
}

export function invitationOutcome(kase: Case): InvitationOutcome {
  if (kase.appointment || kase.record || kase.sla.lastCustomerMessageAt || kase.sla.lastStaffReplyAt)
    return 'accepted';
  return kase.flags.includes('delivery_failed') ? 'failed' : 'waiting';
}

export function summarizeInvitations(cases: readonly Case[]): InvitationSummary {
  const invitations = cases
    .filter((kase) => kase.visit)
    .map(
      (kase): Invitation => ({
        ref: kase.ref,
        customerId: kase.customerId,
        source: kase.visit!.contract ?? kase.visit!.plan ?? null,
        due: kase.visit!.due,
        team: kase.team,
        sentAt: kase.createdAt,
        outcome: invitationOutcome(kase),
      }),
    )
    .sort((a, b) => b.sentAt.localeCompare(a.sentAt));
  const count = (outcome: InvitationOutcome) => invitations.filter((i) => i.outcome === outcome).length;
  return {
    sent: invitations.length,
    accepted: count('accepted'),
    failed: count('failed'),
    waiting: count('waiting'),
    invitations,
  };
}

export interface InspectionRecord {
  ref: string;
  engineer: string;
  finishedAt: string;
  source: string | null;
  findings: number;
  risks: number;
  confirmed: boolean;
}

/** Inspections (巡检) recorded on these cases, newest first. */
export function inspectionRecords(cases: readonly Case[]): InspectionRecord[] {
  return cases
    .filter((kase) => kase.record?.kind === 'inspection')
    .map((kase) => {
      const record = kase.record!;
      return {
        ref: kase.ref,
        engineer: record.engineer,
        finishedAt: record.finishedAt,
        source: kase.visit?.contract ?? kase.visit?.plan ?? kase.contract?.number ?? null,
        findings: record.findings?.length ?? 0,
        risks: record.findings?.filter((finding) => finding.risk).length ?? 0,
        confirmed: record.confirmation?.state === 'confirmed',
      };
    })
    .sort((a, b) => b.finishedAt.localeCompare(a.finishedAt));
}
