/**
 * A person's notifications: what the desk wrote to `P:notify:<name>` (reassigned to them, a customer
 * wrote on their case, a delivery failed, a deadline near) and to their teams' `P:notify:team:<team>`,
 * plus mentions written here. The console's bell counts those newer than the person last opened it
 * (`P:notify-seen:<name>`), so reading the list on one device clears the count on all of them.
 */
import type { Redis } from 'ioredis';
import type { NotifyKind } from '../cases/effects.js';
import type { StaffAccount } from './accounts.js';

/** As many as the desk keeps per list (it trims to 200). */
const KEPT = 200;

export interface StaffNotification {
  to: string;
  ref: string;
  text: string;
  at: string;
  kind?: NotifyKind;
  /** Who caused it, when a person did (a mention's author). */
  by?: string;
}

export interface Notifications {
  list(staff: StaffAccount, limit: number): Promise<StaffNotification[]>;
  /** How many arrived since the person last looked, and the newest of them. */
  unseen(staff: StaffAccount): Promise<{ count: number; latest: StaffNotification | null }>;
  markSeen(staff: StaffAccount, at: Date): Promise<void>;
  push(to: string, item: Omit<StaffNotification, 'to'>): Promise<void>;
}

export function createNotifications(redis: Redis, prefix: string): Notifications {
  const listKey = (to: string) => `${prefix}:notify:${to}`;
  const seenKey = (name: string) => `${prefix}:notify-seen:${name}`;
  const list = async (staff: StaffAccount, limit: number) => {
    const recipients = [staff.name, ...staff.teams.map((team) => `team:${team}`)];
    const lists = await Promise.all(recipients.map((to) => redis.lrange(listKey(to), 0, limit - 1)));
    const items = lists.flatMap((lines, n) =>
      lines.flatMap((line) => {
        try {
          return [{ to: recipients[n]!, ...(JSON.parse(line) as Omit<StaffNotification, 'to'>) }];
        } catch {
          return [];
        }
      }),
    );
    items.sort((a, b) => b.at.localeCompare(a.at));
    return items.slice(0, limit);
  };
  return {
    list,
    async unseen(staff) {
      const [items, seen] = await Promise.all([list(staff, 50), redis.get(seenKey(staff.name))]);
      const fresh = items.filter((item) => !seen || item.at > seen);
      return { count: fresh.length, latest: fresh[0] ?? null };
    },
    async markSeen(staff, at) {
      await redis.set(seenKey(staff.name), at.toISOString());
    },
    async push(to, item) {
      await redis
        .multi()
        .lpush(listKey(to), JSON.stringify(item))
        .ltrim(listKey(to), 0, KEPT - 1)
        .exec();
    },
  };
}

/**
 * The colleagues a note names: `@wang` by account name, or `@王工` by display name. Each once; the
 * author is not told about their own note.
 */
export function mentionedIn(text: string, people: readonly StaffAccount[], author: string): StaffAccount[] {
  const found = new Map<string, StaffAccount>();
  for (const match of text.matchAll(/@([^\s@,，。;；:：!！?？()（）]+)/gu)) {
    const word = match[1]!.toLowerCase().replace(/\.+$/, '');
    const person = people.find(
      (p) => !p.disabled && (p.name === word || (p.displayName && p.displayName.toLowerCase() === word)),
    );
    if (person && person.name !== author) found.set(person.name, person);
  }
  return [...found.values()];
}
