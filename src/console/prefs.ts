/** Per-person console preferences (the interface language), kept with the person, not the browser. */
import type { Redis } from 'ioredis';
import { type ConsoleLang, isConsoleLang } from './i18n.js';

export interface ConsolePrefs {
  lang(name: string): Promise<ConsoleLang | null>;
  setLang(name: string, lang: ConsoleLang): Promise<void>;
}

export function createConsolePrefs(redis: Redis, prefix: string): ConsolePrefs {
  const key = (name: string) => `${prefix}:console:prefs:${name}`;
  return {
    async lang(name) {
      const value = await redis.hget(key(name), 'lang');
      return isConsoleLang(value) ? value : null;
    },
    async setLang(name, lang) {
      await redis.hset(key(name), 'lang', lang);
    },
  };
}
