/**
 * The service plan's review figures beyond response times (plan 2 (6): 时间、效果、成本的考核), pure:
 * - visits done on time: preventive visits finished no later than `onTimeDays` after their planned
 *   date; one still open past that is late;
 * - cost per case: parts and consumables cost of the maintenance records; records over their advance
 *   (预支) are listed with the reason given (耗材超出预支时…注明原因);
 * - trips per resolved on-site case: fewer is better — the plan asks to group visits (集中服务以减少车辆
 *   使用的浪费).
 */
import { DateTime } from 'luxon';
import { budgetCheck, materialsCost } from '../cases/costs.js';
import type { Case } from '../cases/types.js';
import { addDays } from '../policy/dates.js';

export interface ServicePlanOptions {
  /** @defaultValue 7 */
  onTimeDays?: number;
  /** @defaultValue Asia/Shanghai */
  timezone?: string;
  /** The end of the period: an open visit past its grace by then is late. */
  until: Date;
}

export interface ServicePlanFigures {
  visits: { done: number; onTime: number; late: number; onTimePercent: number | null };
  cost: {
    records: number;
    total: number;
    perCase: number | null;
    overBudget: Array<{ ref: string; cost: number; budget: number; over: number; reason: string | null }>;
  };
  trips: { trips: number; distanceKm: number; onsiteResolved: number; perResolvedOnsiteCase: number | null };
}

const round = (value: number, digits = 1) => Math.round(value * 10 ** digits) / 10 ** digits;
const isFinished = (kase: Case) => kase.status === 'resolved' || kase.status === 'closed';

export function servicePlanFigures(cases: readonly Case[], options: ServicePlanOptions): ServicePlanFigures {
  const zone = options.timezone ?? 'Asia/Shanghai';
  const grace = options.onTimeDays ?? 7;
  const dateOf = (at: Date | string) =>
    (typeof at === 'string'
      ? DateTime.fromISO(at, { zone })
      : DateTime.fromJSDate(at, { zone })
    ).toISODate()!;
  const until = dateOf(options.until);

  let done = 0;
  let onTime = 0;
  let late = 0;
  for (const kase of cases) {
    if (!kase.visit) continue;
    const latest = addDays(kase.visit.due, grace);
    if (isFinished(kase) && kase.record) {
      done++;
      if (dateOf(kase.record.finishedAt) <= latest) onTime++;
      else late++;
    } else if (until > latest) late++;
  }

  const withRecord = cases.filter((kase) => kase.record !== null);
  const total = withRecord.reduce((sum, kase) => sum + materialsCost(kase.record!), 0);
  const overBudget = withRecord.flatMap((kase) => {
    const check = budgetCheck(kase.record!, kase.record!.budget ?? Number.POSITIVE_INFINITY);
    return check.over > 0 ? [{ ref: kase.ref, ...check, reason: kase.record!.overBudgetReason ?? null }] : [];
  });

  const onsite = cases.filter((kase) => isFinished(kase) && kase.record?.mode === 'onsite');
  const trips = onsite.reduce((sum, kase) => sum + (kase.record!.trips?.length ?? 0), 0);
  const distanceKm = onsite.reduce(
    (sum, kase) => sum + (kase.record!.trips ?? []).reduce((km, trip) => km + (trip.distanceKm ?? 0), 0),
    0,
  );

  return {
    visits: {
      done,
      onTime,
      late,
      onTimePercent: onTime + late === 0 ? null : round((onTime / (onTime + late)) * 100),
    },
    cost: {
      records: withRecord.length,
      total: round(total, 2),
      perCase: withRecord.length === 0 ? null : round(total / withRecord.length, 2),
      overBudget,
    },
    trips: {
      trips,
      distanceKm: round(distanceKm),
      onsiteResolved: onsite.length,
      perResolvedOnsiteCase: onsite.length === 0 ? null : round(trips / onsite.length, 2),
    },
  };
}

/** Who did the work on site: the record's engineer, else the booked one. */
export function engineersOf(kase: Case): string[] {
  const name = kase.record?.engineer ?? kase.appointment?.engineer ?? kase.missedVisits?.at(-1)?.engineer;
  return name ? [name] : [];
}
