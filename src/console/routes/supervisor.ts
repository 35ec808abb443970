/** Supervisor pages: the KPI report (last 30 days, every team). Agents and engineers get 403. */
import { assertSupervisor } from '../../staff/access.js';
import { loadKpis } from '../../staff/kpi-loader.js';
import { type ConsoleRoutes, pageContext, sendPage, signedIn } from '../context.js';
import { kpiPage } from '../views/kpis.js';

const PERIOD_MS = 30 * 24 * 3600_000;

export const supervisorRoutes: ConsoleRoutes = (app, { runtime }) => {
  app.get('/console/kpis', async (request, reply) => {
    assertSupervisor(signedIn(request).staff, 'see KPIs');
    const to = runtime.clock.now();
    const { policy } = runtime.content;
    const report = await loadKpis(runtime.cases, {
      from: new Date(to.getTime() - PERIOD_MS),
      to,
      onTimeDays: policy.visits.on_time_days,
      timezone: policy.hours.timezone,
    });
    return sendPage(reply, kpiPage(pageContext(request, runtime), report));
  });
};
