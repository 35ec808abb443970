/**
 * Upcoming visits for staff, per engineer and team: visits contracts plan (not yet offered to the
 * customer), visit cases waiting for a window, and booked on-site appointments (repairs and preventive
 * visits). Pure: contracts, cases and "now" in, a sorted list and the counts out.
 */
import { isActive } from '../cases/lifecycle.js';
import type { Case } from '../cases/types.js';
import type { Contract } from '../policy/contract.js';
import { contractStatus } from '../policy/contracts.js';
import { addDays, type IsoDate } from '../policy/dates.js';
import { visitDates } from '../policy/visit-schedule.js';

export interface UpcomingVisit {
  /** The planned date, or the booked window's date. */
  date: IsoDate;
  /** The contract (or the product's visit plan, `VP-…`) that planned it. */
  contract: string | null;
  /** `planned`: from a contract's schedule; `booking`: the customer was asked for a window; `booked`. */
  state: 'planned' | 'booking' | 'booked';
  kind: 'inspection' | 'repair';
  ref: string | null;
  window: { start: string; end: string } | null;
  engineer: string | null;
  team: string | null;
  /** Flags staff should see before going (a customer absent last time). */
  flags: string[];
}

export interface UpcomingOptions {
  today: IsoDate;
  days: number;
  /** The calendar date of an instant in the service time zone. */
  dateOf(iso: string): IsoDate;
}

/** What plans visits: a contract or a visit plan for a customer's product. */
export type PlannedVisits = Pick<
  Contract,
  'number' | 'start' | 'end' | 'endedEarly' | 'visits' | 'team' | 'engineer'
>;

export function upcomingVisits(
  contracts: readonly PlannedVisits[],
  cases: readonly Case[],
  options: UpcomingOptions,
): UpcomingVisit[] {
  const last = addDays(options.today, options.days);
  const inRange = (date: IsoDate) => date >= options.today && date <= last;
  const visits: UpcomingVisit[] = [];
  const opened = new Set<string>();
  // A visit still waiting for its window goes to the engineer its contract or plan names.
  const engineers = new Map(contracts.map((source) => [source.number, source.engineer ?? null]));
  for (const kase of cases) {
    const source = kase.visit?.contract ?? kase.visit?.plan;
    if (source) opened.add(`${source}@${kase.visit!.due}`);
    if (!isActive(kase.status)) continue;
    const appointment = kase.appointment;
    const base = {
      kind: kase.visit ? ('inspection' as const) : ('repair' as const),
      contract: kase.visit?.contract ?? kase.visit?.plan ?? kase.contract?.number ?? null,
      ref: kase.ref,
      team: kase.team,
      flags: kase.flags,
    };
    if (appointment) {
      const date = options.dateOf(appointment.window.start);
      if (inRange(date)) {
        visits.push({
          ...base,
          date,
          state: 'booked',
          window: appointment.window,
          engineer: appointment.engineer,
        });
      }
    } else if (kase.visit && inRange(kase.visit.due)) {
      visits.push({
        ...base,
        date: kase.visit.due,
        state: 'booking',
        window: null,
        engineer: kase.rebook?.engineer ?? engineers.get(base.contract ?? '') ?? null,
      });
    }
  }
  for (const contract of contracts) {
    if (contractStatus(contract, options.today) === 'expired') continue;
    for (const date of visitDates(contract)) {
      if (!inRange(date) || opened.has(`${contract.number}@${date}`)) continue;
      visits.push({
        date,
        state: 'planned',
        kind: 'inspection',
        contract: contract.number,
        ref: null,
        window: null,
        engineer: contract.engineer ?? null,
        team: contract.team,
        flags: [],
      });
    }
  }
  return visits.sort(
    (a, b) => a.date.localeCompare(b.date) || (a.window?.start ?? '').localeCompare(b.window?.start ?? ''),
  );
}

/** How many visits each engineer and each team has (unassigned ones under `-`). */
export function countVisits(visits: readonly UpcomingVisit[]) {
  const byEngineer: Record<string, number> = {};
  const byTeam: Record<string, number> = {};
  for (const visit of visits) {
    const engineer = visit.engineer ?? '-';
    const team = visit.team ?? '-';
    byEngineer[engineer] = (byEngineer[engineer] ?? 0) + 1;
    byTeam[team] = (byTeam[team] ?? 0) + 1;
  }
  return { byEngineer, byTeam };
}
