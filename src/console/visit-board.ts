/**
 * What the visits page and the queue's banner read: upcoming visits (as `GET /api/staff/visits`), and
 * the visit cases of the last weeks with what became of their invitations and the inspections done.
 */
import type { Case } from '../cases/types.js';
import type { Runtime } from '../runtime.js';
import type { StaffAccount } from '../staff/accounts.js';
import type { UpcomingVisit } from '../staff/upcoming-visits.js';
import {
  type InspectionRecord,
  type InvitationSummary,
  inspectionRecords,
  summarizeInvitations,
} from '../staff/visit-invitations.js';
import { loadUpcomingVisits } from '../staff/visits-loader.js';

/** Invitations and inspection records of this many days back. */
export const LOOKBACK_DAYS = 90;

export interface VisitFilter {
  days: number;
  team?: string | undefined;
  engineer?: string | undefined;
  day?: string | undefined;
}

export interface VisitBoard {
  upcoming: UpcomingVisit[];
  invitations: InvitationSummary;
  inspections: InspectionRecord[];
}

/** Agents and engineers see their teams' visits and their own; supervisors see all. */
function mine(staff: StaffAccount, team: string | null, engineer: string | null): boolean {
  return (
    staff.role === 'supervisor' || engineer === staff.name || (team !== null && staff.teams.includes(team))
  );
}

async function recentCases(runtime: Runtime): Promise<Case[]> {
  const now = runtime.clock.now();
  return runtime.cases.createdBetween(new Date(now.getTime() - LOOKBACK_DAYS * 24 * 3600_000), now);
}

export async function loadVisitBoard(
  runtime: Runtime,
  staff: StaffAccount,
  filter: VisitFilter,
): Promise<VisitBoard> {
  const [upcoming, cases] = await Promise.all([
    loadUpcomingVisits(runtime, filter.days),
    recentCases(runtime),
  ]);
  const visitCases = cases.filter(
    (kase) =>
      kase.visit &&
      mine(staff, kase.team, kase.appointment?.engineer ?? kase.record?.engineer ?? null) &&
      (!filter.team || kase.team === filter.team),
  );
  const inspections = inspectionRecords(
    cases.filter((kase) => mine(staff, kase.team, kase.record?.engineer ?? null)),
  ).filter((record) => !filter.engineer || record.engineer === filter.engineer);
  return {
    upcoming: upcoming.filter(
      (visit) =>
        mine(staff, visit.team, visit.engineer) &&
        (!filter.team || visit.team === filter.team) &&
        (!filter.engineer || visit.engineer === filter.engineer) &&
        (!filter.day || visit.date === filter.day),
    ),
    invitations: summarizeInvitations(visitCases),
    inspections,
  };
}

/** How many of the invitations this staff member may see could not be delivered (the queue's banner). */
export async function failedInvitations(runtime: Runtime, staff: StaffAccount): Promise<number> {
  if (staff.role === 'engineer') return 0;
  const cases = (await recentCases(runtime)).filter((kase) => kase.visit && mine(staff, kase.team, null));
  return summarizeInvitations(cases).failed;
}
