/**
 * KPIs over time: the same figures as the KPI report (`figures`, so a point and the table agree), for
 * each day or week of a period, over the cases created in it. Pure: cases in, series out. A point with
 * no data is null (a gap in a chart), never 0.
 */
import { DateTime } from 'luxon';
import type { Case } from '../cases/types.js';
import { figures, teamsOf } from './kpis.js';

export type KpiBucket = 'day' | 'week';

/** Whose figures: everyone's, one team's (its promises only) or one staff member's cases. */
export type KpiScope = { team: string } | { staff: string } | null;

export interface KpiSeries {
  bucket: KpiBucket;
  scope: KpiScope;
  /** The first day of each bucket, `YYYY-MM-DD` in the business timezone. */
  starts: string[];
  cases: number[];
  firstResponseMedian: Array<number | null>;
  firstResponseP90: Array<number | null>;
  resolutionMedian: Array<number | null>;
  resolutionP90: Array<number | null>;
  promisesKept: Array<number | null>;
  punctuality: Array<number | null>;
  satisfaction: Array<number | null>;
  /** Only for everyone's figures (as in the report); null points otherwise. */
  containment: Array<number | null>;
}

export interface KpiSeriesOptions {
  from: Date;
  to: Date;
  bucket: KpiBucket;
  scope: KpiScope;
  timezone: string;
  onTimeDays?: number;
}

const QUARTER_HOUR_MS = 15 * 60_000;

/** Weeks start on Monday (ISO), as a support team's rota does. */
export function bucketStart(at: Date | string, bucket: KpiBucket, zone: string): DateTime {
  const time = typeof at === 'string' ? DateTime.fromISO(at, { zone }) : DateTime.fromJSDate(at, { zone });
  return time.startOf(bucket === 'week' ? 'week' : 'day');
}

function inScope(kase: Case, scope: KpiScope): boolean {
  if (!scope) return true;
  if ('team' in scope) return teamsOf(kase).includes(scope.team);
  return kase.handledBy.includes(scope.staff);
}

export function kpiSeries(cases: readonly Case[], options: KpiSeriesOptions): KpiSeries {
  const { bucket, scope, timezone: zone } = options;
  const from = options.from.getTime();
  const to = options.to.getTime();
  const groups = new Map<string, Case[]>();
  const last = bucketStart(options.to, bucket, zone);
  for (let at = bucketStart(options.from, bucket, zone); at <= last; at = at.plus({ [bucket]: 1 }))
    groups.set(at.toISODate()!, []);
  // Every time zone's offset is a whole number of quarter hours, so all instants of one quarter hour
  // fall in the same local day: one time-zone conversion per quarter hour, not one per case (over a
  // year of 100,000 cases the conversions were most of the time).
  const bucketOf = new Map<number, string>();
  for (const kase of cases) {
    const created = Date.parse(kase.createdAt);
    if (created < from || created > to || !inScope(kase, scope)) continue;
    const quarter = Math.floor(created / QUARTER_HOUR_MS);
    let key = bucketOf.get(quarter);
    if (key === undefined) {
      key = bucketStart(new Date(quarter * QUARTER_HOUR_MS), bucket, zone).toISODate()!;
      bucketOf.set(quarter, key);
    }
    groups.get(key)?.push(kase);
  }
  const series: KpiSeries = {
    bucket,
    scope,
    starts: [],
    cases: [],
    firstResponseMedian: [],
    firstResponseP90: [],
    resolutionMedian: [],
    resolutionP90: [],
    promisesKept: [],
    punctuality: [],
    satisfaction: [],
    containment: [],
  };
  for (const [start, group] of groups) {
    const f = figures(group, {
      ...(scope && 'team' in scope ? { promiseTeam: scope.team } : {}),
      containment: !scope,
      until: options.to,
      timezone: zone,
      ...(options.onTimeDays !== undefined ? { onTimeDays: options.onTimeDays } : {}),
    });
    series.starts.push(start);
    series.cases.push(f.cases);
    series.firstResponseMedian.push(f.firstResponse.medianMinutes);
    series.firstResponseP90.push(f.firstResponse.p90Minutes);
    series.resolutionMedian.push(f.resolution.medianMinutes);
    series.resolutionP90.push(f.resolution.p90Minutes);
    series.promisesKept.push(f.promises.keptPercent);
    series.punctuality.push(f.arrival.punctualPercent);
    series.satisfaction.push(f.satisfaction.average);
    series.containment.push(f.containment?.percent ?? null);
  }
  return series;
}
