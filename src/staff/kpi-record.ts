/**
 * The KPI report's figures from the record: service-review scores per person (`reviews`: reviews given
 * in the period) and trips per on-site case and visits per trip (`tripEfficiency`). Without the record,
 * or with it away, the KPIs go out without them (logged).
 */
import { type ReviewFigures, reviewScores } from '../reports/reviews.js';
import { type TripFigures, tripFigures } from '../reports/trips.js';
import type { Runtime } from '../runtime.js';

export async function recordKpis(
  runtime: Runtime,
  from: Date,
  to: Date,
): Promise<{ reviews?: Record<string, ReviewFigures>; tripEfficiency?: TripFigures }> {
  if (!runtime.record) return {};
  const db = runtime.record.readDb;
  // The KPI period includes its end; the queries exclude it.
  const end = new Date(to.getTime() + 1);
  try {
    const [reviews, tripEfficiency] = await Promise.all([
      reviewScores(db, from, end),
      tripFigures(db, from, end, runtime.content.policy.hours.timezone),
    ]);
    return { reviews, tripEfficiency };
  } catch (error) {
    runtime.logger.warn({ err: error }, 'KPIs: review scores not read from the record');
    return {};
  }
}
