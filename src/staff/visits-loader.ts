/** Loads contracts, visit plans and recent cases, and hands them to the pure upcoming-visits list. */
import { DateTime } from 'luxon';
import { createContractStore } from '../cases/contract-store.js';
import { createVisitPlanStore } from '../cases/visit-plan.js';
import { today } from '../contracts/service.js';
import type { Runtime } from '../runtime.js';
import { type UpcomingVisit, upcomingVisits } from './upcoming-visits.js';

/** Cases older than this cannot hold an upcoming visit any more. */
const LOOKBACK_MS = 400 * 24 * 3600_000;

export async function loadUpcomingVisits(runtime: Runtime, days: number): Promise<UpcomingVisit[]> {
  const now = runtime.clock.now();
  const zone = runtime.content.policy.hours.timezone;
  const { redis } = runtime;
  const prefix = runtime.config.REDIS_KEY_PREFIX;
  const [contracts, plans, cases] = await Promise.all([
    createContractStore(redis, prefix).list(),
    createVisitPlanStore(redis, prefix).list(),
    runtime.cases.createdBetween(new Date(now.getTime() - LOOKBACK_MS), now),
  ]);
  return upcomingVisits([...contracts, ...plans], cases, {
    today: today(runtime),
    days,
    dateOf: (iso) => DateTime.fromISO(iso, { zone }).toISODate()!,
  });
}
