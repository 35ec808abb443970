/**
 * Case list views a person saved under a name (a filter set, kept as its query string), per person in
 * Redis beside their other console preferences: the same list on any browser they sign in from.
 */
import type { Redis } from 'ioredis';

export interface SavedView {
  name: string;
  /** The list's query string, without the leading `?`. */
  query: string;
}

export interface SavedViews {
  list(staff: string): Promise<SavedView[]>;
  save(staff: string, view: SavedView): Promise<void>;
  remove(staff: string, name: string): Promise<void>;
}

/** Enough for anyone's working lists; a 21st replaces nothing and is refused by the form's check. */
export const MAX_SAVED_VIEWS = 20;

export function createSavedViews(redis: Redis, prefix: string): SavedViews {
  const key = (staff: string) => `${prefix}:console:views:${staff}`;
  return {
    async list(staff) {
      const all = await redis.hgetall(key(staff));
      return Object.entries(all)
        .map(([name, query]) => ({ name, query }))
        .sort((a, b) => a.name.localeCompare(b.name));
    },
    async save(staff, view) {
      await redis.hset(key(staff), view.name, view.query);
    },
    async remove(staff, name) {
      await redis.hdel(key(staff), name);
    },
  };
}
