/**
 * Supervisor pages: cases at risk and breached, and the KPI report for a chosen period and team (default: the last 30 days, every
 * team), as a page and as CSV. Agents and engineers get 403.
 */
import type { FastifyRequest } from 'fastify';
import { DateTime } from 'luxon';
import { z } from 'zod';
import type { Runtime } from '../../runtime.js';
import { assertSupervisor } from '../../staff/access.js';
import { staffNameSchema, teamNameSchema } from '../../staff/accounts.js';
import { kpiCases } from '../../staff/kpi-loader.js';
import { type KpiBucket, type KpiScope, kpiSeries } from '../../staff/kpi-series.js';
import { computeKpis } from '../../staff/kpis.js';
import { parseInput } from '../../staff/validate.js';
import { casesAtRisk } from '../at-risk.js';
import { type ConsoleRoutes, pageContext, sendPage, signedIn } from '../context.js';
import { kpiCsv } from '../kpi-csv.js';
import { atRiskPage } from '../views/at-risk.js';
import { kpiPage } from '../views/kpis.js';

const PERIOD_DAYS = 30;
const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date written YYYY-MM-DD')
  .optional()
  .or(z.literal('').transform(() => undefined));

const kpiForm = z.object({
  from: day,
  to: day,
  team: teamNameSchema.optional().or(z.literal('').transform(() => undefined)),
  /** The charts' buckets; automatic: days up to this many, weeks beyond. */
  per: z.enum(['day', 'week', '']).optional(),
  /** Whose figures the charts draw: everyone, `team:NAME` or `staff:NAME`. */
  chart: z
    .union([
      z.literal(''),
      z
        .string()
        .regex(/^team:/)
        .pipe(
          z
            .string()
            .transform((v) => v.slice(5))
            .pipe(teamNameSchema),
        )
        .transform((team) => ({ team })),
      z
        .string()
        .regex(/^staff:/)
        .pipe(
          z
            .string()
            .transform((v) => v.slice(6))
            .pipe(staffNameSchema),
        )
        .transform((staff) => ({ staff })),
    ])
    .optional(),
});
const DAILY_UP_TO_DAYS = 45;

/** Whole days in the business timezone: from the start of `from` to the end of `to`. */
async function report(runtime: Runtime, request: FastifyRequest) {
  assertSupervisor(signedIn(request).staff, 'see KPIs');
  const query = parseInput(kpiForm, request.query, 'query');
  const { policy } = runtime.content;
  const zone = policy.hours.timezone;
  const to = query.to
    ? DateTime.fromISO(query.to, { zone }).endOf('day')
    : DateTime.fromJSDate(runtime.clock.now(), { zone });
  const from = query.from
    ? DateTime.fromISO(query.from, { zone }).startOf('day')
    : to.minus({ days: PERIOD_DAYS }).startOf('day');
  const cases = await kpiCases(runtime, from.toJSDate(), to.toJSDate());
  const period = {
    from: from.toJSDate(),
    to: to.toJSDate(),
    onTimeDays: policy.visits.on_time_days,
    timezone: zone,
  };
  const loaded = computeKpis(cases, { ...period, ...(query.team ? { team: query.team } : {}) });
  const per: KpiBucket = query.per || (to.diff(from, 'days').days > DAILY_UP_TO_DAYS ? 'week' : 'day');
  // The team filter narrows the charts too, unless a chart scope is chosen.
  const scope: KpiScope = query.chart || (query.team ? { team: query.team } : null);
  const series = kpiSeries(cases, { ...period, bucket: per, scope });
  const chart = !query.chart
    ? ''
    : 'team' in query.chart
      ? `team:${query.chart.team}`
      : `staff:${query.chart.staff}`;
  return {
    report: loaded,
    series,
    chosen: {
      from: from.toISODate()!,
      to: to.toISODate()!,
      team: query.team ?? '',
      per: query.per ?? '',
      chart,
    },
  };
}

export const supervisorRoutes: ConsoleRoutes = (app, { runtime }) => {
  app.get('/console/at-risk', async (request, reply) => {
    assertSupervisor(signedIn(request).staff, 'see cases at risk');
    return sendPage(reply, atRiskPage(pageContext(request, runtime), await casesAtRisk(runtime)));
  });

  app.get('/console/kpis', async (request, reply) => {
    const { report: loaded, series, chosen } = await report(runtime, request);
    return sendPage(reply, kpiPage(pageContext(request, runtime), loaded, chosen, series));
  });

  app.get('/console/kpis.csv', async (request, reply) => {
    const { report: loaded, chosen } = await report(runtime, request);
    return reply
      .type('text/csv; charset=utf-8')
      .header('cache-control', 'no-store')
      .header('content-disposition', `attachment; filename="kpis-${chosen.from}-${chosen.to}.csv"`)
      .send(kpiCsv(loaded));
  });
};
