/**
 * `GET /me` (who the token belongs to) and `GET /notifications` (what the desk told the caller or
 * their teams: deadline warnings, reassignments, failed deliveries), newest first.
 */
import { caller } from '../auth.js';
import { notificationsQuery } from '../schemas.js';
import { parseInput } from '../validate.js';
import type { StaffRoutes } from './context.js';

interface Notification {
  to: string;
  ref: string;
  text: string;
  at: string;
}

export const meRoutes: StaffRoutes = (app, { runtime }) => {
  app.get('/me', async (request) => {
    const { name, role, teams } = caller(request);
    return { name, role, teams };
  });

  app.get('/notifications', async (request) => {
    const staff = caller(request);
    const { limit } = parseInput(notificationsQuery, request.query, 'query');
    const prefix = runtime.config.REDIS_KEY_PREFIX;
    // The desk writes `notify:<name>` for a person and `notify:team:<team>` for a queue's watchers.
    const recipients = [staff.name, ...staff.teams.map((team) => `team:${team}`)];
    const lists = await Promise.all(
      recipients.map((to) => runtime.redis.lrange(`${prefix}:notify:${to}`, 0, limit - 1)),
    );
    const items: Notification[] = lists.flatMap((lines, n) =>
      lines.map((line) => ({ to: recipients[n]!, ...(JSON.parse(line) as Omit<Notification, 'to'>) })),
    );
    items.sort((a, b) => b.at.localeCompare(a.at));
    return { items: items.slice(0, limit) };
  });
};
