/**
 * `GET /reports/products?from=&to=&category=&segment=&region=&industry=` (supervisors): product
 * feedback for R&D from the record — faults by category and model × symptom × part, repeat faults,
 * dead on arrival, warranty against paid, by month. `format=csv` gives the same as a file.
 */
import type { FastifyReply } from 'fastify';
import { reportPeriod } from '../../reports/period.js';
import { productReportCsv } from '../../reports/product-csv.js';
import { productReportQuery } from '../../reports/product-query.js';
import { loadProductReport } from '../../reports/product-report.js';
import { onRecord } from '../../reports/record-access.js';
import { assertSupervisor } from '../access.js';
import { caller } from '../auth.js';
import { parseInput } from '../validate.js';
import type { StaffRoutes } from './context.js';

export function sendCsv(reply: FastifyReply, name: string, body: string): FastifyReply {
  return reply
    .type('text/csv; charset=utf-8')
    .header('cache-control', 'no-store')
    .header('content-disposition', `attachment; filename="${name}"`)
    .send(body);
}

export const reportRoutes: StaffRoutes = (app, { runtime }) => {
  app.get('/reports/products', async (request, reply) => {
    assertSupervisor(caller(request), 'see product reports');
    const query = parseInput(productReportQuery, request.query, 'query');
    const timezone = runtime.content.policy.hours.timezone;
    const period = reportPeriod(query, timezone, runtime.clock.now());
    const { segment, region, industry } = query;
    const report = await onRecord(runtime, 'read', (db) =>
      loadProductReport(db, {
        from: period.from,
        to: period.to,
        timezone,
        ...(query.category ? { category: query.category } : {}),
        group: { segment, region, industry },
      }),
    );
    if (query.format === 'csv')
      return sendCsv(reply, `products-${period.fromDay}-${period.toDay}.csv`, productReportCsv(report));
    return report;
  });
};
