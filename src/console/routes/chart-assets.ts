/**
 * The KPI charts' files: uPlot (installed from npm, served from node_modules by the app: no CDN, the
 * strict CSP loads scripts from the app only) and the console's own script that draws the charts.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { kpiChartsJs } from '../assets/kpi-charts-js.js';
import type { ConsoleRoutes } from '../context.js';

const require = createRequire(import.meta.url);
const files = new Map<string, string>();

/** Read once, on first use: the file does not change while the app runs. */
function uplotFile(name: 'uPlot.iife.min.js' | 'uPlot.min.css'): string {
  let text = files.get(name);
  if (text === undefined) {
    text = readFileSync(require.resolve(`uplot/dist/${name}`), 'utf8');
    files.set(name, text);
  }
  return text;
}

export const chartAssetRoutes: ConsoleRoutes = (app) => {
  const publicRoute = { config: { consolePublic: true } };
  const cache = 'public, max-age=3600';
  app.get('/console/assets/uplot.js', publicRoute, async (_request, reply) =>
    reply
      .type('text/javascript; charset=utf-8')
      .header('cache-control', cache)
      .send(uplotFile('uPlot.iife.min.js')),
  );
  app.get('/console/assets/uplot.css', publicRoute, async (_request, reply) =>
    reply.type('text/css; charset=utf-8').header('cache-control', cache).send(uplotFile('uPlot.min.css')),
  );
  app.get('/console/assets/kpi-charts.js', publicRoute, async (_request, reply) =>
    reply
      .type('text/javascript; charset=utf-8')
      .header('cache-control', 'public, max-age=300')
      .send(kpiChartsJs),
  );
};
