/**
 * Service KPIs (the service plan's performance review: on time? effect? quality?) as a pure function
 * of cases, so the figures can be checked by hand. Durations are wall-clock minutes; percentiles
 * interpolate linearly between ranks (numpy's default), so the median of [10, 20] is 15.
 *
 * Grouping: a case counts for every team it was queued to (its promises' teams and its current team)
 * and for every staff member in `handledBy`. A promise counts for the team that made it. Bot
 * containment only means something over all cases, so it is null for a team or a person.
 */
import type { Case, DeadlinePromise } from '../cases/types.js';
import { type QuoteFigures, quoteFigures } from './kpi-quotes.js';
import { engineersOf, type ServicePlanFigures, servicePlanFigures } from './kpi-service-plan.js';

/**
 * When the engineer promised to be there: the booked window's end, or the later time they told the
 * customer when running late (the plan: call ahead if late) — arriving by it keeps the word given.
 */
export function promisedBy(appointment: NonNullable<Case['appointment']>): number {
  const end = Date.parse(appointment.window.end);
  return appointment.lateEta ? Math.max(end, Date.parse(appointment.lateEta)) : end;
}

export interface DurationStats {
  count: number;
  medianMinutes: number | null;
  p90Minutes: number | null;
}

export interface KpiFigures extends ServicePlanFigures {
  cases: number;
  /** Escalation → first staff reply. */
  firstResponse: DurationStats;
  /** Case opened → resolved, over resolved and closed cases. */
  resolution: DurationStats;
  /** Settled promises: kept / (kept + breached). */
  promises: { kept: number; breached: number; keptPercent: number | null };
  /** On-site appointments with a known arrival: arrived by the end of the window. */
  arrival: { onTime: number; late: number; punctualPercent: number | null };
  /** Follow-up (回访) scores, 1–5. */
  satisfaction: { responses: number; average: number | null };
  /** Resolved or closed cases that never reached a person. */
  containment: { finished: number; withoutHuman: number; percent: number | null } | null;
  /** Paid repairs: quotes sent, accepted %, revenue (src/staff/kpi-quotes.ts). */
  quotes: QuoteFigures;
}

export interface KpiReport {
  from: string;
  to: string;
  team: string | null;
  overall: KpiFigures;
  byTeam: Record<string, KpiFigures>;
  byStaff: Record<string, KpiFigures>;
  /** By the engineer who did the work on site (the maintenance record's, else the booked one). */
  byEngineer: Record<string, KpiFigures>;
}

export interface KpiOptions {
  from: Date;
  to: Date;
  team?: string;
  /** Policy `visits.on_time_days`. @defaultValue 7 */
  onTimeDays?: number;
  /** @defaultValue Asia/Shanghai */
  timezone?: string;
}

const round1 = (value: number) => Math.round(value * 10) / 10;

export function percentile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const rank = (p / 100) * (sorted.length - 1);
  const low = sorted[Math.floor(rank)]!;
  const high = sorted[Math.ceil(rank)]!;
  return low + (high - low) * (rank - Math.floor(rank));
}

function durations(minutes: number[]): DurationStats {
  const sorted = [...minutes].sort((a, b) => a - b);
  const median = percentile(sorted, 50);
  const p90 = percentile(sorted, 90);
  return {
    count: sorted.length,
    medianMinutes: median === null ? null : round1(median),
    p90Minutes: p90 === null ? null : round1(p90),
  };
}

function percent(part: number, whole: number): number | null {
  return whole === 0 ? null : round1((part / whole) * 100);
}

function minutesBetween(from: string | undefined, to: string | undefined): number | null {
  if (!from || !to) return null;
  const minutes = (Date.parse(to) - Date.parse(from)) / 60_000;
  return Number.isFinite(minutes) && minutes >= 0 ? minutes : null;
}

const isFinished = (kase: Case) => kase.status === 'resolved' || kase.status === 'closed';

