/**
 * Global intents: asking for a person, cancelling, help, case status, an upset customer. They work at
 * any step of any flow; the first intent in `bot.yaml` that matches wins.
 */
import type { Intent } from '../flows/schema.js';
import { findKeyword, isShouting } from './extract/index.js';

/** Punctuation and filler around a whole-message keyword ("help!", "帮助一下"). */
const FILLER = /[\s\p{P}\p{S}]|一下|请|please|pls/giu;

export interface IntentMatchOptions {
  /** The question being asked expects a number: a bare "0" is an answer, not the keypad shortcut. */
  expectsNumber?: boolean;
}

function compiled(intent: Intent): RegExp[] {
  return intent.match.patterns.map((source) => new RegExp(source, 'iu'));
}

const cache = new WeakMap<Intent, RegExp[]>();

export function matchesIntent(intent: Intent, text: string, options: IntentMatchOptions = {}): boolean {
  const trimmed = text.trim();
  if (!trimmed) return false;
  if (intent.match.exact.includes(trimmed) && !(options.expectsNumber && /^\d+$/.test(trimmed))) return true;
  let patterns = cache.get(intent);
  if (!patterns) {
    patterns = compiled(intent);
    cache.set(intent, patterns);
  }
  if (patterns.some((pattern) => pattern.test(trimmed))) return true;
  if (intent.match.all_caps && isShouting(trimmed)) return true;
  const words = [...intent.match.zh, ...intent.match.en];
  if (intent.whole_message) {
    const bare = trimmed.replace(FILLER, '').toLowerCase();
    return words.some((word) => word.replace(FILLER, '').toLowerCase() === bare);
  }
  return findKeyword(trimmed, words) !== null;
}

export function matchIntent(
  intents: readonly Intent[],
  text: string,
  options: IntentMatchOptions = {},
): Intent | undefined {
  return intents.find((intent) => matchesIntent(intent, text, options));
}
