/**
 * The service-review scores per person for the KPI report (`reviews`): from the record, reviews given
 * in the period. Without the record, or with it away, the KPIs go out without them (logged).
 */
import { type ReviewFigures, reviewScores } from '../reports/reviews.js';
import type { Runtime } from '../runtime.js';

export async function reviewKpis(
  runtime: Runtime,
  from: Date,
  to: Date,
): Promise<{ reviews?: Record<string, ReviewFigures> }> {
  if (!runtime.record) return {};
  try {
    // The KPI period includes its end; the scores' query excludes it.
    return { reviews: await reviewScores(runtime.record.readDb, from, new Date(to.getTime() + 1)) };
  } catch (error) {
    runtime.logger.warn({ err: error }, 'KPIs: review scores not read from the record');
    return {};
  }
}