export function figures(
  cases: readonly Case[],
  options: {
    promiseTeam?: string;
    containment: boolean;
    until: Date;
    onTimeDays?: number;
    timezone?: string;
  },
): KpiFigures {
  const firstResponse = cases.flatMap((kase) => {
    const minutes = minutesBetween(kase.sla.escalatedAt, kase.sla.firstResponseAt);
    return minutes === null ? [] : [minutes];
  });
  const resolution = cases.flatMap((kase) => {
    const minutes = isFinished(kase) ? minutesBetween(kase.createdAt, kase.sla.resolvedAt) : null;
    return minutes === null ? [] : [minutes];
  });
  const promises: DeadlinePromise[] = cases.flatMap((kase) =>
    kase.promises.filter((promise) => !options.promiseTeam || promise.team === options.promiseTeam),
  );
  const kept = promises.filter((promise) => promise.state === 'kept').length;
  const breached = promises.filter((promise) => promise.state === 'breached').length;
  const arrivals = cases.flatMap((kase) => {
    const arrivedAt = kase.appointment?.arrivedAt ?? (kase.appointment ? kase.record?.arrivedAt : undefined);
    return kase.appointment && arrivedAt ? [Date.parse(arrivedAt) <= promisedBy(kase.appointment)] : [];
  });
  const onTime = arrivals.filter(Boolean).length;
  const scores = cases.flatMap((kase) =>
    typeof kase.followUp?.score === 'number' ? [kase.followUp.score] : [],
  );
  const finished = cases.filter(isFinished);
  const withoutHuman = finished.filter((kase) => kase.escalations === 0).length;
  return {
    cases: cases.length,
    firstResponse: durations(firstResponse),
    resolution: durations(resolution),
    promises: { kept, breached, keptPercent: percent(kept, kept + breached) },
    arrival: { onTime, late: arrivals.length - onTime, punctualPercent: percent(onTime, arrivals.length) },
    satisfaction: {
      responses: scores.length,
      average: scores.length
        ? Math.round((scores.reduce((a, b) => a + b, 0) / scores.length) * 100) / 100
        : null,
    },
    containment: options.containment
      ? { finished: finished.length, withoutHuman, percent: percent(withoutHuman, finished.length) }
      : null,
    quotes: quoteFigures(cases, options.until),
    ...servicePlanFigures(cases, {
      until: options.until,
      ...(options.onTimeDays !== undefined ? { onTimeDays: options.onTimeDays } : {}),
      ...(options.timezone ? { timezone: options.timezone } : {}),
    }),
  };
}

/** Teams a case was queued to: those of its promises, and the one holding it now. */
export function teamsOf(kase: Case): string[] {
  const teams = new Set(kase.promises.map((promise) => promise.team));
  if (kase.team) teams.add(kase.team);
  return [...teams].sort();
}

function groupBy(cases: readonly Case[], keysOf: (kase: Case) => string[]): Map<string, Case[]> {
  const groups = new Map<string, Case[]>();
  for (const kase of cases) {
    // Appended in place: copying the group on every case made a year of 100,000 cases quadratic.
    for (const key of keysOf(kase)) {
      const group = groups.get(key);
      if (group) group.push(kase);
      else groups.set(key, [kase]);
    }
  }
  return new Map([...groups].sort(([a], [b]) => a.localeCompare(b)));
}

/** KPIs over the cases created in [from, to], optionally only those a team worked on. */
export function computeKpis(cases: readonly Case[], options: KpiOptions): KpiReport {
  const from = options.from.getTime();
  const to = options.to.getTime();
  const team = options.team;
  const inRange = cases.filter((kase) => {
    const created = Date.parse(kase.createdAt);
    return created >= from && created <= to && (!team || teamsOf(kase).includes(team));
  });
  const plan = {
    until: options.to,
    ...(options.onTimeDays !== undefined ? { onTimeDays: options.onTimeDays } : {}),
    ...(options.timezone ? { timezone: options.timezone } : {}),
  };
  const byTeam: Record<string, KpiFigures> = {};
  for (const [name, group] of groupBy(inRange, (kase) => (team ? [team] : teamsOf(kase)))) {
    byTeam[name] = figures(group, { promiseTeam: name, containment: false, ...plan });
  }
  const byStaff: Record<string, KpiFigures> = {};
  for (const [name, group] of groupBy(inRange, (kase) => kase.handledBy)) {
    byStaff[name] = figures(group, { containment: false, ...plan });
  }
  const byEngineer: Record<string, KpiFigures> = {};
  for (const [name, group] of groupBy(inRange, engineersOf)) {
    byEngineer[name] = figures(group, { containment: false, ...plan });
  }
  return {
    from: options.from.toISOString(),
    to: options.to.toISOString(),
    team: team ?? null,
    overall: figures(inRange, { ...(team ? { promiseTeam: team } : {}), containment: !team, ...plan }),
    byTeam,
    byStaff,
    byEngineer,
  };
}
