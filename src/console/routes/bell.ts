/**
 * The bell: `GET /console/notifications` (the list; opening it marks everything seen) and
 * `GET /console/notifications/state` (JSON the page script reads: the unseen count, the newest
 * notification, the queues' waiting count and newest case, and how soon to ask again).
 */
import { createNotifications } from '../../staff/notifications.js';
import { type ConsoleRoutes, pageContext, sendPage, signedIn } from '../context.js';
import { notificationsPage } from '../views/bell.js';
import { myQueues } from './queue.js';

export const bellRoutes: ConsoleRoutes = (app, ctx) => {
  const { runtime } = ctx;
  const notifications = createNotifications(runtime.redis, runtime.config.REDIS_KEY_PREFIX);
  const seenKey = (name: string) => `${runtime.config.REDIS_KEY_PREFIX}:notify-seen:${name}`;

  app.get('/console/notifications', async (request, reply) => {
    const { staff } = signedIn(request);
    const [items, seen] = await Promise.all([
      notifications.list(staff, 100),
      runtime.redis.get(seenKey(staff.name)),
    ]);
    await notifications.markSeen(staff, runtime.clock.now());
    return sendPage(reply, notificationsPage(pageContext(request, runtime), items, seen));
  });

  app.get('/console/notifications/state', async (request, reply) => {
    const { staff } = signedIn(request);
    const [unseen, queues] = await Promise.all([
      notifications.unseen(staff),
      // Only the person's own teams: a supervisor is not alerted for every queue in the building.
      myQueues(runtime, ctx.accounts, { ...staff, role: staff.role === 'supervisor' ? 'agent' : staff.role }),
    ]);
    const waiting = queues.flatMap((queue) => queue.waiting);
    const newest = waiting.reduce<(typeof waiting)[number] | null>(
      (best, item) => (!best || item.waitingSince > best.waitingSince ? item : best),
      null,
    );
    const w = pageContext(request, runtime).w.bell;
    return reply.header('cache-control', 'no-store').send({
      count: unseen.count,
      latest: unseen.latest,
      waiting: waiting.length,
      newest: newest ? { ref: newest.ref, summary: newest.summary } : null,
      pollMs: ctx.bellPollMs,
      words: { newCase: w.newCase, customerWrote: w.customerWrote },
    });
  });
};
