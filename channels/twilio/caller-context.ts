/**
 * Who is calling, before they say anything: the language we last spoke with them, and the question
 * they left open if a conversation is under way (a call that dropped mid-flow, or a report started by
 * SMS) — so the call picks it up instead of starting over. Read-only: the session and transcript are
 * the customer's, written only through the inbox.
 */
import type { TranscriptEntry } from '../../src/cases/types.js';
import { conversationKeyOf, customerIdFor, identityOf } from '../../src/conversation/keys.js';
import type { Session } from '../../src/engine/session.js';
import type { Lang, Reply } from '../../src/engine/types.js';
import type { Runtime } from '../../src/runtime.js';

export interface CallerContext {
  lang: Lang;
  /** The question waiting for an answer, as it was last asked. */
  pending: Reply | null;
}

/** Transcript entries looked at from the end to find the last question. */
const TAIL = 50;

export async function callerContext(runtime: Runtime, phone: string): Promise<CallerContext> {
  const identity = identityOf('voice', phone);
  const own = customerIdFor(identity);
  // A number staff linked to another customer is that customer's (see src/desk/link-identity.ts).
  const customerId = (await runtime.redis.get(`${runtime.desk.inbox.keys.customer(own)}link`)) ?? own;
  const base = runtime.desk.inbox.keys.customer(customerId);
  const [rawProfile, rawSession] = await runtime.redis.mget(
    `${base}profile`,
    `${base}session:${conversationKeyOf(identity)}`,
  );
  const session = rawSession ? (JSON.parse(rawSession) as Session) : null;
  const profileLang = rawProfile ? (JSON.parse(rawProfile) as { lang?: Lang }).lang : undefined;
  const lang: Lang = session?.lang ?? profileLang ?? 'zh';
  const bot = runtime.content.bundle.bot;
  const idleMs = bot.session_idle_hours * 3600_000;
  const fresh = session && runtime.clock.now().getTime() - new Date(session.updatedAt).getTime() < idleMs;
  const slot = session?.asked[0];
  if (!session || !fresh || !session.flow || !slot) return { lang, pending: null };

  const tail = await runtime.redis.lrange(`${base}log`, -TAIL, -1);
  const asked = tail
    .map((line) => JSON.parse(line) as TranscriptEntry)
    .findLast(
      (entry) => entry.kind === 'out' && entry.author === 'bot' && entry.conv === session.conversationId,
    );
  if (!asked) return { lang, pending: null };
  const type = runtime.content.bundle.flows.get(session.flow)?.slots[slot]?.type ?? 'text';
  const choices = Array.isArray(asked.meta?.choices) ? (asked.meta.choices as string[]) : undefined;
  return { lang, pending: { text: asked.text, ...(choices ? { choices } : {}), expects: { slot, type } } };
}
