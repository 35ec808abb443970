/**
 * `GET /kpis?from=&to=&team=` (supervisors): service KPIs over the cases created in [from, to];
 * `segment=`, `region=`, `industry=` narrow them to the cases of a customer group (docs/reports.md).
 */

import { groupFilterSchema, hasGroupFilter } from '../../reports/groups.js';
import { assertSupervisor } from '../access.js';
import { caller } from '../auth.js';
import { groupKpis } from '../kpi-groups.js';
import { loadKpis } from '../kpi-loader.js';
import { recordKpis } from '../kpi-record.js';
import { kpiQuery } from '../schemas.js';
import { parseInput } from '../validate.js';
import type { StaffRoutes } from './context.js';

/** Without `from`, the report covers the 30 days before `to` (default: now). */
const DEFAULT_PERIOD_MS = 30 * 24 * 3600_000;

export const kpiRoutes: StaffRoutes = (app, { runtime }) => {
  app.get('/kpis', async (request) => {
    assertSupervisor(caller(request), 'see KPIs');
    const query = parseInput(kpiQuery, request.query, 'query');
    const to = query.to ? new Date(query.to) : runtime.clock.now();
    const from = query.from ? new Date(query.from) : new Date(to.getTime() - DEFAULT_PERIOD_MS);
    const { policy } = runtime.content;
    const options = {
      from,
      to,
      ...(query.team ? { team: query.team } : {}),
      onTimeDays: policy.visits.on_time_days,
      timezone: policy.hours.timezone,
    };
    const group = parseInput(groupFilterSchema, request.query, 'query');
    const report = hasGroupFilter(group)
      ? await groupKpis(runtime, group, options)
      : await loadKpis(runtime, options);
    return { ...report, ...(await recordKpis(runtime, from, to)) };
  });
};
