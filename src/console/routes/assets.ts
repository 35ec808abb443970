/** The stylesheet and the script, served by the app itself (no CDN: customers' networks are often closed). */
import { consoleCss } from '../assets/console-css.js';
import { consoleJs } from '../assets/console-js.js';
import type { ConsoleRoutes } from '../context.js';

export const assetRoutes: ConsoleRoutes = (app) => {
  const publicRoute = { config: { consolePublic: true } };
  app.get('/console/assets/console.css', publicRoute, async (_request, reply) =>
    reply.type('text/css; charset=utf-8').header('cache-control', 'public, max-age=300').send(consoleCss),
  );
  app.get('/console/assets/console.js', publicRoute, async (_request, reply) =>
    reply
      .type('text/javascript; charset=utf-8')
      .header('cache-control', 'public, max-age=300')
      .send(consoleJs),
  );
};
