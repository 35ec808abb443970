/**
 * `/console/reports/products` (supervisors): the product report for a chosen period, category and
 * customer group, as a page and as CSV (`/console/reports/products.csv`). Others get 403.
 */
import type { FastifyRequest } from 'fastify';
import { productCategories } from '../../reports/categories.js';
import { reportPeriod } from '../../reports/period.js';
import { productReportCsv } from '../../reports/product-csv.js';
import { productReportQuery } from '../../reports/product-query.js';
import { loadProductReport } from '../../reports/product-report.js';
import { onRecord } from '../../reports/record-access.js';
import type { Runtime } from '../../runtime.js';
import { assertSupervisor } from '../../staff/access.js';
import { parseInput } from '../../staff/validate.js';
import { type ConsoleRoutes, pageContext, sendPage, signedIn } from '../context.js';
import { productReportPage } from '../views/reports.js';

async function productReport(runtime: Runtime, request: FastifyRequest) {
  assertSupervisor(signedIn(request).staff, 'see product reports');
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
  const chosen = {
    from: period.fromDay,
    to: period.toDay,
    category: query.category ?? '',
    segment: segment ?? '',
    region: region ?? '',
    industry: industry ?? '',
  };
  return { report, chosen };
}

export const reportRoutes: ConsoleRoutes = (app, { runtime }) => {
  app.get('/console/reports/products', async (request, reply) => {
    const { report, chosen } = await productReport(runtime, request);
    const categories = productCategories(runtime.content.bundle);
    return sendPage(reply, productReportPage(pageContext(request, runtime), report, chosen, categories));
  });

  app.get('/console/reports/products.csv', async (request, reply) => {
    const { report, chosen } = await productReport(runtime, request);
    return reply
      .type('text/csv; charset=utf-8')
      .header('cache-control', 'no-store')
      .header('content-disposition', `attachment; filename="products-${chosen.from}-${chosen.to}.csv"`)
      .send(productReportCsv(report));
  });
};
